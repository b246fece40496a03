#include "app/catalog/advisor_desk.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/field_errors.h"
#include "app/today.h"
#include "domain/ascii.h"
#include "store/catalog/comparison_repository.h"
#include "store/catalog/literature_repository.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"

namespace rapport::app {
namespace {

std::optional<domain::PriceList> advisor_price_list(store::Tx& tx, const AdvisorScope& scope) {
  if (scope.price_list)
    if (auto l = store::PriceListRepository::find(tx, *scope.price_list)) return *l;
  if (scope.customer)
    return store::PriceListRepository::for_customer(tx, *scope.customer, scope.account);
  return store::PriceListRepository::default_list(tx);
}

// Each product with its price, documents and comparisons.
AdvisorResult advisor_items(store::Tx& tx, const AdvisorScope& scope,
                            std::vector<domain::Product> products,
                            std::vector<domain::CompetitorComparison> comparisons) {
  AdvisorResult out;
  out.price_list = advisor_price_list(tx, scope);
  std::vector<std::int64_t> ids;
  for (const auto& p : products) ids.push_back(p.id.value);
  std::vector<domain::ProductPrice> prices;
  if (out.price_list) prices = store::PriceListRepository::prices(tx, out.price_list->id, ids);
  auto documents = store::LiteratureRepository::of_products(tx, ids);
  for (auto& p : products) {
    AdvisorItem item{std::move(p), std::nullopt, {}, {}};
    for (const auto& price : prices)
      if (price.product == item.product.id) item.price = price;
    for (const auto& d : documents)
      if (d.product == item.product.id) item.literature.push_back(d);
    for (const auto& c : comparisons)
      if (c.product == item.product.id) item.comparisons.push_back(c);
    out.items.push_back(std::move(item));
  }
  return out;
}

Status product_exists(store::Tx& tx, Id<domain::Product> id) {
  if (auto p = store::ProductRepository::find(tx, id); !p) return p.error();
  return Ok{};
}

}  // namespace

Result<std::vector<domain::Literature>> AdvisorDesk::literature(
    const domain::User& actor, std::optional<Id<domain::Product>> product) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<domain::Literature>> {
    if (product)
      if (auto ok = product_exists(tx, *product); !ok) return ok.error();
    return store::LiteratureRepository::of_product(tx, product);
  });
}

Result<domain::Literature> AdvisorDesk::literature_item(const domain::User& actor,
                                                        Id<domain::Literature> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<domain::Literature> {
    return store::LiteratureRepository::find(tx, id);
  });
}

Result<LiteratureFile> AdvisorDesk::literature_file(const domain::User& actor,
                                                    Id<domain::Literature> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<LiteratureFile> {
    auto l = store::LiteratureRepository::find(tx, id);
    if (!l) return l.error();
    auto bytes = store::LiteratureRepository::bytes(tx, id);
    if (!bytes) return bytes.error();
    return LiteratureFile{std::move(*l), std::move(*bytes)};
  });
}

Result<domain::Literature> AdvisorDesk::upload_literature(const domain::User& actor,
                                                          domain::Literature l, std::istream& body,
                                                          std::uint64_t size,
                                                          std::string_view declared_type,
                                                          FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  l.file_name = domain::clean_file_name(l.file_name);
  if (auto too = domain::literature_size_error(size)) return refuse_fields({{*too}}, errors);
  std::string bytes(size, '\0');
  body.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(body.gcount()));
  if (auto found = domain::validate_literature(l, bytes, declared_type); !found.empty())
    return refuse_fields(std::move(found), errors);
  return db_.write([&](store::Tx& tx) -> Result<domain::Literature> {
    if (l.product) {
      if (auto ok = product_exists(tx, *l.product); !ok) return ok.error();
      if (store::LiteratureRepository::count_of_product(tx, *l.product) >=
          domain::kMaxLiteraturePerProduct)
        return refuse_fields(
            {{Error::invalid("literature.too_many", "file",
                             {{"max", std::to_string(domain::kMaxLiteraturePerProduct)}})}},
            errors);
    }
    return store::LiteratureRepository::insert(tx, l, bytes, actor_of(actor), clock_.now());
  });
}

Status AdvisorDesk::remove_literature(const domain::User& actor, Id<domain::Literature> id,
                                      Version version) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Status {
    return store::LiteratureRepository::remove(tx, id, version, actor_of(actor), clock_.now());
  });
}

Result<std::vector<domain::CompetitorComparison>> AdvisorDesk::comparisons(
    const domain::User& actor, Id<domain::Product> product) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<domain::CompetitorComparison>> {
    if (auto ok = product_exists(tx, product); !ok) return ok.error();
    return store::ComparisonRepository::of_products(tx, {product.value});
  });
}

