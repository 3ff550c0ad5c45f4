// The CSV readers of `import` on arbitrary text: the CSV reader itself,
// ledger.csv, the site's weekly snapshot CSVs, a github-repo-stats folder's
// files under each name ghrs writes, and saved traffic responses. Each
// accepts or names the file and line; never crashes. A ledger.csv that reads
// writes back to text that reads as the same ledger.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "collect/import_github_traffic.hpp"
#include "fuzz_check.hpp"
#include "report/ledger_csv.hpp"
#include "store/import_ghrs.hpp"
#include "store/import_snapshot_csv.hpp"
#include "util/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace odometer;
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)read_csv(text, "fuzz.csv");
  if (auto ledger = parse_ledger_csv(text, "ledger.csv")) {
    auto again = parse_ledger_csv(ledger_csv(*ledger), "written.csv");
    FUZZ_CHECK(again.ok(), "the CSV of an accepted ledger reads back");
    FUZZ_CHECK(*again == *ledger, "the CSV of an accepted ledger reads back as the same ledger");
  }
  const ImportFile file{"fuzz.csv", text};
  (void)import_snapshot_csv(file, std::string("runcycles"));
  (void)import_snapshot_csv(file, std::nullopt);
  for (const char* relative :
       {"stargazers.csv", "forks.csv", "stargazer-snapshots.csv", "views_clones_aggregate.csv",
        "snapshots/2025-03-04_181002_views_clones_series_fragment.csv",
        "snapshots/2025-03-04_181002_top_referrers_snapshot.csv",
        "snapshots/2025-03-04_181002_top_paths_snapshot.csv"}) {
    (void)import_ghrs_file(file, relative, "acme/widget");
  }
  (void)import_github_traffic(file, "acme/widget");
  return 0;
}
