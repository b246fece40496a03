// app/field_errors.h: how a desk refuses input with several faults — every
// fault to the caller that asked for them (a form shows each beside its
// field), the first as the result's error.
#pragma once

#include <utility>

#include "core/error.h"

namespace rapport::app {

// Requires: !found.empty().
inline Error refuse_fields(FieldErrors found, FieldErrors* out) {
  Error first = found.errors.front();
  if (out) *out = std::move(found);
  return first;
}

}  // namespace rapport::app
