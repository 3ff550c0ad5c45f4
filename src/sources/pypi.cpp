// The [pypi] source. pypistats keeps about 180 days of daily counts, so
// every run reads each package's whole window (one request) and stores it
// as a `daily` series: days merge by max, so the overlap with the last run
// counts once, the newest day grows until it is complete, and days older
// than the window stay in the ledger after pypistats has dropped them.
// Only `without_mirrors` rows are used (the parser's rule).
//
// pypistats asks clients for at most 30 requests a minute. The source does
// not sleep itself: it declares the pace through host_policies(), and the
// shared HTTP client starts requests to that host at least that far apart,
// retries included, whatever other source shares the client.

#include "sources/pypi.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/pypi_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[pypi]";
constexpr std::string_view k_default_api = "https://pypistats.org";
constexpr std::array<std::string_view, 3> k_keys{"packages", "api", "requests_per_minute"};
// pypistats' own request; higher values exist for mirrors and tests.
constexpr std::int64_t k_default_per_minute = 30;
constexpr std::int64_t k_max_per_minute = 600;

struct PypiConfig {
  std::vector<std::string> packages;  // normalised, unique
  std::string api;
  std::int64_t requests_per_minute = k_default_per_minute;
};

const toml::node& item_node(const toml::table& table, std::string_view key, std::size_t index) {
  const toml::node* node = table.get(key);
  if (const auto* list = node->as_array(); list != nullptr && index < list->size()) {
    return *list->get(index);
  }
  return *node;
}

std::optional<PypiConfig> read_config(const toml::table& table, ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  PypiConfig config;
  if (auto packages = read_strings(table, "packages", k_where, problems)) {
    for (std::size_t i = 0; i < packages->size(); ++i) {
      const std::string& name = (*packages)[i];
      if (!is_pypi_name(name)) {
        problems.add(item_node(table, "packages", i), std::string(k_where) + " packages entry \"" +
                                                          name + "\" is not a PyPI project name");
        continue;
      }
      // "Foo_Bar" and "foo-bar" are one project: one series, one request.
      std::string normalized = normalize_pypi_name(name);
      if (std::find(config.packages.begin(), config.packages.end(), normalized) ==
          config.packages.end()) {
        config.packages.push_back(std::move(normalized));
      }
    }
    if (packages->empty()) {
      problems.add(*table.get("packages"),
                   std::string(k_where) + " packages must name at least one project");
    }
  } else if (!table.contains("packages")) {
    problems.add(table, std::string(k_where) + " needs packages = [\"name\", ...]");
  }
  config.api =
      read_api_url(table, k_where, k_default_api, "https://pypistats.example.com", problems);
  if (auto rate = read_integer(table, "requests_per_minute", k_where, problems)) {
    if (*rate < 1 || *rate > k_max_per_minute) {
      problems.add(*table.get("requests_per_minute"),
                   std::string(k_where) + " requests_per_minute must be from 1 to " +
                       std::to_string(k_max_per_minute) + " (pypistats asks for at most " +
                       std::to_string(k_default_per_minute) + ")");
    } else {
      config.requests_per_minute = *rate;
    }
  }
  if (problems.messages().size() != known_problems) {
    return std::nullopt;
  }
  return config;
}

class PypiSource final : public Source {
public:
  explicit PypiSource(PypiConfig config) : m_config(std::move(config)) {}

  std::string name() const override { return "pypi"; }

  std::vector<HostPolicy> host_policies() const override {
    // Rounded up, so the pace never exceeds the rate.
    const std::int64_t interval =
        (60'000 + m_config.requests_per_minute - 1) / m_config.requests_per_minute;
    return {HostPolicy{url_host(m_config.api), std::chrono::milliseconds(interval)}};
  }

  SourceResult collect(SourceContext& context) override {
    SourceResult result;
    result.entities = m_config.packages.size();
    std::vector<Request> requests;
    requests.reserve(m_config.packages.size());
    for (const auto& name : m_config.packages) {
      Request request;
      request.url =
          m_config.api + "/api/packages/" + encode_path_segment(name) + "/overall?mirrors=false";
      requests.push_back(std::move(request));
    }
    const auto fetched = context.http.fetch_all(requests);
    std::size_t failed = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const std::string& name = m_config.packages[i];
      const std::string& url = requests[i].url;
      const auto fail = [&](std::string reason) {
        ++failed;
        result.problems.push_back(EntityProblem{name, SourceState::failed, std::move(reason)});
      };
      if (!fetched[i].ok()) {
        fail(fetch_problem(fetched[i], "pypistats", url));
        continue;
      }
      auto days = parse_pypistats_overall(fetched[i].response.body, url);
      if (!days) {
        fail(days.error().message);
        continue;
      }
      auto key = SeriesKey::make("pypi", "downloads", name);
      if (!key) {
        fail(key.error().message);
        continue;
      }
      for (const auto& day : *days) {
        result.observations.push_back(Observation{.key = *key,
                                                  .kind = Kind::daily,
                                                  .day = day.day,
                                                  .value = static_cast<std::int64_t>(day.count)});
      }
    }
    if (context.progress) {
      context.progress(requests.size(), requests.size());
    }
    if (failed > 0) {
      result.state = SourceState::failed;
      result.reason = std::to_string(failed) + " of " + std::to_string(m_config.packages.size()) +
                      " packages failed";
    }
    return result;
  }

private:
  PypiConfig m_config;
};

}  // namespace

std::unique_ptr<Source> make_pypi_source(const toml::table& table, const GetEnv& /*getenv*/,
                                         ConfigProblems& problems) {
  auto config = read_config(table, problems);
  if (!config) {
    return nullptr;
  }
  return std::make_unique<PypiSource>(std::move(*config));
}

}  // namespace odometer
