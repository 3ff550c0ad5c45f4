// The [npm] source: daily downloads of each package from the range
// endpoint, npm:downloads:PACKAGE (docs/series-keys.md). How one run is
// organised, and why:
//
// npm gives daily counts (`downloads/range/START:END/PKG`), so every package
// is a `daily` series merged by day: reading a day again never counts it
// twice, and a day read while still growing is raised by a later run.
//
// Which days to read. A package without a series in the stored ledger is
// read from `since` (2015-01-10, the API's first day, by default): the whole
// history, once. A package with one is read from `lookback_days` ago, or
// from its newest stored day if that is older (a run missed for months
// leaves no gap), up to today. A package whose read fails in any part
// stores nothing at all: storing the newest days of a half-read history
// would make the next run think the history is there.
//
// How to ask. Non-bulk ranges are limited to 18 months and bulk ones to 365
// days, and a wider range is clamped silently, so ranges are cut into
// chunks below the limits (counted back from today, so only the oldest
// chunk is short) and every answer's own `start`..`end` is checked: a part
// of a chunk the answer does not cover is asked again on its own, and an
// answer that covers none of what was asked fails the package. Only days
// after the newest one npm has published yet may be missing, in the chunk
// that ends today. Unscoped packages that need the same days go together,
// up to 128 names a request; scoped ones cannot (npm refuses them in bulk)
// and go one by one. A bulk answer maps each name to its range, or to null
// for a package that does not exist: like a 404, that is "not found on
// npm", a problem of that package, never a zero.
//
// The first read of a package starts years before it existed; npm answers
// those days with 0. Zeros before the first day with downloads are not
// stored (they would fill the ledger with nothing); every later day is.

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/npm_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[npm]";
// Days per request, below npm's limits of 18 months (non-bulk; never fewer
// than 546 days) and 365 days (bulk).
constexpr std::int32_t k_single_days = 540;
constexpr std::int32_t k_bulk_days = 365;
constexpr std::size_t k_bulk_names = 128;
constexpr std::int64_t k_default_lookback = 30;
constexpr std::int64_t k_max_lookback = 3650;
// npm's answers to chunks that a clamped answer split up, per package: far
// more than any real history needs, against a server that never covers.
constexpr std::size_t k_max_requests_per_package = 1000;

Day first_npm_day() {
  return *Day::from_ymd(2015, 1, 10);
}

