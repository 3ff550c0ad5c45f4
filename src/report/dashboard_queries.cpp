#include "report/dashboard_queries.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>
#include <utility>

#include "core/counters.hpp"

namespace odometer {
namespace {

// OWNER/REPO and the rest of a GitHub entity ("o/r/Google" -> "o/r", "Google"
// for a referrer; "o/r/docs" -> "o/r", "/docs" for a path). Nullopt when the
// entity has no OWNER/REPO prefix.
struct RepoPart {
  std::string_view repo;
  std::string_view rest;
};

std::optional<RepoPart> split_repo(std::string_view entity, bool keep_slash) {
  const std::size_t first = entity.find('/');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t second = entity.find('/', first + 1);
  if (second == std::string_view::npos) {
    return std::nullopt;
  }
  return RepoPart{entity.substr(0, second), entity.substr(keep_slash ? second : second + 1)};
}

}  // namespace

std::vector<ChartPoint> traffic_per_day(const Ledger& ledger, std::string_view metric) {
  std::map<Day, Count> sums;
  for (const auto& [key, series] : ledger.series()) {
    const DailySeries* daily = series.daily();
    if (key.source() != "github" || key.metric() != metric || daily == nullptr ||
        daily->additivity() != Additivity::additive) {
      continue;
    }
    for (const auto& [day, count] : daily->days()) {
      sums[day] = saturating_add(sums[day], count);
    }
  }
  std::vector<ChartPoint> out;
  if (sums.empty()) {
    return out;
  }
  const Day first = sums.begin()->first;
  const Day last = sums.rbegin()->first;
  out.reserve(static_cast<std::size_t>(last - first) + 1);
  for (Day day = first; day <= last; day = day + 1) {
    const auto found = sums.find(day);
    out.push_back(ChartPoint{day, found == sums.end() ? 0 : found->second});
  }
  return out;
}

std::vector<ChartPoint> github_days(const Ledger& ledger, std::string_view metric,
                                    std::string_view repo, Day first, Day last) {
  std::vector<ChartPoint> out;
  if (last < first) {
    return out;
  }
  out.reserve(static_cast<std::size_t>(last - first) + 1);
  for (Day day = first; day <= last; day = day + 1) {
    out.push_back(ChartPoint{day, 0});
  }
  for (const auto& [key, series] : ledger.series()) {
    const DailySeries* daily = series.daily();
    if (key.source() != "github" || key.metric() != metric || daily == nullptr ||
        (!repo.empty() && key.entity() != repo)) {
      continue;
    }
    for (const auto& [day, count] : daily->days()) {
      if (first <= day && day <= last) {
        auto& point = out[static_cast<std::size_t>(day - first)];
        point.value = saturating_add(point.value, count);
      }
    }
  }
  return out;
}

namespace {

const Series* github_series(const Ledger& ledger, std::string_view metric, std::string_view repo) {
  const auto key = SeriesKey::make("github", metric, repo);
  return key ? ledger.find(*key) : nullptr;
}

}  // namespace

std::vector<ChartPoint> popularity_history(const Ledger& ledger, std::string_view metric,
                                           std::string_view repo) {
  const Series* daily = github_series(ledger, std::string(metric) + "-daily", repo);
  const Series* gauge = github_series(ledger, metric, repo);
  daily = daily != nullptr && daily->daily() != nullptr ? daily : nullptr;
  gauge = gauge != nullptr && gauge->gauge() != nullptr ? gauge : nullptr;
  const Series* drawn = daily != nullptr ? daily : gauge;
  std::vector<ChartPoint> out;
  if (drawn == nullptr || !drawn->first_day()) {
    return out;
  }
  const Day first = *drawn->first_day();
  Day last = *drawn->last_day();
  if (gauge != nullptr && gauge->last_day() && *gauge->last_day() > last) {
    last = *gauge->last_day();  // stars-daily leaves out days without stars
  }
  if (daily != nullptr) {
    const auto values = daily->value_history(first, last).value_or(std::vector<Count>());
    for (std::size_t i = 0; i < values.size(); ++i) {
      out.push_back(ChartPoint{first + static_cast<std::int32_t>(i), values[i]});
    }
    return out;
  }
  for (Day day = first; day <= last; day = day + 1) {
    out.push_back(ChartPoint{day, gauge->gauge()->reading_as_of(day).value_or(0)});
  }
  return out;
}

std::vector<std::string> repositories_by_activity(const Ledger& ledger) {
  std::map<std::string, Count, std::less<>> activity;
  for (const auto& row : repository_rows(ledger)) {
    activity.emplace(row.repo, 0);
  }
  for (const auto& [key, series] : ledger.series()) {
    const DailySeries* daily = series.daily();
    if (key.source() == "github" &&
        (key.metric() == k_github_stars_daily || key.metric() == k_github_forks_daily)) {
      activity.emplace(key.entity(), 0);
    }
    if (key.source() != "github" ||
        (key.metric() != k_github_clones && key.metric() != k_github_views) || daily == nullptr) {
      continue;
    }
    Count& sum = activity[std::string(key.entity())];
    for (const auto& [day, count] : daily->days()) {
      sum = saturating_add(sum, count);
    }
  }
  std::vector<std::pair<std::string, Count>> sorted(activity.begin(), activity.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  out.reserve(sorted.size());
  for (auto& [repo, sum] : sorted) {
    out.push_back(std::move(repo));
  }
  return out;
}

std::vector<RepositoryRow> repository_rows(const Ledger& ledger) {
  std::map<std::string, RepositoryRow, std::less<>> rows;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() != "github") {
      continue;
    }
    const std::string_view metric = key.metric();
    std::optional<Count> RepositoryRow::*field = nullptr;
    if (metric == k_github_clones) {
      field = &RepositoryRow::clones;
    } else if (metric == k_github_views) {
      field = &RepositoryRow::views;
    } else if (metric == k_github_stars) {
      field = &RepositoryRow::stars;
    } else if (metric == k_github_forks) {
      field = &RepositoryRow::forks;
    } else if (metric == k_github_release_downloads) {
      field = &RepositoryRow::release_downloads;
    } else {
      continue;
    }
    auto& row = rows[std::string(key.entity())];
    row.repo = key.entity();
    row.*field = series.value();
  }
  std::vector<RepositoryRow> out;
  out.reserve(rows.size());
  for (auto& [repo, row] : rows) {
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<PackageRow> package_rows(const Ledger& ledger) {
  std::vector<PackageRow> out;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() == "github" || !is_package_metric(key.metric())) {
      continue;
    }
    out.push_back(PackageRow{key, series.kind(), series.value(), series.last_day()});
  }
  return out;
}

