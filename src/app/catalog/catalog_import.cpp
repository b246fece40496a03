#include "app/catalog/catalog_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "app/access.h"
#include "app/catalog/typed_price.h"
#include "app/import_chunks.h"
#include "app/today.h"
#include "core/enum_codes.h"
#include "domain/ascii.h"
#include "domain/catalog/product.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"

namespace rapport::app {
namespace {

enum CatalogColumn {
  col_code,
  col_name_en,
  col_name_fr,
  col_description_en,
  col_description_fr,
  col_type,
  col_unit,
  col_trackable,
  col_orderable_from,
  col_orderable_to,
  col_vat_rate,
  col_features,
  col_price,
  col_tiers
};
constexpr std::array<ImportColumnSpec, 14> kCatalogColumns{{{"code", true},
                                                            {"name_en", false},
                                                            {"name_fr", false},
                                                            {"description_en", false},
                                                            {"description_fr", false},
                                                            {"type", false},
                                                            {"unit", false},
                                                            {"trackable", false},
                                                            {"orderable_from", false},
                                                            {"orderable_to", false},
                                                            {"vat_rate", false},
                                                            {"features", false},
                                                            {"price", false},
                                                            {"tiers", false}}};

// What a row says about its product: the cells it fills (an empty cell
// keeps what is stored).
struct CatalogRowPatch {
  std::size_t line = 0;  // in the file
  std::string code;
  std::optional<std::string> name_en, name_fr, description_en, description_fr, unit;
  std::optional<domain::ProductType> type;
  std::optional<bool> trackable;
  std::optional<CivilDate> orderable_from, orderable_to;
  std::optional<domain::VatRate> vat_rate;
  std::optional<std::vector<domain::ProductFeature>> features;
  std::optional<domain::ProductPrice> price;  // product id set when written
};

void apply_catalog_patch(const CatalogRowPatch& r, domain::Product& p) {
  if (r.name_en) p.name_en = *r.name_en;
  if (r.name_fr) p.name_fr = *r.name_fr;
  if (r.description_en) p.description_en = *r.description_en;
  if (r.description_fr) p.description_fr = *r.description_fr;
  if (r.unit) p.unit = *r.unit;
  if (r.type) p.type = *r.type;
  if (r.trackable) p.trackable = *r.trackable;
  if (r.orderable_from) p.orderable_from = *r.orderable_from;
  if (r.orderable_to) p.orderable_to = *r.orderable_to;
  if (r.vat_rate) p.vat_rate = *r.vat_rate;
  if (r.features) p.features = *r.features;
}

std::string catalog_import_lower(std::string s) {
  for (auto& c : s) c = domain::ascii_lower(c);
  return s;
}

std::optional<bool> catalog_import_bool(std::string text) {
  text = catalog_import_lower(std::move(text));
  if (text == "yes" || text == "true" || text == "1" || text == "oui" || text == "y") return true;
  if (text == "no" || text == "false" || text == "0" || text == "non" || text == "n") return false;
  return std::nullopt;
}

// "a; b; c" → the trimmed non-empty parts.
std::vector<std::string> catalog_import_parts(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    if (auto part = trim_cell(std::string_view(text).substr(start, end - start)); !part.empty())
      out.push_back(std::move(part));
    start = end + 1;
  }
  return out;
}

// The column a rule's field is in: unit_price is in price, a feature's
// name (features.N.name) in features, a tier's cells (tiers.N.…) in tiers.
std::string catalog_import_column(const std::string& field) {
  if (field == "unit_price") return "price";
  auto dot = field.find('.');
  return dot == std::string::npos ? field : field.substr(0, dot);
}

class CatalogImporter {
 public:
  CatalogImporter(const CatalogImportOptions& options, const CatalogImportProgressFn& progress,
                  CatalogImportReport& report)
      : options_(options), progress_(progress), report_(report) {}

  Status validate(store::Tx& tx, std::istream& in, CivilDate today,
                  const std::optional<domain::PriceList>& list) {
    today_ = today;
    list_ = list;
    ImportFileCounts counts;
    auto told = [&] {
      report_.rows = counts.rows;
      bytes_read_ = counts.bytes_read;
      return tell_progress();
    };
    auto done = read_import_file(
        in, {options_.max_rows, kMaxCatalogImportBytes, options_.progress_every}, counts,
        [&](const std::vector<std::string>& names) -> Status {
          auto index = read_import_columns(names, kCatalogColumns);
          if (!index) return index.error();
          index_ = std::move(*index);
          width_ = names.size();
          return Ok{};
        },
        [&](std::size_t line, const std::vector<std::string>& fields) { take(tx, line, fields); },
        told);
    report_.rows = counts.rows;
    bytes_read_ = counts.bytes_read;
    return done;
  }

