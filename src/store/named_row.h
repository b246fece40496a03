// store/named_row.h: declares how a wide row is bound by column name. SOCI
// reads and writes such a row through soci::values (type_conversion); the
// module's *_row.cpp defines from_base (read by column name) and to_base
// (every written column, named as in the table).
#pragma once

#include <soci/soci.h>

#define RAPPORT_ROW_CONVERSION(Row, ...)                             \
  namespace soci {                                                   \
  template <>                                                        \
  struct type_conversion<Row> {                                      \
    using base_type = values;                                        \
    static void from_base(const values& v, indicator ind, Row& row); \
    __VA_ARGS__                                                      \
  };                                                                 \
  }

#define RAPPORT_NAMED_ROW(Row) \
  RAPPORT_ROW_CONVERSION(Row, static void to_base(const Row& row, values& v, indicator& ind);)

// A row only read by name: a wide row with the columns a join adds beside
// it (an order with its campaign's code), written as the row it holds.
#define RAPPORT_READ_ROW(Row) RAPPORT_ROW_CONVERSION(Row)
