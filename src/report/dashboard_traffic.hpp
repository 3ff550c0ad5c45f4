#pragma once

// The dashboard's GitHub sections: traffic per day for all repositories and
// for each (clones and views with their unique cloners and visitors beside
// them), stars and forks over time, the Repositories table, and the
// referrers and paths GitHub reports. The numbers come from
// dashboard_queries.hpp and the counter engine; this file only lays them out.

#include <string>

#include "core/ledger.hpp"

namespace odometer {

// Appends, for the github series of ledger: "Repository traffic" (clones and
// views per day of all repositories with a 7-day average and, beside them,
// the per-day sum of each repository's uniques, labelled as an upper bound),
// "Stars and forks" of all repositories over time, the Repositories table,
// and one section per repository, the most active first, with its own
// clones, views, uniques, stars and forks. Nothing for a section without
// data. Every name from the ledger is escaped.
void append_github_activity(std::string& out, const Ledger& ledger);

// Appends the referrers summed per domain over every repository, the top
// referrers by repository and the popular paths, each as GitHub last
// reported them. Nothing for a section without data.
void append_github_popular(std::string& out, const Ledger& ledger);

}  // namespace odometer