struct NpmConfig {
  std::vector<std::string> packages;
  Day since = first_npm_day();
  std::int32_t lookback_days = static_cast<std::int32_t>(k_default_lookback);
  std::string api;
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// npm names: "name" or "@scope/name", each part of URL-safe characters
// (npm's rule), not starting with '.' or '_'. Keeping to them means a
// name cannot break a URL or a bulk request's comma-separated list.
bool is_npm_name(std::string_view name) {
  const auto is_part = [](std::string_view part) {
    return !part.empty() && part.front() != '.' && part.front() != '_' &&
           std::all_of(part.begin(), part.end(), is_name_char);
  };
  if (name.size() > 214) {
    return false;
  }
  if (name.starts_with('@')) {
    const auto slash = name.find('/');
    return slash != std::string_view::npos && is_part(name.substr(1, slash - 1)) &&
           is_part(name.substr(slash + 1));
  }
  return is_part(name);
}

bool is_scoped(std::string_view name) {
  return name.starts_with('@');
}

// The name as npm's download-counts documentation writes it in point and
// range requests: "@scope/name" stays "@scope/name" (only the per-version
// endpoint, which odometer does not use, wants "@scope%2Fname"). Each part is
// validated by is_npm_name and encoded on its own, so nothing in a name
// can add a path segment.
std::string url_name(std::string_view name) {
  if (!is_scoped(name)) {
    return encode_path_segment(name);
  }
  const auto slash = name.find('/');
  return "@" + encode_path_segment(name.substr(1, slash - 1)) + "/" +
         encode_path_segment(name.substr(slash + 1));
}

// `since` as a TOML date (since = 2020-01-01) or a string ("2020-01-01").
std::optional<Day> read_since(const toml::table& table, ConfigProblems& problems) {
  const toml::node* node = table.get("since");
  if (node == nullptr) {
    return first_npm_day();
  }
  std::optional<Day> day;
  if (const auto* date = node->as_date()) {
    const toml::date value = date->get();
    if (auto made = Day::from_ymd(value.year, value.month, value.day)) {
      day = *made;
    }
  } else if (const auto* text = node->as_string()) {
    if (auto parsed = Day::parse(text->get())) {
      day = *parsed;
    }
  }
  if (!day) {
    problems.add(*node, std::string(k_where) + " since must be a date such as 2020-01-01");
    return std::nullopt;
  }
  // npm has nothing earlier; asking for it would only be clamped.
  return std::max(*day, first_npm_day());
}

constexpr NameList k_lists[] = {
    {"packages",
     {.what = "an npm package name (\"name\" or \"@scope/name\")", .valid = is_npm_name}}};
constexpr std::string_view k_other_keys[] = {"since", "lookback_days"};

constexpr PackageSpec k_npm{.table = "npm",
                            .registry = "npm",
                            .lists = k_lists,
                            .default_api = "https://api.npmjs.org",
                            .api_example = "https://npm-mirror.example.com",
                            .other_keys = k_other_keys};

std::optional<NpmConfig> read_config(const toml::table& table, ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  auto read = read_package_table(table, k_npm, problems);
  NpmConfig config;
  if (auto since = read_since(table, problems)) {
    config.since = *since;
  }
  if (auto lookback = read_integer(table, "lookback_days", k_where, problems)) {
    if (*lookback < 1 || *lookback > k_max_lookback) {
      problems.add(*table.get("lookback_days"), std::string(k_where) +
                                                    " lookback_days must be from 1 to " +
                                                    std::to_string(k_max_lookback));
    } else {
      config.lookback_days = static_cast<std::int32_t>(*lookback);
    }
  }
  if (!read || problems.messages().size() != before) {
    return std::nullopt;
  }
  config.packages = std::move(read->names.front());
  config.api = std::move(read->api);
  return config;
}

// One package being collected.
struct Package {
  std::string name;
  bool first_read = false;  // no series stored yet: the whole history
  Day from;
  std::map<Day, Count> days;
  std::optional<std::string> failure;  // the first reason; the package then stores nothing
  std::size_t requests = 0;
};

struct Pending {
  std::vector<std::size_t> packages;  // one, or several unscoped ones (bulk)
  Day start;
  Day end;
  std::string url;
};

// [from, to] cut into pieces of at most `size` days, newest first.
std::vector<std::pair<Day, Day>> chunks(Day from, Day to, std::int32_t size) {
  std::vector<std::pair<Day, Day>> out;
  for (Day end = to; end >= from; end = end - size) {
    out.emplace_back(std::max(from, end - (size - 1)), end);
  }
  return out;
}

class Run {
public:
  Run(const NpmConfig& config, SourceContext& context)
      : m_config(config), m_context(context), m_today(context.now.day()) {}

  SourceResult collect() {
    m_result.entities = m_config.packages.size();
    for (const auto& name : m_config.packages) {
      add(name);
    }
    std::vector<Pending> round = first_round();
    while (!round.empty()) {
      round = fetch_round(round);
    }
    finish();
    return std::move(m_result);
  }

private:
  void add(const std::string& name) {
    Package package;
    package.name = name;
    const Series* stored = nullptr;
    if (auto key = SeriesKey::make("npm", "downloads", name)) {
      stored = m_context.stored.find(*key);
    }
    const auto newest = stored != nullptr ? stored->last_day() : std::nullopt;
    package.first_read = !newest.has_value();
    if (package.first_read) {
      package.from = m_config.since;
    } else {
      package.from = std::min(m_today - (m_config.lookback_days - 1), *newest);
    }
    // Never only today: npm publishes a day after it ends, and a range of
    // nothing but unpublished days may be refused.
    package.from = std::min(std::max(package.from, first_npm_day()), m_today - 1);
    m_packages.push_back(std::move(package));
  }

