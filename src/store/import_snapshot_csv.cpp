// The weekly snapshot CSVs onto series. GitHub's traffic windows at a
// snapshot cover the 14 days ending on its date, so a 14-day sum says "at
// least N up to and including date": a floor of that day, never a day's
// count (the windows of successive weeks overlap, so their sums must not
// be added). Stars, forks and referrers' views and uniques are what they
// were on the date: gauge readings of that day, at its start (the files
// hold no time per repository), so that a collect of the same day wins.
//
// The workflow wrote 0 when an API call failed (`|| echo "0 0"`), so a zero
// is skipped, named: as a floor it says nothing anyway, and as a gauge it
// would pass for a real reading. A repository's unique counts over 14 days
// are neither a day (they span 14) nor a floor (unique counts have no
// total): skipped, named; a referrer's are a gauge, as the collector keeps. The org file's sums of
// per-repository figures are kept only where they can raise a counter truthfully (the -imported
// rule of docs/migrating.md): clones, views and the old clone accumulator become floors of
// github:clones-imported:OWNER and github:views-imported:OWNER; npm, PyPI and crates.io totals the
// site's own -imported sums.

#include "store/import_snapshot_csv.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>
#include <vector>

#include "core/github_keys.hpp"
#include "store/seed_cache.hpp"

namespace odometer {

namespace {

constexpr std::array<std::string_view, 12> k_org_header{
    "date",         "clones_14d",         "unique_cloners_14d",
    "views_14d",    "unique_viewers_14d", "stars",
    "forks",        "npm_total",          "pypi_last_month",
    "crates_total", "cumulative_clones",  "fetched_at"};
constexpr std::array<std::string_view, 8> k_by_repo_header{
    "date",  "repo", "clones_14d", "unique_cloners_14d", "views_14d", "unique_viewers_14d",
    "stars", "forks"};
constexpr std::array<std::string_view, 6> k_referrers_header{"date",     "repo",  "rank",
                                                             "referrer", "views", "uniques"};

constexpr std::string_view k_zero_reason =
    "0: the workflow wrote 0 for a failed API call, so a zero here means unknown as often as "
    "none";
constexpr std::string_view k_unique_reason =
    "unique visitors over 14 days: neither a day's count (they span 14 days) nor a floor (unique "
    "counts have no total)";

bool same_header(const std::vector<std::string>& header, std::span<const std::string_view> known) {
  return std::equal(header.begin(), header.end(), known.begin(), known.end());
}

// One file being read: its rows become observations or skips.
class Reader {
public:
  Reader(const ImportFile& file, std::string owner, std::string what)
      : m_file(file), m_owner(std::move(owner)), m_out{file.name, std::move(what), {}, {}} {}

  Result<Day> date(const CsvRecord& row) const {
    auto day = Day::parse(row.fields[0]);
    if (!day) {
      return file_error(m_file, row.line,
                        "date: \"" + row.fields[0] + "\" is not a real day YYYY-MM-DD");
    }
    return *day;
  }

  // OWNER/NAME for the repo column, checked.
  Result<std::string> repository(const CsvRecord& row) const {
    const std::string& name = row.fields[1];
    if (!is_github_name(name)) {
      return file_error(m_file, row.line,
                        "repo: \"" + name +
                            "\" is not a repository name (the name without its owner: "
                            "letters, digits, '.', '-', '_')");
    }
    return m_owner + "/" + name;
  }

  Result<Count> count(const CsvRecord& row, std::size_t column,
                      std::span<const std::string_view> header) const {
    return read_csv_count(m_file, row, column, header[column]);
  }

  // Records value of the column as kind (a floor when kind is daily) of key
  // on day, or skips a zero.
  Status take(const CsvRecord& row, std::string_view column, const Result<SeriesKey>& key,
              Kind kind, Day day, Count value) {
    if (value == 0) {
      skip(column, k_zero_reason, row.line);
      return {};
    }
    if (!key) {
      return file_error(m_file, row.line, key.error().message);
    }
    return observe_row(m_out.ledger,
                       Observation{.key = *key,
                                   .kind = kind,
                                   .day = day,
                                   .value = static_cast<std::int64_t>(value),
                                   .floor = kind == Kind::daily},
                       m_file, row.line);
  }