  std::size_t to_write() const { return valid_.size(); }
  // The first valid row after `line` (to_write() when none).
  std::size_t first_after(std::size_t line) const {
    return static_cast<std::size_t>(
        std::find_if(valid_.begin(), valid_.end(),
                     [&](const CatalogRowPatch& r) { return r.line > line; }) -
        valid_.begin());
  }
  // Where a run taken over resumes once the chunk ending before valid row
  // `end` is committed.
  CatalogImportResume resume_after(std::size_t end) const {
    return {valid_[end - 1].line, report_.created + chunk_created_,
            report_.updated + chunk_updated_, report_.priced + chunk_priced_};
  }

  // One chunk inside its write transaction: each row's product created or
  // updated as it now stands, then its price.
  Status write(store::Tx& tx, const store::Actor& actor, Instant now, std::size_t begin,
               std::size_t end) {
    chunk_created_ = chunk_updated_ = chunk_priced_ = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const CatalogRowPatch& row = valid_[i];
      Id<domain::Product> id;
      if (auto stored = store::ProductRepository::find_by_code(tx, row.code)) {
        apply_catalog_patch(row, *stored);
        auto saved = store::ProductRepository::update(tx, *stored, actor, now);
        if (!saved) return saved.error();
        id = stored->id;
        ++chunk_updated_;
      } else {
        domain::Product p;
        p.code = row.code;
        p.orderable_from = today_;
        apply_catalog_patch(row, p);
        auto saved = store::ProductRepository::insert(tx, p, actor, now);
        if (!saved) return saved.error();
        id = saved->id;
        ++chunk_created_;
      }
      if (row.price && list_) {
        auto price = *row.price;
        price.product = id;
        store::PriceListRepository::set_price(tx, list_->id, price, actor, now);
        ++chunk_priced_;
      }
    }
    // The list's prices changed: its version moves on, so a price edited
    // on a page read before the import is refused as stale.
    if (chunk_priced_ > 0)
      if (auto moved = store::PriceListRepository::touch(tx, list_->id, std::nullopt, actor, now);
          !moved)
        return moved.error();
    return Ok{};
  }

  void commit() {
    report_.created += chunk_created_;
    report_.updated += chunk_updated_;
    report_.priced += chunk_priced_;
  }

  bool tell_progress() {
    if (!progress_) return true;
    return progress_({report_.rows, report_.created, report_.updated, report_.invalid, bytes_read_,
                      writing_, valid_.size()});
  }
  void start_writing() { writing_ = true; }

 private:
  void take(store::Tx& tx, std::size_t line, const std::vector<std::string>& fields) {
    FieldErrors errors;
    if (fields.size() != width_) {
      errors.add(Error::invalid(
          "import.field_count", {},
          {{"expected", std::to_string(width_)}, {"found", std::to_string(fields.size())}}));
      return bad(line, std::move(errors));
    }
    auto cell = [&](CatalogColumn c) -> std::string {
      if (!index_[c]) return {};
      const std::string& text = fields[*index_[c]];
      if (auto wrong = cell_text_error(text, std::string(kCatalogColumns[c].name))) {
        errors.add(std::move(*wrong));
        return {};
      }
      return trim_cell(text);
    };
    auto text = [&](CatalogColumn c) -> std::optional<std::string> {
      auto t = cell(c);
      if (t.empty()) return std::nullopt;
      return t;
    };
    CatalogRowPatch row;
    row.line = line;
    row.code = domain::ascii_upper(cell(col_code));
    row.name_en = text(col_name_en);
    row.name_fr = text(col_name_fr);
    row.description_en = text(col_description_en);
    row.description_fr = text(col_description_fr);
    if (auto t = text(col_type)) {
      row.type = enum_from_code<domain::ProductType>(catalog_import_lower(*t));
      if (!row.type) errors.add(Error::invalid("catalog_import.type_invalid", "type"));
    }
    if (auto t = text(col_unit)) row.unit = catalog_import_lower(*t);
    if (auto t = text(col_trackable)) {
      row.trackable = catalog_import_bool(*t);
      if (!row.trackable) errors.add(Error::invalid("catalog_import.yes_no", "trackable"));
    }
    auto date = [&](CatalogColumn c, std::optional<CivilDate>& into) {
      if (auto t = text(c)) {
        into = parse_date(*t);
        if (!into)
          errors.add(Error::invalid("field.date_invalid", std::string(kCatalogColumns[c].name)));
      }
    };
    date(col_orderable_from, row.orderable_from);
    date(col_orderable_to, row.orderable_to);
    if (auto t = text(col_vat_rate)) {
      row.vat_rate = domain::parse_vat_rate(*t);
      if (!row.vat_rate) errors.add(Error::invalid("product.vat_rate_invalid", "vat_rate"));
    }
    if (auto t = text(col_features)) {
      row.features.emplace();
      for (const auto& part : catalog_import_parts(*t)) {
        auto eq = part.find('=');
        if (eq == std::string::npos) {
          errors.add(Error::invalid("catalog_import.feature_invalid", "features"));
          break;
        }
        row.features->push_back(
            {trim_cell(part.substr(0, eq)), trim_cell(std::string_view(part).substr(eq + 1))});
      }
    }
    const auto price_cell = cell(col_price), tiers_cell = cell(col_tiers);
    if (!price_cell.empty() || !tiers_cell.empty()) {
      if (!list_) {
        errors.add(Error::invalid("catalog_import.price_list_missing", "price"));
      } else {
        std::vector<TypedTier> typed;
        bool tiers_ok = true;
        for (const auto& part : catalog_import_parts(tiers_cell)) {
          auto eq = part.find('=');
          if (eq == std::string::npos) {
            tiers_ok = false;
            break;
          }
          typed.push_back({part.substr(0, eq), part.substr(eq + 1)});
        }
        if (!tiers_ok) errors.add(Error::invalid("catalog_import.tiers_invalid", "tiers"));
        // A file is not in the reader's language: a dot or a comma alone
        // is the decimal separator (English reading keeps "1,234.50").
        FieldErrors typed_errors;
        auto p =
            read_typed_price({}, price_cell, typed, list_->currency, Language::en, typed_errors);
        if (typed_errors.empty()) typed_errors = domain::validate_price(p);
        for (auto& e : typed_errors.errors) {
          e.field = catalog_import_column(e.field);
          errors.add(std::move(e));
        }
        row.price = std::move(p);
      }
    }
    // The product as it would be saved, checked as the form checks it.
    domain::Product p;
    if (!row.code.empty()) {
      if (auto stored = store::ProductRepository::find_by_code(tx, row.code))
        p = *stored;
      else
        p.orderable_from = today_;
    }
    p.code = row.code;
    apply_catalog_patch(row, p);
    for (auto e : domain::validate_product(p).errors) {
      e.field = catalog_import_column(e.field);
      if (std::none_of(errors.errors.begin(), errors.errors.end(),
                       [&](const Error& x) { return x.field == e.field; }))
        errors.add(std::move(e));
    }
    if (!row.code.empty()) {
      if (auto earlier = seen_.find(row.code); earlier != seen_.end())
        errors.add(Error::invalid("catalog_import.repeated", "code",
                                  {{"line", std::to_string(earlier->second)}}));
      else
        seen_.emplace(row.code, line);
    }
    if (!errors.empty()) return bad(line, std::move(errors));
    valid_.push_back(std::move(row));
  }

