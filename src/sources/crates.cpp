// The [crates] source: all-time downloads of crates (crates:downloads:NAME)
// and the last 90 days per day (crates:downloads-daily:NAME); keys in
// docs/series-keys.md.
//
// crates.io gives an all-time total per crate, stored as cumulative (it can
// drop when a version is deleted; the ledger keeps the highest), and the
// last 90 days per day, stored as daily. The daily series has its own
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

#include <array>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "odometer/version.hpp"
#include "sources/crates_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

constexpr std::chrono::milliseconds k_min_interval{1000};

// crates.io's rule: an ASCII letter, then letters, digits, - and _, at
// most 64 characters.
bool valid_crate(std::string_view name) {
  if (name.empty() || name.size() > 64 ||
      !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) {
    return false;
  }
  return is_plain_name(name, "-_");
}

// crates.io treats case and - versus _ as the same crate.
std::string crate_canonical(std::string_view name) {
  std::string out = ascii_lowercase(name);
  for (char& c : out) {
    c = c == '-' ? '_' : c;
  }
  return out;
}

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

constexpr NameList k_lists[] = {
    {"crates", {.what = "a crate name", .valid = valid_crate, .canonical = crate_canonical}}};
constexpr std::string_view k_other_keys[] = {"contact"};

constexpr PackageSpec k_crates{.table = "crates",
                               .registry = "crates.io",
                               .lists = k_lists,
                               .default_api = "https://crates.io",
                               .other_keys = k_other_keys};

class CratesSource final : public PackageSource {
public:
  CratesSource(PackageTable table, std::optional<std::string> contact)
      : PackageSource(k_crates, std::move(table)), m_contact(std::move(contact)) {}

  std::optional<std::string> missing_requirement() const override {
    if (m_contact) {
      return std::nullopt;
    }
    return "no contact for crates.io: its crawler policy asks for one in the User-Agent; set "
           "[crates] contact = \"you@example.com\"";
  }

  std::vector<HostPolicy> host_policies() const override {
    return {HostPolicy{url_host(api()), k_min_interval}};
  }

  SourceResult collect(SourceContext& context) override {
    if (const auto missing = missing_requirement()) {
      SourceResult result;
      result.entities = names().size();
      result.state = SourceState::skipped;
      result.reason = *missing;
      return result;
    }
    return PackageSource::collect(context);
  }

private:
  std::vector<PackageFetch> fetches(Timestamp now) const override {
    const std::vector<Header> headers{
        {"User-Agent", std::string("odometer/") + k_version + " (" + *m_contact + ")"}};
    std::vector<PackageFetch> out;
    out.reserve(2 * names().size());
    for (const auto& crate : names()) {
      const std::string url = api() + "/api/v1/crates/" + encode_path_segment(crate);
      out.push_back(PackageFetch{
          crate, Request{.url = url, .headers = headers},
          [crate, url, now](std::string_view body) -> Result<std::vector<Observation>> {
            TRY_ASSIGN(const Count total, parse_crate_downloads(body, url));
            TRY_ASSIGN(auto observation,
                       observation_at(now, "crates", "downloads", crate, Kind::cumulative, total));
            return std::vector<Observation>{std::move(observation)};
          }});
      const std::string daily_url = url + "/downloads";
      out.push_back(PackageFetch{
          crate, Request{.url = daily_url, .headers = headers},
          [crate, daily_url](std::string_view body) -> Result<std::vector<Observation>> {
            TRY_ASSIGN(const auto days, parse_crate_daily_downloads(body, daily_url));
            return daily_observations("crates", "downloads-daily", crate, days);
          }});
    }
    return out;
  }

  std::optional<std::string> m_contact;
};

}  // namespace

std::unique_ptr<Source> make_crates_source(const toml::table& table, const GetEnv& /*getenv*/,
                                           ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  auto read = read_package_table(table, k_crates, problems);
  const std::string where = "[crates]";
  auto contact = read_string(table, "contact", where, problems);
  if (contact && !valid_contact(*contact)) {
    problems.add(*table.get("contact"),
                 where + " contact must be an e-mail address or URL in printable ASCII, not empty");
  }
  if (!read || problems.messages().size() != before) {
    return nullptr;
  }
  return std::make_unique<CratesSource>(std::move(*read), std::move(contact));
}

}  // namespace odometer