  void skip(std::string_view column, std::string_view reason, std::size_t line) {
    m_skips.add(std::string(column) + ": " + std::string(reason), line);
  }

  FileImport finish() {
    m_out.skipped = m_skips.sentences();
    stamp_with_data_time(m_out.ledger);
    return std::move(m_out);
  }

private:
  const ImportFile& m_file;
  std::string m_owner;
  FileImport m_out;
  SkipLog m_skips;
};

Result<FileImport> read_org(const ImportFile& file, const std::string& owner) {
  TRY_ASSIGN(const auto rows, read_csv_rows(file, k_org_header));
  Reader reader(file, owner, "the org totals of " + owner + " (adoption-snapshots.csv)");
  const auto clones = github_key("clones-imported", owner);
  const auto views = github_key("views-imported", owner);
  const auto sum_key = [](std::string_view field) {
    return imported_sum_key(seed_cache_registry_sum(field));
  };
  const auto npm = sum_key("npm");
  const auto pypi = sum_key("pypi");
  const auto crates = sum_key("crates");
  for (const auto& row : rows) {
    TRY_ASSIGN(const Day day, reader.date(row));
    std::array<Count, k_org_header.size()> values{};
    for (std::size_t column = 1; column + 1 < k_org_header.size(); ++column) {
      TRY_ASSIGN(values[column], reader.count(row, column, k_org_header));
    }
    if (auto at = Timestamp::parse(row.fields[11]); !at) {
      return file_error(file, row.line, "fetched_at: " + at.error().message);
    }
    TRY(reader.take(row, k_org_header[1], clones, Kind::daily, day, values[1]));
    TRY(reader.take(row, k_org_header[3], views, Kind::daily, day, values[3]));
    TRY(reader.take(row, k_org_header[10], clones, Kind::daily, day, values[10]));
    TRY(reader.take(row, k_org_header[7], npm, Kind::cumulative, day, values[7]));
    TRY(reader.take(row, k_org_header[8], pypi, Kind::cumulative, day, values[8]));
    TRY(reader.take(row, k_org_header[9], crates, Kind::cumulative, day, values[9]));
    for (const std::size_t column : {std::size_t{2}, std::size_t{4}}) {
      reader.skip(k_org_header[column],
                  "a sum of the repositories' 14-day unique counts: neither a count nor unique "
                  "people",
                  row.line);
    }
    for (const std::size_t column : {std::size_t{5}, std::size_t{6}}) {
      reader.skip(k_org_header[column],
                  "the sum of the repositories' readings; odometer keeps them per repository "
                  "(adoption-snapshots-by-repo.csv)",
                  row.line);
    }
  }
  return reader.finish();
}

Result<FileImport> read_by_repo(const ImportFile& file, const std::string& owner) {
  TRY_ASSIGN(const auto rows, read_csv_rows(file, k_by_repo_header));
  Reader reader(file, owner, "the repositories of " + owner + " (adoption-snapshots-by-repo.csv)");
  for (const auto& row : rows) {
    TRY_ASSIGN(const Day day, reader.date(row));
    TRY_ASSIGN(const std::string repo, reader.repository(row));
    std::array<Count, k_by_repo_header.size()> values{};
    for (std::size_t column = 2; column < k_by_repo_header.size(); ++column) {
      TRY_ASSIGN(values[column], reader.count(row, column, k_by_repo_header));
    }
    TRY(reader.take(row, k_by_repo_header[2], github_key(k_github_clones, repo), Kind::daily, day,
                    values[2]));
    TRY(reader.take(row, k_by_repo_header[4], github_key(k_github_views, repo), Kind::daily, day,
                    values[4]));
    TRY(reader.take(row, k_by_repo_header[6], github_key(k_github_stars, repo), Kind::gauge, day,
                    values[6]));
    TRY(reader.take(row, k_by_repo_header[7], github_key(k_github_forks, repo), Kind::gauge, day,
                    values[7]));
    reader.skip(k_by_repo_header[3], k_unique_reason, row.line);
    reader.skip(k_by_repo_header[5], k_unique_reason, row.line);
  }
  return reader.finish();
}

Result<FileImport> read_referrers(const ImportFile& file, const std::string& owner) {
  TRY_ASSIGN(const auto rows, read_csv_rows(file, k_referrers_header));
  Reader reader(file, owner,
                "the top referrers of " + owner + " (adoption-snapshots-referrers.csv)");
  for (const auto& row : rows) {
    TRY_ASSIGN(const Day day, reader.date(row));
    TRY_ASSIGN(const std::string repo, reader.repository(row));
    TRY_ASSIGN(const Count rank, reader.count(row, 2, k_referrers_header));
    if (rank == 0) {
      return file_error(file, row.line, "rank: 0; ranks start at 1");
    }
    TRY_ASSIGN(const Count views, reader.count(row, 4, k_referrers_header));
    TRY_ASSIGN(const Count uniques, reader.count(row, 5, k_referrers_header));
    reader.skip("rank", "GitHub's order of the referrers, which their views give too", row.line);
    auto keys = github_popular_keys(GithubPopular::referrer, repo, row.fields[3]);
    if (!keys) {
      // A stranger's text, as the collector does: skipped, never mangled.
      reader.skip("referrer", "cannot be part of a series key (" + keys.error().message + ")",
                  row.line);
      continue;
    }
    TRY(reader.take(row, "views", keys->views, Kind::gauge, day, views));
    TRY(reader.take(row, "uniques", keys->uniques, Kind::gauge, day, uniques));
  }
  return reader.finish();
}

}  // namespace

std::optional<SnapshotCsv> snapshot_csv_kind(std::string_view text) {
  const auto header = csv_header(text);
  if (same_header(header, k_org_header)) {
    return SnapshotCsv::org;
  }
  if (same_header(header, k_by_repo_header)) {
    return SnapshotCsv::by_repo;
  }
  if (same_header(header, k_referrers_header)) {
    return SnapshotCsv::referrers;
  }
  return std::nullopt;
}

Result<FileImport> import_snapshot_csv(const ImportFile& file,
                                       const std::optional<std::string>& owner) {
  const auto kind = snapshot_csv_kind(file.text);
  if (!kind) {
    TRY_ASSIGN(const auto records, read_csv(file.text, file.name));
    std::string found = "the file is empty";
    if (!records.empty()) {
      found = "the header is ";
      for (std::size_t i = 0; i < records.front().fields.size(); ++i) {
        found += (i > 0 ? "," : "") + records.front().fields[i];
      }
    }
    return file_error(file, records.empty() ? 0 : records.front().line,
                      found +
                          "; expected the header of adoption-snapshots.csv, "
                          "adoption-snapshots-by-repo.csv or adoption-snapshots-referrers.csv");
  }
  if (!owner || owner->empty()) {
    return file_error(file, 0,
                      "the snapshot CSVs name repositories without their owner: give the GitHub "
                      "org the workflow ran for with --repo-owner");
  }
  if (!is_github_name(*owner)) {
    return file_error(file, 0,
                      "--repo-owner \"" + *owner +
                          "\" is not a GitHub owner name (letters, digits, '.', '-', '_')");
  }
  switch (*kind) {
    case SnapshotCsv::org:
      return read_org(file, *owner);
    case SnapshotCsv::by_repo:
      return read_by_repo(file, *owner);
    case SnapshotCsv::referrers:
      return read_referrers(file, *owner);
  }
  return file_error(file, 0, "not one of the weekly snapshot CSVs");
}

}  // namespace odometer
