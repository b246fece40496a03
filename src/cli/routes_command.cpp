// rapport routes [--json]: every route of the server's router, with the
// access it requires — what the route fuzzer (tests/http) walks.
#include <iostream>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "cli/commands.h"
#include "cli/web_stack.h"

namespace rapport::cli {
namespace {

const char* access_name(web::Access access) {
  switch (access) {
    case web::Access::open:
      return "open";
    case web::Access::staff:
      return "staff";
    case web::Access::user:
      return "user";
    case web::Access::customer:
      return "customer";
  }
  return "staff";
}

int list_routes(CliContext& ctx, bool json) {
  auto db = ctx.open_database();
  if (!db) return 3;
  WebStack stack(*db, ctx.clock, *ctx.catalog, {}, web_options(false, {}));
  boost::json::array out;
  for (const auto& route : stack.app.router().routes()) {
    if (!json) {
      std::cout << route.method << "\t" << route.pattern << "\t" << access_name(route.access)
                << (route.hashes_password ? "\thashes-password" : "")
                << (route.upload ? "\tupload" : "") << "\n";
      continue;
    }
    out.push_back(boost::json::object{{"method", route.method},
                                      {"pattern", route.pattern},
                                      {"access", access_name(route.access)},
                                      {"hashes_password", route.hashes_password},
                                      {"upload", route.upload.has_value()}});
  }
  if (json) std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

}  // namespace

void add_routes_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto json = std::make_shared<bool>(false);
  auto* routes = app.add_subcommand("routes", ctx.text("cli.routes_help"));
  routes->add_flag("--json", *json, ctx.text("cli.routes_json_option"));
  routes->callback([&, json] { action = [&, json] { return list_routes(ctx, *json); }; });
}

}  // namespace rapport::cli
