#include "web/view.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>

#include "web/ui/navigation.h"

namespace rapport::web {
namespace {

namespace mstch = kainjow::mustache;
namespace json = boost::json;

mstch::data to_data(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: {
      mstch::data d{mstch::data::type::object};
      for (const auto& [k, val] : v.get_object()) d.set(std::string(k), to_data(val));
      return d;
    }
    case json::kind::array: {
      mstch::data d{mstch::data::type::list};
      for (const auto& val : v.get_array()) d.push_back(to_data(val));
      return d;
    }
    // An empty string is false, so {{#field}} sections hide empty values.
    case json::kind::string:
      if (v.get_string().empty()) return mstch::data{mstch::data::type::bool_false};
      return mstch::data{std::string(v.get_string())};
    case json::kind::bool_:
      return v.get_bool() ? mstch::data{mstch::data::type::bool_true}
                          : mstch::data{mstch::data::type::bool_false};
    case json::kind::int64:
      return mstch::data{std::to_string(v.get_int64())};
    case json::kind::uint64:
      return mstch::data{std::to_string(v.get_uint64())};
    case json::kind::double_:
      return mstch::data{json::serialize(v)};
    case json::kind::null:
      return mstch::data{mstch::data::type::bool_false};
  }
  return mstch::data{};
}

// Parsed templates, one cache per thread: kainjow's render() is not const.
mstch::mustache& parsed(const std::string& name, const std::string& source) {
  thread_local std::unordered_map<std::string, std::unique_ptr<mstch::mustache>> cache;
  auto& slot = cache[name];
  if (!slot) slot = std::make_unique<mstch::mustache>(source);
  return *slot;
}

// `text` with every {{>name}} replaced by partials/name's own text, itself
// expanded (up to a depth that only a partial including itself reaches).
// Done once at load, the pages are parsed once with their partials: kainjow
// would otherwise look a partial up and parse it anew at every use, on
// every request.
std::string expand_partials(const std::string& text,
                            const std::map<std::string, std::string, std::less<>>& sources,
                            int depth = 0) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    auto open = text.find("{{>", at);
    if (open == std::string::npos) break;
    auto close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    out.append(text, at, open - at);
    auto partial = sources.find("partials/" + name);
    if (partial != sources.end() && depth < 8)
      out += expand_partials(partial->second, sources, depth + 1);
    else
      out.append(text, open, close + 2 - open);  // left to kainjow (renders nothing)
    at = close + 2;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

Views::Views(std::string template_dir, const i18n::Catalog& catalog)
    : template_dir_(std::move(template_dir)), catalog_(catalog) {}

Status Views::load() {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(template_dir_, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto name = fs::relative(entry.path(), template_dir_).replace_extension("").string();
    mstch::mustache check(text.str());
    if (!check.is_valid())
      return Error{ErrorCode::internal,
                   "templates.invalid",
                   {{"name", name}},
                   {},
                   name + ": " + check.error_message()};
    sources_[name] = text.str();
  }
  std::map<std::string, std::string, std::less<>> expanded;
  for (const auto& [name, text] : sources_) expanded[name] = expand_partials(text, sources_);
  sources_ = std::move(expanded);
  if (ec || sources_.empty())
    return Error{ErrorCode::internal,
                 "templates.missing",
                 {{"dir", template_dir_}},
                 {},
                 "no templates in " + template_dir_};
  return Ok{};
}

std::string Views::render(std::string_view name, const json::object& data, Language lang) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) return "template missing: " + std::string(name);
  mstch::data d = to_data(data);
  const i18n::Catalog& catalog = catalog_;
  // lambda2: its text goes out as it is (a plain lambda's would be parsed
  // as a template again, at every {{#t}}).
  d.set("t", mstch::lambda2{[&catalog, lang](const std::string& key, const mstch::renderer&) {
          return html_escape(catalog.text(lang, key));
        }});
  return parsed(it->first, it->second).render(d);
}

std::string Views::page(const Request& req, std::string_view name, json::object data,
                        const std::string& title) const {
  data["csrf_token"] = req.csrf_token;
  std::string body = render(name, data, req.language);
  json::object frame = ui::frame_data(req, catalog_);
  frame["title"] = title;
  frame["body"] = body;
  frame["csrf_token"] = req.csrf_token;
  // What a page shows in the frame: the open customer, the searched text.
  for (const char* key : {"customer_bar", "search_q"})
    if (auto it = data.find(key); it != data.end()) frame[key] = it->value();
  return render("layout", frame, req.language);
}

}  // namespace rapport::web
