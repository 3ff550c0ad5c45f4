#pragma once

// The pure parser of the [homebrew] source: one formula's or cask's JSON
// from formulae.brew.sh in, its install counts out, or an error naming the
// URL and the JSON path. Homebrew publishes rolling windows only (30, 90
// and 365 days), never an all-time figure.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

enum class HomebrewKind { formula, cask };

// Install events in the rolling windows ending on the day the data was
// generated.
struct HomebrewInstalls {
  Count days30 = 0;
  Count days90 = 0;
  Count days365 = 0;
  bool operator==(const HomebrewInstalls&) const = default;
};

// `GET {api}/api/formula/{name}.json` or `{api}/api/cask/{token}.json`:
// `analytics.install.{30d,90d,365d}[name]`. The body must be for name (its
// `name` or, for a cask, `token` field). Only the exact name counts: option
// variants ("wget --HEAD") are separate entries and are not added. A window
// without an entry for the name had no such installs (0).
Result<HomebrewInstalls> parse_homebrew_installs(std::string_view body, std::string_view url,
                                                 std::string_view name, HomebrewKind kind);

}  // namespace odometer
