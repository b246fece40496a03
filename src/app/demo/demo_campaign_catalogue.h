// app/demo/demo_campaign_catalogue.h: the demo campaigns and packages as values
// (demo_campaigns.h says what they show).
#pragma once

#include <vector>

#include "core/time.h"
#include "domain/marketing/campaign.h"

namespace rapport::app {

struct DemoCampaign {
  domain::Campaign campaign;
  std::vector<domain::Package> packages;  // campaign ids set on insert
};

// Valid from `today` for a year.
std::vector<DemoCampaign> demo_campaign_catalogue(CivilDate today);

}  // namespace rapport::app
