// web/ui/history_values.h: a value of the audit trail as a person reads it
// in their language — "Residential" / "Résidentiel" rather than
// "residential", "Yes" / "Oui" rather than 1, the questions' prompts rather
// than their JSON. The trail keeps codes (they outlive a translation); only
// the showing changes.
#pragma once

#include <string>

#include "core/language.h"
#include "i18n/catalog.h"

namespace rapport::web::ui {

// `value` of the audited `field`, for a reader of `lang`; "—" when empty.
// Values of fields it does not know are shown as stored.
std::string history_value(const i18n::Catalog& catalog, Language lang, const std::string& field,
                          const std::string& value);

}  // namespace rapport::web::ui
