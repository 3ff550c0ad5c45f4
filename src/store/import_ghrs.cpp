// A ghrs data folder onto the collector's series. ghrs reads the same four
// traffic endpoints and the star and fork counts that [github] reads, so
// each of its numbers has the series the collector would have put it in:
//
//   views_clones_aggregate.csv, snapshots/*_views_clones_series_fragment.csv
//       one row per UTC day: clones and views are days of github:clones and
//       github:views; their uniques are days of the non-additive
//       github:clone-uniques and github:view-uniques. A fragment's newest
//       day may be partial: a lower bound like every day, raised by max when
//       the full day comes in from the aggregate or a collect.
//   snapshots/*_top_referrers_snapshot.csv, *_top_paths_snapshot.csv
//       a 14-day count and uniques per referrer or path, read at the time
//       in the file name: gauge readings of that day, in the collector's
//       github:referrer and github:referrer-uniques (or path) series.
//   stargazers.csv, forks.csv, stargazer-snapshots.csv
//       the star or fork count at a time: a gauge reading of that day.
//       stargazers.csv and stargazer-snapshots.csv both feed github:stars;
//       on a day both have, the later reading wins, as it does in any gauge.

#include "store/import_ghrs.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/github_keys.hpp"

namespace odometer {

namespace {

constexpr std::array<std::string_view, 5> k_traffic_header{
    "time_iso8601", "clones_total", "clones_unique", "views_total", "views_unique"};

// snapshots/YYYY-MM-DD_HHMMSS_<suffix>
constexpr std::string_view k_snapshots = "snapshots/";
constexpr std::size_t k_snapshot_time_length = 17;

enum class Snapshot { fragment, referrers, paths };
struct SnapshotFile {
  std::string_view suffix;
  Snapshot kind;
};
constexpr std::array<SnapshotFile, 3> k_snapshot_files{{
    {"_views_clones_series_fragment.csv", Snapshot::fragment},
    {"_top_referrers_snapshot.csv", Snapshot::referrers},
    {"_top_paths_snapshot.csv", Snapshot::paths},
}};

// What a file under snapshots/ is, by its suffix; nullptr for other files.
const SnapshotFile* snapshot_kind(std::string_view relative) {
  if (!relative.starts_with(k_snapshots) ||
      relative.find('/', k_snapshots.size()) != std::string_view::npos) {
    return nullptr;
  }
  const auto* found =
      std::find_if(k_snapshot_files.begin(), k_snapshot_files.end(),
                   [&](const SnapshotFile& layout) { return relative.ends_with(layout.suffix); });
  return found == k_snapshot_files.end() ? nullptr : found;
}

struct GaugeFile {
  std::string_view name;
  std::string_view column;
  std::string_view metric;
};

constexpr std::array<GaugeFile, 3> k_gauge_files{{
    {"stargazers.csv", "stars_cumulative", k_github_stars},
    {"forks.csv", "forks_cumulative", k_github_forks},
    {"stargazer-snapshots.csv", "stargazers_cumulative_snapshot", k_github_stars},
}};

constexpr std::string_view k_aggregate = "views_clones_aggregate.csv";

bool two_digits(std::string_view text, std::size_t at, int limit, int& out) {
  if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' ||
      text[at + 1] > '9') {
    return false;
  }
  out = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return out <= limit;
}

// Seconds since the epoch of DAY plus hours, minutes and seconds, if the
// result is a day that YYYY-MM-DD can spell.
std::optional<Timestamp> make_time(Day day, int hours, int minutes, int seconds,
                                   std::int64_t offset) {
  const std::int64_t unix_seconds =
      Timestamp::start_of(day).unix_seconds() + hours * 3600 + minutes * 60 + seconds - offset;
  const Timestamp when = Timestamp::from_unix_seconds(unix_seconds);
  static const Day k_first = Day::parse("0001-01-01").value();
  static const Day k_last = Day::parse("9999-12-31").value();
  if (when.day() < k_first || when.day() > k_last) {
    return std::nullopt;
  }
  return when;
}

// The time of a snapshot file's name: YYYY-MM-DD_HHMMSS at its start, UTC.
std::optional<Timestamp> snapshot_time(std::string_view name) {
  const auto found = time_in_file_name(name);
  if (!found || found->position != 0 || !found->has_time_of_day) {
    return std::nullopt;
  }
  return found->time;
}

Result<Timestamp> row_time(const ImportFile& file, const CsvRecord& record) {
  const auto when = parse_ghrs_time(record.fields[0]);
  if (!when) {
    return file_error(file, record.line,
                      "time_iso8601: \"" + record.fields[0] +
                          "\" is not a real date and time with its UTC offset, like "
                          "2025-03-01 00:00:00+00:00");
  }
  return *when;
}

Status read_traffic(const ImportFile& file, std::string_view repo, FileImport& out) {
  TRY_ASSIGN(const auto rows, read_csv_rows(file, k_traffic_header));
  // Column by column: count, then its uniques.
  struct Target {
    SeriesKey key;
    Additivity additivity;
  };
  std::vector<Target> targets;
  for (const auto& [metric, additivity] :
       {std::pair{k_github_clones, Additivity::additive},
        std::pair{k_github_clone_uniques, Additivity::non_additive},
        std::pair{k_github_views, Additivity::additive},
        std::pair{k_github_view_uniques, Additivity::non_additive}}) {
    TRY_ASSIGN(auto key, github_key(metric, repo));
    targets.push_back(Target{std::move(key), additivity});
  }
  for (const auto& row : rows) {
    TRY_ASSIGN(const Timestamp when, row_time(file, row));
    for (std::size_t i = 0; i < targets.size(); ++i) {
      TRY_ASSIGN(const Count value, read_csv_count(file, row, i + 1, k_traffic_header[i + 1]));
      TRY(observe_row(out.ledger,
                      Observation{.key = targets[i].key,
                                  .kind = Kind::daily,
                                  .day = when.day(),
                                  .value = static_cast<std::int64_t>(value),
                                  .additivity = targets[i].additivity},
                      file, row.line));
    }
  }
  return {};
}

Status read_popular(const ImportFile& file, std::string_view repo, GithubPopular which,
                    Timestamp at, FileImport& out) {
  const std::string_view name_column = which == GithubPopular::path ? "url_path" : "referrer";
  const std::array<std::string_view, 3> header{name_column, "views_total", "views_unique"};
  TRY_ASSIGN(const auto rows, read_csv_rows(file, header));
  SkipLog skips;
  for (const auto& row : rows) {
    TRY_ASSIGN(const Count views, read_csv_count(file, row, 1, header[1]));
    TRY_ASSIGN(const Count uniques, read_csv_count(file, row, 2, header[2]));
    const auto readings = github_popular_readings(which, repo, row.fields[0], views, uniques, at);
    if (!readings) {
      // A stranger's text, as the collector does: skipped, never mangled.
      skips.add(std::string(name_column) + " that cannot be part of a series key (" +
                    readings.error().message + ")",
                row.line);
      continue;
    }
    for (const auto& reading : *readings) {
      TRY(observe_row(out.ledger, reading, file, row.line));
    }
  }
  out.skipped = skips.sentences();
  return {};
}

Status read_gauge(const ImportFile& file, std::string_view repo, const GaugeFile& layout,
                  FileImport& out) {
  const std::array<std::string_view, 2> header{"time_iso8601", layout.column};
  TRY_ASSIGN(const auto rows, read_csv_rows(file, header));
  TRY_ASSIGN(const SeriesKey key, github_key(layout.metric, repo));
  for (const auto& row : rows) {
    TRY_ASSIGN(const Timestamp when, row_time(file, row));
    TRY_ASSIGN(const Count value, read_csv_count(file, row, 1, layout.column));
    TRY(observe_row(out.ledger,
                    Observation{.key = key,
                                .kind = Kind::gauge,
                                .day = when.day(),
                                .value = static_cast<std::int64_t>(value),
                                .at = when},
                    file, row.line));
  }
  return {};
}

}  // namespace