Result<domain::CompetitorComparison> AdvisorDesk::comparison(const domain::User& actor,
                                                             Id<domain::CompetitorComparison> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<domain::CompetitorComparison> {
    return store::ComparisonRepository::find(tx, id);
  });
}

Result<domain::CompetitorComparison> AdvisorDesk::create_comparison(const domain::User& actor,
                                                                    domain::CompetitorComparison c,
                                                                    FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  c.currency = domain::ascii_upper(std::move(c.currency));
  if (auto found = domain::validate_comparison(c); !found.empty())
    return refuse_fields(std::move(found), errors);
  return db_.write([&](store::Tx& tx) -> Result<domain::CompetitorComparison> {
    if (auto ok = product_exists(tx, c.product); !ok) return ok.error();
    if (store::ComparisonRepository::of_products(tx, {c.product.value}).size() >=
        domain::kMaxComparisonsPerProduct)
      return refuse_fields(
          {{Error::invalid("comparison.too_many", "competitor",
                           {{"max", std::to_string(domain::kMaxComparisonsPerProduct)}})}},
          errors);
    return store::ComparisonRepository::insert(tx, c, actor_of(actor), clock_.now());
  });
}

Result<domain::CompetitorComparison> AdvisorDesk::update_comparison(const domain::User& actor,
                                                                    domain::CompetitorComparison c,
                                                                    FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  c.currency = domain::ascii_upper(std::move(c.currency));
  return db_.write([&](store::Tx& tx) -> Result<domain::CompetitorComparison> {
    auto before = store::ComparisonRepository::find(tx, c.id);
    if (!before) return before.error();
    c.product = before->product;
    if (auto found = domain::validate_comparison(c); !found.empty())
      return refuse_fields(std::move(found), errors);
    auto version = store::ComparisonRepository::update(tx, c, actor_of(actor), clock_.now());
    if (!version) return version.error();
    c.version = *version;
    return c;
  });
}

Status AdvisorDesk::remove_comparison(const domain::User& actor,
                                      Id<domain::CompetitorComparison> id, Version version) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Status {
    return store::ComparisonRepository::remove(tx, id, version, actor_of(actor), clock_.now());
  });
}

Result<AdvisorResult> AdvisorDesk::search(const domain::User& actor, const std::string& query,
                                          const AdvisorScope& scope) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  const CivilDate today = business_today(clock_, db_);
  return db_.read([&](store::Tx& tx) -> Result<AdvisorResult> {
    store::ProductFilter f;
    f.orderable_only = true;
    f.orderable_on = today;
    f.limit = 500;
    auto all = store::ProductRepository::search(tx, f);
    auto comparisons = store::ComparisonRepository::all(tx);
    std::map<std::int64_t, std::vector<domain::CompetitorComparison>> by_product;
    for (const auto& c : comparisons) by_product[c.product.value].push_back(c);
    std::vector<std::pair<int, domain::Product>> found;
    for (auto& p : all) {
      const auto& mine = by_product[p.id.value];
      if (!domain::advisor_matches(domain::advisor_search_text(p, mine), query)) continue;
      found.emplace_back(domain::advisor_score(p, query), std::move(p));
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (found.size() > kMaxAdvisorResults) found.resize(kMaxAdvisorResults);
    std::vector<domain::Product> products;
    for (auto& [score, p] : found) products.push_back(std::move(p));
    return advisor_items(tx, scope, std::move(products), std::move(comparisons));
  });
}

Result<AdvisorResult> AdvisorDesk::compare(const domain::User& actor,
                                           std::vector<std::int64_t> products,
                                           const AdvisorScope& scope) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  std::vector<std::int64_t> distinct;
  for (auto id : products)
    if (std::find(distinct.begin(), distinct.end(), id) == distinct.end()) distinct.push_back(id);
  if (auto ok = domain::check_compare_count(distinct.size()); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<AdvisorResult> {
    auto found = store::ProductRepository::of_ids(tx, distinct);
    if (found.size() != distinct.size()) return Error::not_found("product.not_found");
    // In the order chosen.
    std::vector<domain::Product> ordered;
    for (auto id : distinct)
      for (const auto& p : found)
        if (p.id.value == id) ordered.push_back(p);
    auto result =
        advisor_items(tx, scope, ordered, store::ComparisonRepository::of_products(tx, distinct));
    result.feature_names = domain::compared_feature_names(ordered);
    return result;
  });
}

}  // namespace rapport::app