  Pending single(std::size_t index, Day start, Day end) const {
    return Pending{{index},
                   start,
                   end,
                   m_config.api + "/downloads/range/" + start.to_string() + ":" + end.to_string() +
                       "/" + url_name(m_packages[index].name)};
  }

  std::vector<Pending> first_round() {
    std::vector<Pending> round;
    // Unscoped packages grouped by the first day they need.
    std::map<Day, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < m_packages.size(); ++i) {
      if (is_scoped(m_packages[i].name)) {
        for (const auto& [start, end] : chunks(m_packages[i].from, m_today, k_single_days)) {
          round.push_back(single(i, start, end));
        }
      } else {
        groups[m_packages[i].from].push_back(i);
      }
    }
    for (const auto& [from, members] : groups) {
      if (members.size() == 1) {
        for (const auto& [start, end] : chunks(from, m_today, k_single_days)) {
          round.push_back(single(members.front(), start, end));
        }
        continue;
      }
      for (std::size_t first = 0; first < members.size(); first += k_bulk_names) {
        const std::vector<std::size_t> batch(
            members.begin() + static_cast<std::ptrdiff_t>(first),
            members.begin() +
                static_cast<std::ptrdiff_t>(std::min(first + k_bulk_names, members.size())));
        for (const auto& [start, end] : chunks(from, m_today, k_bulk_days)) {
          if (batch.size() == 1) {
            round.push_back(single(batch.front(), start, end));
            continue;
          }
          std::string names;
          for (const std::size_t index : batch) {
            names += (names.empty() ? "" : ",") + url_name(m_packages[index].name);
          }
          round.push_back(Pending{batch, start, end,
                                  m_config.api + "/downloads/range/" + start.to_string() + ":" +
                                      end.to_string() + "/" + names});
        }
      }
    }
    m_total += round.size();
    return round;
  }

  std::vector<Pending> fetch_round(const std::vector<Pending>& round) {
    std::vector<Request> requests;
    requests.reserve(round.size());
    for (const auto& pending : round) {
      Request request;
      request.url = pending.url;
      requests.push_back(std::move(request));
    }
    const auto fetched = m_context.http.fetch_all(requests);
    std::vector<Pending> next;
    for (std::size_t i = 0; i < round.size(); ++i) {
      handle(round[i], fetched[i], next);
    }
    m_done += round.size();
    m_total += next.size();
    if (m_context.progress) {
      m_context.progress(m_done, m_total);
    }
    return next;
  }

  void handle(const Pending& pending, const Fetched& fetched, std::vector<Pending>& next) {
    if (!fetched.ok()) {
      for (const std::size_t index : pending.packages) {
        fail(index, fetch_problem(fetched, "npm", pending.url).message);
      }
      return;
    }
    if (pending.packages.size() == 1) {
      auto range = parse_npm_range(fetched.response.body, pending.url);
      if (!range) {
        fail(pending.packages.front(), range.error().message);
      } else if (range->package != m_packages[pending.packages.front()].name) {
        fail(pending.packages.front(),
             pending.url + ": $.package: the answer is for another package");
      } else {
        absorb(pending.packages.front(), pending, *range, next);
      }
      return;
    }
    auto answers = parse_npm_bulk_range(fetched.response.body, pending.url);
    if (!answers) {
      for (const std::size_t index : pending.packages) {
        fail(index, answers.error().message);
      }
      return;
    }
    for (const std::size_t index : pending.packages) {
      const auto found = answers->find(m_packages[index].name);
      if (found == answers->end()) {
        fail(index, pending.url + ": the answer has no entry for " + m_packages[index].name);
      } else if (!found->second) {
        fail(index, not_found_on("npm", pending.url).message);
      } else {
        absorb(index, pending, *found->second, next);
      }
    }
  }