std::optional<Timestamp> parse_ghrs_time(std::string_view text) {
  // YYYY-MM-DD?HH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  if (text.size() < 20 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const auto day = Day::parse(text.substr(0, 10));
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (!day || !two_digits(text, 11, 23, hours) || !two_digits(text, 14, 59, minutes) ||
      !two_digits(text, 17, 59, seconds)) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  if (rest.starts_with('.')) {
    const auto digits = rest.find_first_not_of("0123456789", 1);
    if (digits == 1 || digits == std::string_view::npos) {
      return std::nullopt;
    }
    rest.remove_prefix(digits);
  }
  std::int64_t offset = 0;
  if (rest != "Z") {
    int offset_hours = 0;
    int offset_minutes = 0;
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
        !two_digits(rest, 1, 23, offset_hours) || !two_digits(rest, 4, 59, offset_minutes)) {
      return std::nullopt;
    }
    offset = (rest[0] == '-' ? -1 : 1) * (std::int64_t{offset_hours} * 3600 + offset_minutes * 60);
  }
  return make_time(*day, hours, minutes, seconds, offset);
}

Result<FileImport> import_ghrs_file(const ImportFile& file, std::string_view relative,
                                    std::string_view repo) {
  if (auto ok = check_github_repository(repo); !ok) {
    return file_error(file, 0, ok.error().message);
  }
  FileImport out{file.name, "ghrs " + std::string(relative) + " of " + std::string(repo), {}, {}};
  if (relative == k_aggregate) {
    TRY(read_traffic(file, repo, out));
  } else if (const auto* gauge =
                 std::find_if(k_gauge_files.begin(), k_gauge_files.end(),
                              [&](const GaugeFile& layout) { return layout.name == relative; });
             gauge != k_gauge_files.end()) {
    TRY(read_gauge(file, repo, *gauge, out));
  } else if (const auto* snapshot = snapshot_kind(relative)) {
    const std::string_view name = relative.substr(k_snapshots.size());
    const auto at = name.size() == k_snapshot_time_length + snapshot->suffix.size()
                        ? snapshot_time(name)
                        : std::nullopt;
    if (!at) {
      return file_error(file, 0,
                        "a ghrs snapshot is named snapshots/YYYY-MM-DD_HHMMSS" +
                            std::string(snapshot->suffix) + ", by the real UTC time it was taken");
    }
    if (snapshot->kind == Snapshot::fragment) {
      TRY(read_traffic(file, repo, out));
    } else {
      TRY(read_popular(
          file, repo,
          snapshot->kind == Snapshot::paths ? GithubPopular::path : GithubPopular::referrer, *at,
          out));
    }
  } else {
    out.skipped.push_back("not a file ghrs writes into ghrs-data/; not read");
  }
  stamp_with_data_time(out.ledger);
  return out;
}

}  // namespace odometer
