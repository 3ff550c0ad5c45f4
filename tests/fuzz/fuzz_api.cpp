// Every API response parser on the same arbitrary body: each accepts it or
// names the URL and the JSON path, never crashes, and never returns a count
// outside 0..10^15. One target for all of them, so that the fixtures of
// tests/fixtures/api-samples seed every parser at once: the package
// registries, GitHub's repositories, traffic, releases, star history and
// forks, and the GitHub App's installations and token exchange.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/series.hpp"
#include "fuzz_check.hpp"
#include "sources/crates_parse.hpp"
#include "sources/github_app.hpp"
#include "sources/github_history_parse.hpp"
#include "sources/github_parse.hpp"
#include "sources/hex_parse.hpp"
#include "sources/homebrew_parse.hpp"
#include "sources/npm_parse.hpp"
#include "sources/nuget_parse.hpp"
#include "sources/package_source.hpp"
#include "sources/pub_parse.hpp"
#include "sources/pypi_parse.hpp"
#include "sources/vscode_parse.hpp"

namespace {

constexpr std::string_view k_url = "https://fuzz.example/api";

template <typename T>
void check_error(const odometer::Result<T>& result) {
  if (!result) {
    FUZZ_CHECK(result.error().message.starts_with(k_url), "an error names the URL");
  }
}

void check_count(const odometer::Result<odometer::Count>& result) {
  check_error(result);
  if (result) {
    FUZZ_CHECK(odometer::check_count(*result).ok(), "a count is within 0..10^15");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace odometer;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  // The one-count registries (Anaconda, Docker Hub, Open VSX, Packagist,
  // RubyGems) all read through parse_count_at, at paths like theirs.
  check_count(parse_count_at(body, k_url, {"downloads"}));
  check_count(parse_count_at(body, k_url, {"package", "downloads", "total"}));
  check_count(parse_crate_downloads(body, k_url));
  check_error(parse_crate_daily_downloads(body, k_url));
  check_error(parse_repositories(body, k_url));
  check_error(parse_repository(body, k_url));
  for (const auto* field : {"clones", "views"}) {
    check_error(parse_traffic(body, k_url, field));
  }
  for (const auto* field : {"referrer", "path"}) {
    check_error(parse_popular(body, k_url, field));
  }
  check_count(parse_release_downloads(body, k_url));
  (void)parse_link_next(body);
  check_error(parse_star_history(body, k_url));
  check_error(parse_forks(body, k_url));
  check_error(parse_installations(body, k_url));
  check_error(parse_installation(body, k_url));
  const auto token = parse_installation_token(body, k_url);
  check_error(token);
  if (token) {
    FUZZ_CHECK(!token->token.empty(), "an accepted installation token is not empty");
  }
  check_count(parse_hex_downloads(body, k_url));
  check_error(parse_homebrew_installs(body, k_url, "wget", HomebrewKind::formula));
  check_error(parse_homebrew_installs(body, k_url, "firefox", HomebrewKind::cask));
  check_error(parse_npm_range(body, k_url));
  check_error(parse_npm_bulk_range(body, k_url));
  check_error(parse_nuget_search_service(body, k_url));
  check_error(parse_nuget_total_downloads(body, k_url, "Newtonsoft.Json"));
  check_error(parse_pub_daily_downloads(body, k_url));
  check_error(parse_pub_downloads_30d(body, k_url));
  check_error(parse_pypistats_overall(body, k_url));
  check_error(parse_vscode_extensions(body, k_url));
  return 0;
}
