// The [pypi] source: daily downloads without mirrors from pypistats,
// pypi:downloads:NORMALISED-NAME (docs/series-keys.md).
//
// pypistats keeps about 180 days of daily counts, so every run reads each
// package's whole window (one request) and stores it as a `daily` series:
// days merge by max, so the overlap with the last run counts once, the
// newest day grows until it is complete, and days older than the window
// stay in the ledger after pypistats has dropped them. Only
// `without_mirrors` rows are used (the parser's rule). "Foo_Bar" and
// "foo-bar" are one project (PEP 503): the key and the request use the
// normalised name, and listing both is a config problem.
//
// pypistats asks clients for at most 30 requests a minute. The source does
// not sleep itself: it declares the pace through host_policies(), and the
// shared HTTP client starts requests to that host at least that far apart,
// retries included, whatever other source shares the client.

#include <string>
#include <utility>
#include <vector>

#include "sources/package_source.hpp"
#include "sources/pypi_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[pypi]";
// pypistats' own request; higher values exist for mirrors and tests.
constexpr std::int64_t k_default_per_minute = 30;
constexpr std::int64_t k_max_per_minute = 600;

constexpr NameList k_lists[] = {
    {"packages",
     {.what = "a PyPI project name", .valid = is_pypi_name, .canonical = normalize_pypi_name}}};
constexpr std::string_view k_other_keys[] = {"requests_per_minute"};

constexpr PackageSpec k_pypi{.table = "pypi",
                             .registry = "pypistats",
                             .lists = k_lists,
                             .default_api = "https://pypistats.org",
                             .api_example = "https://pypistats.example.com",
                             .other_keys = k_other_keys};

class PypiSource final : public PackageSource {
public:
  PypiSource(PackageTable table, std::int64_t requests_per_minute)
      : PackageSource(k_pypi, std::move(table)), m_requests_per_minute(requests_per_minute) {}

  std::vector<HostPolicy> host_policies() const override {
    // Rounded up, so the pace never exceeds the rate.
    const std::int64_t interval = (60'000 + m_requests_per_minute - 1) / m_requests_per_minute;
    return {HostPolicy{url_host(api()), std::chrono::milliseconds(interval)}};
  }

private:
  std::vector<PackageFetch> fetches(Timestamp /*now*/) const override {
    std::vector<PackageFetch> out;
    out.reserve(names().size());
    for (const auto& listed : names()) {
      std::string name = normalize_pypi_name(listed);
      std::string url =
          api() + "/api/packages/" + encode_path_segment(name) + "/overall?mirrors=false";
      auto read = [name, url](std::string_view body) -> Result<std::vector<Observation>> {
        TRY_ASSIGN(const auto days, parse_pypistats_overall(body, url));
        return daily_observations("pypi", "downloads", name, days);
      };
      out.push_back(PackageFetch{std::move(name), Request{.url = std::move(url)}, std::move(read)});
    }
    return out;
  }

  std::int64_t m_requests_per_minute;
};

}  // namespace

std::unique_ptr<Source> make_pypi_source(const toml::table& table, const GetEnv& /*getenv*/,
                                         ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  auto read = read_package_table(table, k_pypi, problems);
  std::int64_t per_minute = k_default_per_minute;
  if (auto rate = read_integer(table, "requests_per_minute", k_where, problems)) {
    if (*rate < 1 || *rate > k_max_per_minute) {
      problems.add(*table.get("requests_per_minute"),
                   std::string(k_where) + " requests_per_minute must be from 1 to " +
                       std::to_string(k_max_per_minute) + " (pypistats asks for at most " +
                       std::to_string(k_default_per_minute) + ")");
    } else {
      per_minute = *rate;
    }
  }
  if (!read || problems.messages().size() != before) {
    return nullptr;
  }
  return std::make_unique<PypiSource>(std::move(*read), per_minute);
}

}  // namespace odometer