  // Takes one package's days from an answer to pending, and asks again for
  // what the answer's start..end left out of what was asked.
  void absorb(std::size_t index, const Pending& pending, const NpmRange& range,
              std::vector<Pending>& next) {
    Package& package = m_packages[index];
    if (package.failure) {
      return;
    }
    const bool reaches_today = pending.end == m_today;
    const bool covers_nothing = range.end < pending.start || range.start > pending.end;
    if (covers_nothing && !reaches_today) {
      fail(index, pending.url + ": npm answered " + range.start.to_string() + ":" +
                      range.end.to_string() + " for " + pending.start.to_string() + ":" +
                      pending.end.to_string());
      return;
    }
    for (const auto& entry : range.days) {
      Count& count = package.days[entry.day];
      count = std::max(count, entry.count);
    }
    if (covers_nothing) {
      return;  // nothing published yet in a window that ends today
    }
    if (range.start > pending.start) {
      ask_again(index, pending.start, range.start - 1, next);
    }
    if (range.end < pending.end && !reaches_today) {
      ask_again(index, range.end + 1, pending.end, next);
    }
  }

  void ask_again(std::size_t index, Day start, Day end, std::vector<Pending>& next) {
    Package& package = m_packages[index];
    if (++package.requests > k_max_requests_per_package) {
      fail(index, m_config.api + ": npm keeps clamping the ranges asked for " + package.name);
      return;
    }
    next.push_back(single(index, start, end));
  }

  void fail(std::size_t index, std::string reason) {
    Package& package = m_packages[index];
    if (!package.failure) {
      package.failure = std::move(reason);
    }
  }

  void finish() {
    std::size_t failed = 0;
    for (const auto& package : m_packages) {
      auto observations = package.failure
                              ? Result<std::vector<Observation>>(make_error(*package.failure))
                              : observations_of(package);
      if (!observations) {
        ++failed;
        m_result.problems.push_back(
            EntityProblem{package.name, SourceState::failed, observations.error().message});
        continue;
      }
      std::move(observations->begin(), observations->end(),
                std::back_inserter(m_result.observations));
    }
    note_failures(m_result, failed, m_packages.size(), "packages");
  }

  // The days of a package read whole. Leading zeros of a first read are days
  // before the package existed; the newest day is kept even if zero, so the
  // series exists and the next run does not read the whole history again.
  static Result<std::vector<Observation>> observations_of(const Package& package) {
    auto first = package.days.begin();
    if (package.first_read) {
      while (first != package.days.end() && first->second == 0 &&
             std::next(first) != package.days.end()) {
        ++first;
      }
    }
    std::vector<DayCount> days;
    for (auto it = first; it != package.days.end(); ++it) {
      days.push_back(DayCount{it->first, it->second});
    }
    return daily_observations("npm", "downloads", package.name, days);
  }

  const NpmConfig& m_config;
  SourceContext& m_context;
  Day m_today;
  std::vector<Package> m_packages;
  std::size_t m_done = 0;
  std::size_t m_total = 0;
  SourceResult m_result;
};

class NpmSource final : public Source {
public:
  explicit NpmSource(NpmConfig config) : m_config(std::move(config)) {}

  std::string name() const override { return "npm"; }

  SourceResult collect(SourceContext& context) override {
    Run run(m_config, context);
    return run.collect();
  }

private:
  NpmConfig m_config;
};

}  // namespace

std::unique_ptr<Source> make_npm_source(const toml::table& table, const GetEnv& /*getenv*/,
                                        ConfigProblems& problems) {
  auto config = read_config(table, problems);
  if (!config) {
    return nullptr;
  }
  return std::make_unique<NpmSource>(std::move(*config));
}

}  // namespace odometer