  void bad(std::size_t line, FieldErrors errors) {
    ++report_.invalid;
    keep_row_problems(report_.problems, report_.problems_total, line, std::move(errors));
  }

  const CatalogImportOptions& options_;
  const CatalogImportProgressFn& progress_;
  CatalogImportReport& report_;
  CivilDate today_{};
  std::optional<domain::PriceList> list_;
  std::vector<std::optional<std::size_t>> index_;
  std::size_t width_ = 0;
  std::map<std::string, std::size_t> seen_;  // code → line
  std::uint64_t bytes_read_ = 0;
  bool writing_ = false;
  std::vector<CatalogRowPatch> valid_;
  std::size_t chunk_created_ = 0, chunk_updated_ = 0, chunk_priced_ = 0;
};

}  // namespace

Result<CatalogImportReport> CatalogImportDesk::import_catalog(
    const domain::User& actor, std::istream& in, const CatalogImportOptions& options,
    const CatalogImportProgressFn& progress) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  CatalogImportOptions checked = options;
  checked.max_rows = std::min(checked.max_rows, kMaxCatalogImportRows);
  if (checked.chunk_rows == 0) checked.chunk_rows = CatalogImportOptions{}.chunk_rows;
  if (checked.progress_every == 0) checked.progress_every = CatalogImportOptions{}.progress_every;
  CatalogImportReport report;
  CatalogImporter importer(checked, progress, report);
  const CivilDate today = business_today(clock_, db_);

  auto valid = db_.read([&](store::Tx& tx) -> Status {
    std::optional<domain::PriceList> list;
    if (checked.price_list) {
      auto found = store::PriceListRepository::find(tx, *checked.price_list);
      if (!found) return found.error();
      list = *found;
    }
    return importer.validate(tx, in, today, list);
  });
  if (!valid) return valid.error();
  if (report.invalid > 0) return report;  // nothing imported

  // Taken over: after the rows the chunks committed before wrote.
  importer.start_writing();
  const store::Actor who = actor_of(actor);
  const Instant now = clock_.now();
  const std::size_t first = importer.first_after(checked.resume.line);
  report.created = checked.resume.created;
  report.updated = checked.resume.updated;
  report.priced = checked.resume.priced;
  auto written = write_in_chunks(
      db_, importer.to_write() - first, checked.chunk_rows,
      [&](std::size_t begin, std::size_t end) -> ChunkWork {
        return [&, begin = begin + first, end = end + first](store::Tx& tx) -> Status {
          if (auto ok = importer.write(tx, who, now, begin, end); !ok) return ok;
          if (checked.on_chunk) return checked.on_chunk(tx, importer.resume_after(end));
          return Ok{};
        };
      },
      [&] {
        importer.commit();
        report.committed = true;
        return importer.tell_progress();
      });
  if (!written) return written.error();
  report.stopped = written->stopped;
  report.committed = true;
  return report;
}

}  // namespace rapport::app
