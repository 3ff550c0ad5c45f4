// The [crates] source. crates.io gives an all-time total per crate, stored
// as cumulative crates:downloads:NAME (it can drop when a version is
// deleted; the ledger keeps the highest), and the last 90 days per day,
// stored as daily crates:downloads-daily:NAME. The daily series has its own
// metric so that a counter summing `downloads` never adds the two views of
// the same downloads together; it is there for charts and keeps the days
// after they leave the 90-day window.
//
// crates.io's crawler policy asks every client for a User-Agent that says
// how to reach its operator, and for at most one request a second. Without
// a `contact` the source does not run at all (skipped, saying why); with
// one, every request carries "odometer/VERSION (CONTACT)" and the source
// declares the one-second spacing for the API host, which the HTTP client
// keeps across retries.

#include "sources/crates.hpp"

#include <array>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "odometer/version.hpp"
#include "sources/count_source.hpp"
#include "sources/crates_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[crates]";
constexpr std::string_view k_default_api = "https://crates.io";
constexpr std::array<std::string_view, 3> k_keys{"crates", "contact", "api"};
constexpr std::chrono::milliseconds k_min_interval{1000};

// crates.io's rule: an ASCII letter, then letters, digits, - and _, at
// most 64 characters.
bool valid_crate(std::string_view name) {
  if (name.empty() || name.size() > 64 ||
      !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) {
    return false;
  }
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '-' && c != '_') {
      return false;
    }
  }
  return true;
}

// crates.io treats case and - versus _ as the same crate.
std::string crate_canonical(std::string_view name) {
  std::string out = ascii_lowercase(name);
  for (char& c : out) {
    c = c == '-' ? '_' : c;
  }
  return out;
}

constexpr NameRule k_rule{
    .what = "a crate name", .valid = valid_crate, .canonical = crate_canonical};

// The contact goes into a request header: printable ASCII only, so it can
// never split the header or add another.
bool valid_contact(std::string_view contact) {
  if (contact.empty()) {
    return false;
  }
  for (const char c : contact) {
    if (c < ' ' || c > '~') {
      return false;
    }
  }
  return true;
}

struct CratesConfig {
  std::string api;
  std::vector<std::string> crates;
  std::optional<std::string> contact;
};

class CratesSource final : public Source {
public:
  explicit CratesSource(CratesConfig config) : m_config(std::move(config)) {}

  std::string name() const override { return "crates"; }

  std::optional<std::string> missing_requirement() const override {
    if (m_config.contact) {
      return std::nullopt;
    }
    return "no contact for crates.io: its crawler policy asks for one in the User-Agent; set "
           "[crates] contact = \"you@example.com\"";
  }

  std::vector<HostPolicy> host_policies() const override {
    return {HostPolicy{url_host(m_config.api), k_min_interval}};
  }

  SourceResult collect(SourceContext& context) override {
    if (const auto missing = missing_requirement()) {
      SourceResult result;
      result.entities = m_config.crates.size();
      result.state = SourceState::skipped;
      result.reason = *missing;
      return result;
    }
    const std::vector<Header> headers{
        {"User-Agent", std::string("odometer/") + k_version + " (" + *m_config.contact + ")"}};
    const Timestamp now = context.now;
    std::vector<PackageFetch> fetches;
    fetches.reserve(2 * m_config.crates.size());
    for (const auto& crate : m_config.crates) {
      const std::string url = m_config.api + "/api/v1/crates/" + encode_path_segment(crate);
      fetches.push_back(PackageFetch{
          crate, Request{.url = url, .headers = headers},
          [crate, url, now](std::string_view body) -> Result<std::vector<Observation>> {
            auto total = parse_crate_downloads(body, url);
            if (!total) {
              return total.error();
            }
            auto observation =
                observation_at(now, "crates", "downloads", crate, Kind::cumulative, *total);
            if (!observation) {
              return observation.error();
            }
            return std::vector<Observation>{std::move(*observation)};
          }});
      const std::string daily_url = url + "/downloads";
      fetches.push_back(PackageFetch{crate, Request{.url = daily_url, .headers = headers},
                                     [crate, daily_url](std::string_view body) {
                                       return daily_observations(crate, body, daily_url);
                                     }});
    }
    return collect_packages(context, "crates.io", fetches);
  }

private:
  static Result<std::vector<Observation>> daily_observations(const std::string& crate,
                                                             std::string_view body,
                                                             std::string_view url) {
    auto days = parse_crate_daily_downloads(body, url);
    if (!days) {
      return days.error();
    }
    auto key = SeriesKey::make("crates", "downloads-daily", crate);
    if (!key) {
      return key.error();
    }
    std::vector<Observation> out;
    out.reserve(days->size());
    for (const auto& day : *days) {
      out.push_back(Observation{.key = *key,
                                .kind = Kind::daily,
                                .day = day.day,
                                .value = static_cast<std::int64_t>(day.downloads)});
    }
    return out;
  }

  CratesConfig m_config;
};

std::optional<CratesConfig> read_config(const toml::table& table, ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  CratesConfig config;
  config.api = read_api_url(table, k_where, k_default_api, k_default_api, problems);
  config.contact = read_string(table, "contact", k_where, problems);
  if (config.contact && !valid_contact(*config.contact)) {
    problems.add(*table.get("contact"),
                 std::string(k_where) +
                     " contact must be an e-mail address or URL in printable ASCII, not empty");
    config.contact.reset();
  }
  auto crates = read_package_names(table, "crates", k_where, k_rule, problems);
  if (problems.messages().size() != before || !crates) {
    return std::nullopt;
  }
  config.crates = std::move(*crates);
  return config;
}

}  // namespace

std::unique_ptr<Source> make_crates_source(const toml::table& table, const GetEnv& /*getenv*/,
                                           ConfigProblems& problems) {
  auto config = read_config(table, problems);
  if (!config) {
    return nullptr;
  }
  return std::make_unique<CratesSource>(std::move(*config));
}

}  // namespace odometer
