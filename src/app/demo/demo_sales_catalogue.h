// app/demo/demo_sales_catalogue.h: the demo catalog (issue 14, item 7) —
// about forty products of an energy and telecom supplier (energy contracts
// and services, telecom subscriptions, equipment), named and described in
// English and French, with the VAT rates France applies (20 %, 10 %, 5.5 %),
// and their prices in the two demo price lists.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"

namespace rapport::app {

struct DemoProduct {
  domain::Product product;
  std::int64_t standard_price = 0;       // cents, STANDARD list
  std::int64_t business_price = 0;       // cents, BUSINESS list (0: not in it)
  std::vector<domain::PriceTier> tiers;  // BUSINESS list's volume tiers
};

// The products, orderable from `today` − 1 year (one of them no longer).
std::vector<DemoProduct> demo_sales_catalogue(CivilDate today);

// Product `index` (0-based) of the generated catalog `rapport demo
// --products N` adds for benchmarks: code "GEN-000001", names made of
// words a CSR would type ("Fibre box premium 512"), a price in cents.
DemoProduct generated_demo_product(long long index, CivilDate today);

}  // namespace rapport::app
