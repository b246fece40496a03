// core/id.h: typed identifiers, so an account id cannot be passed as a user id.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace rapport {

template <typename Tag>
struct Id {
  std::int64_t value = 0;
  bool valid() const { return value > 0; }
  auto operator<=>(const Id&) const = default;
};

// The version of a record, for optimistic locking: an update names the
// version it was read at and is refused when the row has moved on.
using Version = std::int64_t;

}  // namespace rapport

template <typename Tag>
struct std::hash<rapport::Id<Tag>> {
  std::size_t operator()(const rapport::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
