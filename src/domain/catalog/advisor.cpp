#include "domain/catalog/advisor.h"

#include <algorithm>

#include "domain/customers/search_text.h"

namespace rapport::domain {

std::string advisor_search_text(const Product& p,
                                const std::vector<CompetitorComparison>& comparisons) {
  std::string all =
      p.code + " " + p.name_en + " " + p.name_fr + " " + p.description_en + " " + p.description_fr;
  for (const auto& f : p.features) all += " " + f.name + " " + f.value;
  for (const auto& c : comparisons)
    all +=
        " " + c.competitor + " " + c.their_product + " " + c.advantages_en + " " + c.advantages_fr;
  return " " + normalize_for_search(all) + " ";
}

bool advisor_matches(const std::string& search_text, const std::string& query) {
  for (const auto& word : search_words(query))
    if (search_text.find(word) == std::string::npos) return false;
  return true;
}

int advisor_score(const Product& p, const std::string& query) {
  const std::string names =
      " " + normalize_for_search(p.code + " " + p.name_en + " " + p.name_fr) + " ";
  int score = 0;
  for (const auto& word : search_words(query)) {
    if (names.find(" " + word) != std::string::npos)
      score += 3;
    else if (names.find(word) != std::string::npos)
      score += 2;
  }
  return score;
}

Status check_compare_count(std::size_t count) {
  if (count < kMinCompared || count > kMaxCompared)
    return Error::invalid(
        "advisor.compare_count", "products",
        {{"min", std::to_string(kMinCompared)}, {"max", std::to_string(kMaxCompared)}});
  return Ok{};
}

std::vector<std::string> compared_feature_names(const std::vector<Product>& products) {
  std::vector<std::string> names, keys;
  for (const auto& p : products)
    for (const auto& f : p.features) {
      auto key = normalize_for_search(f.name);
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(std::move(key));
      names.push_back(f.name);
    }
  return names;
}

std::string feature_value(const Product& p, const std::string& name) {
  const auto key = normalize_for_search(name);
  for (const auto& f : p.features)
    if (normalize_for_search(f.name) == key) return f.value;
  return "";
}

}  // namespace rapport::domain
