#include "app/customers/possible_duplicates.h"

#include "domain/customers/customer_rules.h"
#include "store/customers/customer_repository.h"

namespace rapport::app {

std::vector<DuplicateCandidate> possible_duplicates(store::Tx& tx,
                                                    const domain::Customer& proposed) {
  std::vector<DuplicateCandidate> out;
  for (auto& candidate : store::CustomerRepository::duplicate_candidates(tx, proposed)) {
    auto reasons = domain::duplicate_reasons(proposed, candidate);
    if (!reasons.empty()) out.push_back({std::move(candidate), std::move(reasons)});
  }
  return out;
}

}  // namespace rapport::app
