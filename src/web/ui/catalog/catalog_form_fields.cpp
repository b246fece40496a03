#include "web/ui/catalog/catalog_form_fields.h"

namespace rapport::web::ui {

boost::json::object catalog_text_field(const Request& req, const WebContext& ctx,
                                       const boost::json::object& data, const std::string& name,
                                       const std::string& value, bool required, std::size_t max,
                                       const char* type) {
  boost::json::object f{
      {"name", name},   {"label", ctx.catalog.text(req.language, "field." + name)},
      {"value", value}, {"required", required},
      {"max", max},     {"type", type}};
  if (auto it = data.find(name + "_error"); it != data.end()) f["error"] = it->value();
  return f;
}

}  // namespace rapport::web::ui
