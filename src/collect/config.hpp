#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/result.hpp"
#include "report/badge.hpp"
#include "report/summary.hpp"
#include "sources/source.hpp"

namespace odometer {

// [http]: limits of the network layer.
struct HttpSettings {
  std::chrono::seconds budget{300};  // all waiting of one run (retries, rate limits)
  int max_attempts = 5;
  std::size_t in_flight_per_host = 8;
  std::map<std::string, std::size_t> hosts;  // per-host overrides of in_flight_per_host
};

// [outputs]: what `odometer render` writes. Paths are resolved against the
// config's folder.
struct OutputSettings {
  std::filesystem::path dir = "odometer-out";  // beside the config when there is one
  bool summary = true;                         // summary.txt
  bool counters = true;                        // counters.json
  bool badges = true;
  bool csv = true;  // ledger.csv
  bool dashboard = true;
  std::string summary_format{k_default_summary_format};
  // The replaced system's installs-cache.json and installs.json; off unless set.
  std::optional<std::filesystem::path> seed_cache;
  std::optional<std::filesystem::path> seed_public;
  // Whose repositories go into clonesByRepo/releasesByRepo; default: the
  // only owner in the ledger.
  std::optional<std::string> repo_owner;
  // badge_color and badge_label_color here, color and label_color of each
  // [[counter]]; every one checked by checked_badge_color.
  BadgeColorScheme badge_colors;
  // The dashboard's title and header link: [outputs] title and link, else
  // "OWNER adoption" and https://github.com/OWNER for the [github] org or
  // user on github.com, else "odometer" and no link. A link set in the
  // config starts with https:// or http://.
  std::string title = "odometer";
  std::string link;
};

// The default of [ledger] max_new_series: the first run over an org of
// 15,000 repositories (what one token keeps, DESIGN.md §8), each with its
// traffic, stars, forks, releases and up to 10 referrers and 10 paths (two
// series each: views and uniques), about 750,000 series, stays under it; a
// broken answer that invents names by the million does not.
inline constexpr std::size_t k_default_max_new_series = 1'000'000;
inline constexpr std::int64_t k_max_new_series_limit = 100'000'000;

// odometer.toml, validated.
struct Config {
  std::filesystem::path file;
  // The ledger file: [ledger] path, relative to the config's folder. With
  // [ledger] store set there is none, and this is odometer-store beside the
  // config, what the collector's own files (ETag cache, last-run note) are
  // named after. Open the ledger through ledger_location(), never this.
  std::filesystem::path ledger;
  // [ledger] store: a database URL (postgres://...), the ledger's home
  // instead of a file.
  std::optional<std::string> store;
  // [ledger] max_new_series: how many series one collect may add. Series
  // are never removed, so a hostile or broken answer listing a million
  // names would stay for good; a source that would pass this adds nothing.
  std::size_t max_new_series = k_default_max_new_series;
  HttpSettings http;
  // The [[counter]] tables in file order, or default_counters() when there are none.
  std::vector<CounterSpec> counters;
  OutputSettings outputs;
  std::vector<std::unique_ptr<Source>> sources;  // in registry order
};

// The config file used when --config is not given.
inline constexpr const char* k_default_config = "odometer.toml";

// Where the config's ledger lives, as open_store() takes it: [ledger]
// store when set, else the file of [ledger] path.
std::string ledger_location(const Config& config);

// Reads and validates the config. Every problem in the file is reported at
// once, one per line, each with its line number; unknown keys and tables
// come with a "did you mean" suggestion.
Result<Config> load_config(const std::filesystem::path& file, const GetEnv& getenv);

// Parses config text (the file name is for messages).
Result<Config> parse_config(std::string_view text, const std::filesystem::path& file,
                            const GetEnv& getenv);

}  // namespace odometer
