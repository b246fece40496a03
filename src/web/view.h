// web/view.h: pages from the Mustache templates in templates/.
//
// Handlers build a JSON object of what the page shows; the template
// translates its fixed text with {{#t}}key{{/t}} and gets the page frame
// (header, navigation, language switcher) from layout.mustache. Values are
// HTML-escaped by Mustache unless a template uses triple braces. Partials
// (templates/partials/NAME) are looked up by NAME among the data, so no data
// key may be named like a partial.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/result.h"
#include "i18n/catalog.h"
#include "web/request.h"

namespace rapport::web {

class Views {
 public:
  Views(std::string template_dir, const i18n::Catalog& catalog);

  // Reads every *.mustache file and checks it parses.
  // Errors: internal ("templates.invalid") naming the first bad file.
  Status load();

  // The named template rendered alone (an htmx fragment, an e-mail).
  std::string render(std::string_view name, const boost::json::object& data, Language lang) const;
  // The named page inside the layout; `title` is already translated.
  std::string page(const Request& req, std::string_view name, boost::json::object data,
                   const std::string& title) const;

  const i18n::Catalog& catalog() const { return catalog_; }

 private:
  std::string template_dir_;
  const i18n::Catalog& catalog_;
  std::map<std::string, std::string, std::less<>> sources_;
};

}  // namespace rapport::web