namespace {

// The reading on day of the uniques gauge beside a referrer's or path's
// views gauge, if any.
std::optional<Count> uniques_of(const Ledger& ledger, std::string_view metric,
                                const SeriesKey& views, Day day) {
  const auto key = SeriesKey::make("github", metric, views.entity());
  if (!key) {
    return std::nullopt;
  }
  const Series* series = ledger.find(*key);
  const GaugeSeries* gauge = series == nullptr ? nullptr : series->gauge();
  if (gauge == nullptr) {
    return std::nullopt;
  }
  const GaugeReading* reading = gauge->days().find(day);
  if (reading == nullptr) {
    return std::nullopt;
  }
  return reading->value;
}

// sum + value while both are known: a sum of uniques with an unknown part
// is unknown, never shown lower than it is.
std::optional<Count> add_known(std::optional<Count> sum, std::optional<Count> value) {
  if (!sum || !value) {
    return std::nullopt;
  }
  return saturating_add(*sum, *value);
}

// One views gauge of a referrers or paths list, split into its repository
// and the referrer or path. It refers into the ledger.
struct PopularGauge {
  const SeriesKey* key;
  const GaugeSeries* gauge;
  RepoPart parts;
};

// Every views gauge of the list `which` that has readings and names its
// repository, in key order.
std::vector<PopularGauge> popular_gauges(const Ledger& ledger, GithubPopular which) {
  const auto metric = github_popular_metrics(which).views;
  std::vector<PopularGauge> out;
  for (const auto& [key, series] : ledger.series()) {
    const GaugeSeries* gauge = series.gauge();
    if (key.source() != "github" || key.metric() != metric || gauge == nullptr ||
        gauge->days().empty()) {
      continue;
    }
    if (const auto parts = split_repo(key.entity(), which == GithubPopular::path)) {
      out.push_back(PopularGauge{&key, gauge, *parts});
    }
  }
  return out;
}

// Every latest reading of latest_top, the largest first.
std::vector<TopEntry> latest_readings(const Ledger& ledger, GithubPopular which) {
  const auto uniques_metric = github_popular_metrics(which).uniques;
  std::map<std::string, Day, std::less<>> newest;
  std::vector<TopEntry> candidates;
  for (const auto& [key, gauge, parts] : popular_gauges(ledger, which)) {
    const auto& entries = gauge->days().entries();
    const auto& [day, reading] = entries.back();
    TopEntry entry{std::string(parts.repo),
                   std::string(parts.rest),
                   reading.value,
                   uniques_of(ledger, uniques_metric, *key, day),
                   day,
                   {}};
    for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
      entry.earlier.push_back(ChartPoint{entries[i].first, entries[i].second.value});
    }
    candidates.push_back(std::move(entry));
    auto [it, inserted] = newest.emplace(std::string(parts.repo), day);
    if (!inserted) {
      it->second = std::max(it->second, day);
    }
  }
  std::vector<TopEntry> out;
  for (auto& entry : candidates) {
    if (entry.day == newest.find(entry.repo)->second) {
      out.push_back(std::move(entry));
    }
  }
  std::sort(out.begin(), out.end(), [](const TopEntry& a, const TopEntry& b) {
    if (a.value != b.value) {
      return a.value > b.value;
    }
    return std::tie(a.repo, a.name) < std::tie(b.repo, b.name);
  });
  return out;
}

}  // namespace

