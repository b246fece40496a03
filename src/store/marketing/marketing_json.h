// store/marketing/marketing_json.h: the JSON documents of campaigns, packages and
// service orders (migration 0005) — also the shapes of the API's bodies.
//
// Writing never fails. Reading is strict: a member of the wrong JSON type,
// an unknown code or a value that does not parse is an Error naming the
// member path ("rules.groups.0.criteria.1.values"), key "json.invalid_member"
// or the domain's own key (e.g. "value.not_a_number"); unknown members are
// ignored. Values are written as {"type": "...", "value": "<canonical text>"}
// and read from that form or, for the API, from a bare JSON string, number
// or boolean (its type then comes from the criterion's field or the question).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "core/result.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/service_order.h"

namespace rapport::store {

boost::json::value to_json(const domain::Value& v);
boost::json::value to_json(const domain::Rules& rules);
boost::json::value to_json(const std::vector<domain::Question>& questions);
boost::json::value to_json(const std::vector<domain::QuestionOverride>& overrides);
boost::json::value to_json(const std::vector<domain::AgreementToCreate>& agreements);
boost::json::value to_json(const std::vector<domain::Answer>& answers);
boost::json::value to_json(const domain::Prospect& prospect);
boost::json::value to_json(const domain::PostalAddress& address);
boost::json::value to_json(const domain::CreatedRecords& created);

// `questions` give the types of answer fields for bare values; order and
// computed fields have known types (domain::known_fields()).
Result<domain::Rules> rules_from_json(const boost::json::value& v,
                                      const std::vector<domain::Question>& questions,
                                      const std::string& path = "rules");
Result<std::vector<domain::Question>> questions_from_json(const boost::json::value& v,
                                                          const std::string& path = "questions");
Result<std::vector<domain::QuestionOverride>> overrides_from_json(
    const boost::json::value& v, const std::string& path = "overrides");
Result<std::vector<domain::AgreementToCreate>> agreements_from_json(
    const boost::json::value& v, const std::string& path = "agreements");
// Answers keyed by question code ({"owns_ev": true}) or as stored
// ([{"question": "owns_ev", "value": {...}}]); bare values are parsed as
// answers to `questions` (an unknown code: "answer.question_unknown").
Result<std::vector<domain::Answer>> answers_from_json(
    const boost::json::value& v, const std::vector<domain::Question>& questions,
    const std::string& path = "answers");
Result<domain::Prospect> prospect_from_json(const boost::json::value& v,
                                            const std::string& path = "prospect");
Result<domain::PostalAddress> address_from_json(const boost::json::value& v,
                                                const std::string& path = "address");
domain::CreatedRecords created_from_json(const boost::json::value& v);

// Serialises to compact text / parses stored text (a corrupt column is an
// internal error).
std::string to_text(const boost::json::value& v);
Result<boost::json::value> parse_stored(const std::string& text, const std::string& column);

// A stored column read back (store/marketing/*_row.cpp): corrupt text, or a
// reader's error, throws std::runtime_error naming the column — an internal
// error of the transaction, as the store only writes documents it made.
boost::json::value stored_document(const std::string& text, const std::string& column);
template <typename T>
T checked_document(Result<T> r, const std::string& column) {
  if (!r)
    throw std::runtime_error("corrupt " + column + ": " + r.error().key + " at " + r.error().field);
  return std::move(*r);
}

}  // namespace rapport::store
