#include "store/named_columns.h"

namespace rapport::store {
namespace {

template <typename Item>
std::string joined(Columns columns, Item item) {
  std::string out;
  for (auto c : columns) {
    if (!out.empty()) out += ", ";
    item(out, c);
  }
  return out;
}

}  // namespace

std::string column_list(Columns columns) {
  return joined(columns, [](std::string& out, std::string_view c) { out += c; });
}

std::string placeholder_list(Columns columns) {
  return joined(columns, [](std::string& out, std::string_view c) {
    out += ':';
    out += c;
  });
}

std::string assignment_list(Columns columns) {
  return joined(columns, [](std::string& out, std::string_view c) {
    out += c;
    out += " = :";
    out += c;
  });
}

std::string qualified_list(Columns columns, std::string_view table) {
  return joined(columns, [table](std::string& out, std::string_view c) {
    out += table;
    out += '.';
    out += c;
    out += " AS ";
    out += c;
  });
}

}  // namespace rapport::store