std::vector<TopEntry> latest_top(const Ledger& ledger, GithubPopular which, std::size_t most) {
  auto out = latest_readings(ledger, which);
  if (out.size() > most) {
    out.resize(most);
  }
  return out;
}

std::vector<TopEntry> latest_of_repository(const Ledger& ledger, GithubPopular which,
                                           std::string_view repo, std::size_t most) {
  auto all = latest_readings(ledger, which);
  std::vector<TopEntry> out;
  for (auto& entry : all) {
    if (entry.repo == repo && out.size() < most) {
      out.push_back(std::move(entry));
    }
  }
  return out;
}

std::vector<DomainTotal> referrers_by_domain(const Ledger& ledger, std::size_t most) {
  std::map<std::string, DomainTotal, std::less<>> by_name;
  // Largest first, so each domain's repositories come in that order too.
  for (auto& entry : latest_readings(ledger, GithubPopular::referrer)) {
    auto [it, inserted] = by_name.try_emplace(entry.name);
    DomainTotal& total = it->second;
    total.name = entry.name;
    total.value = saturating_add(total.value, entry.value);
    total.uniques = add_known(inserted ? 0 : total.uniques, entry.uniques);
    total.repos.push_back(std::move(entry));
  }
  std::vector<DomainTotal> out;
  out.reserve(by_name.size());
  for (auto& [name, total] : by_name) {
    out.push_back(std::move(total));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const DomainTotal& a, const DomainTotal& b) { return a.value > b.value; });
  if (out.size() > most) {
    out.resize(most);
  }
  return out;
}

namespace {

// One repository's reading of a referrer on one of its read days.
struct PopularReading {
  Count views = 0;
  std::optional<Count> uniques;
};
// The readings of one read day, by the index of the name asked for;
// nullopt where the name was not among that day's referrers.
using ReadDay = std::vector<std::optional<PopularReading>>;

}  // namespace

std::vector<ReferrerHistory> referrer_histories(const Ledger& ledger,
                                                const std::vector<std::string>& names) {
  const auto uniques_metric = github_popular_metrics(GithubPopular::referrer).uniques;
  // Per repository, its read days in order. Only the names asked for are
  // kept: an org's every referrer of every day would not fit.
  std::map<std::string, std::map<Day, ReadDay>, std::less<>> repos;
  for (const auto& [key, gauge, parts] : popular_gauges(ledger, GithubPopular::referrer)) {
    const auto wanted = std::find(names.begin(), names.end(), parts.rest);
    auto& days = repos[std::string(parts.repo)];
    for (const auto& [day, reading] : gauge->days().entries()) {
      ReadDay& read = days[day];
      read.resize(names.size());
      if (wanted != names.end()) {
        read[static_cast<std::size_t>(wanted - names.begin())] =
            PopularReading{reading.value, uniques_of(ledger, uniques_metric, *key, day)};
      }
    }
  }
  std::vector<ReferrerHistory> out(names.size());
  if (repos.empty()) {
    return out;
  }
  Day first = repos.begin()->second.begin()->first;
  Day last = first;
  for (const auto& [repo, days] : repos) {
    first = std::min(first, days.begin()->first);
    last = std::max(last, days.rbegin()->first);
  }
  // Each repository's newest read day so far, walked forward with the days.
  using Cursor = std::map<Day, ReadDay>::const_iterator;
  std::vector<std::pair<Cursor, Cursor>> cursors;
  for (const auto& [repo, days] : repos) {
    cursors.emplace_back(days.begin(), days.end());
  }
  std::vector<const ReadDay*> current(repos.size(), nullptr);
  for (Day day = first; day <= last; day = day + 1) {
    for (std::size_t r = 0; r < cursors.size(); ++r) {
      auto& [next, end] = cursors[r];
      while (next != end && next->first <= day) {
        current[r] = &next->second;
        ++next;
      }
    }
    for (std::size_t n = 0; n < names.size(); ++n) {
      Count views = 0;
      std::optional<Count> uniques = 0;
      for (const ReadDay* read : current) {
        if (read == nullptr || !(*read)[n]) {
          continue;  // not read yet, or out of the top ten that day
        }
        const PopularReading& reading = *(*read)[n];
        views = saturating_add(views, reading.views);
        uniques = add_known(uniques, reading.uniques);
      }
      out[n].views.push_back(ChartPoint{day, views});
      if (uniques) {
        out[n].uniques.push_back(ChartPoint{day, *uniques});
      }
    }
  }
  return out;
}

}  // namespace odometer
