// A saved traffic response is exactly what the [github] collector reads, so
// it becomes exactly what the collector would have stored had it run at
// that fetch: the days of clones and views (uniques on the non-additive
// series), and each referrer's and path's 14-day views and uniques as gauge
// readings of the fetch day. Only two things differ from a live run. The top-level
// 14-day count is kept as a floor of the newest day when it is more than
// its days add up to (a day that slid out of the list while the sum still
// held it); the collector does not need that, since it reads the window
// every day. And a referrers or paths body holds no time, so the fetch day
// must come from the file name.

#include "collect/import_github_traffic.hpp"

#include <simdjson.h>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "core/github_keys.hpp"
#include "sources/github_parse.hpp"
#include "util/json_reader.hpp"

namespace odometer {

namespace {

Status read_window(const ImportFile& file, std::string_view repo, TrafficBody body,
                   FileImport& out) {
  const bool clones = body == TrafficBody::clones;
  const std::string_view field = clones ? "clones" : "views";
  TRY_ASSIGN(const TrafficWindow window, parse_traffic(file.text, file.name, field));
  TRY_ASSIGN(const SeriesKey key, github_key(clones ? k_github_clones : k_github_views, repo));
  TRY_ASSIGN(const SeriesKey uniques_key,
             github_key(clones ? k_github_clone_uniques : k_github_view_uniques, repo));
  Count sum = 0;
  std::optional<Day> newest;
  for (const auto& day : window.days) {
    TRY(observe_row(out.ledger,
                    Observation{.key = key,
                                .kind = Kind::daily,
                                .day = day.day,
                                .value = static_cast<std::int64_t>(day.count)},
                    file, 0));
    TRY(observe_row(out.ledger,
                    Observation{.key = uniques_key,
                                .kind = Kind::daily,
                                .day = day.day,
                                .value = static_cast<std::int64_t>(day.uniques),
                                .additivity = Additivity::non_additive},
                    file, 0));
    sum = saturating_add(sum, day.count);
    if (!newest || day.day > *newest) {
      newest = day.day;
    }
  }
  if (window.count > sum && newest) {
    TRY(observe_row(out.ledger,
                    Observation{.key = key,
                                .kind = Kind::daily,
                                .day = *newest,
                                .value = static_cast<std::int64_t>(window.count),
                                .floor = true},
                    file, 0));
  } else if (window.count > sum) {
    out.skipped.push_back("count " + std::to_string(window.count) +
                          ": a 14-day count without any day to place it on");
  } else if (window.count > 0) {
    out.skipped.push_back("count " + std::to_string(window.count) +
                          ": the 14-day count, which its days (taken) add up to");
  }
  if (window.uniques > 0) {
    out.skipped.push_back("uniques " + std::to_string(window.uniques) +
                          ": unique visitors over 14 days, neither a day's count nor a floor "
                          "(unique counts have no total)");
  }
  return {};
}

Status read_popular(const ImportFile& file, std::string_view repo, TrafficBody body,
                    FileImport& out) {
  const bool paths = body == TrafficBody::paths;
  TRY_ASSIGN(const auto entries, parse_popular(file.text, file.name, paths ? "path" : "referrer"));
  const std::string base = std::filesystem::path(file.name).filename().string();
  const auto fetched = time_in_file_name(base);
  if (!fetched) {
    return file_error(
        file, 0,
        std::string("a saved ") + (paths ? "paths" : "referrers") +
            " response holds no time, and its counts are readings of the day it was fetched: "
            "name the file by that day (" +
            (paths ? "paths" : "referrers") + "-YYYY-MM-DD.json)");
  }
  for (const auto& entry : entries) {
    const auto readings =
        github_popular_readings(paths ? GithubPopular::path : GithubPopular::referrer, repo,
                                entry.name, entry.count, entry.uniques, fetched->time);
    if (!readings) {
      // A stranger's text, as the collector does: skipped, never mangled.
      out.skipped.push_back(std::string(paths ? "path" : "referrer") +
                            " that cannot be part of a series key: " + readings.error().message);
      continue;
    }
    for (const auto& reading : *readings) {
      TRY(observe_row(out.ledger, reading, file, 0));
    }
  }
  return {};
}

}  // namespace

std::optional<TrafficBody> github_traffic_kind(std::string_view text) {
  JsonReader reader("");
  auto root = reader.parse(text);
  if (!root) {
    return std::nullopt;
  }
  simdjson::dom::object object;
  if (root->get(object) == simdjson::SUCCESS) {
    for (const auto& [field, body] :
         {std::pair{"clones", TrafficBody::clones}, std::pair{"views", TrafficBody::views}}) {
      simdjson::dom::array list;
      if (object[field].get(list) == simdjson::SUCCESS && reader.has_field(object, "count") &&
          reader.has_field(object, "uniques")) {
        return body;
      }
    }
    return std::nullopt;
  }
  simdjson::dom::array list;
  if (root->get(list) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (list.size() == 0) {
    return TrafficBody::empty_list;
  }
  simdjson::dom::object first;
  if (list.at(0).get(first) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (reader.has_field(first, "referrer")) {
    return TrafficBody::referrers;
  }
  if (reader.has_field(first, "path")) {
    return TrafficBody::paths;
  }
  return std::nullopt;
}

Result<FileImport> import_github_traffic(const ImportFile& file, std::string_view repo) {
  if (auto ok = check_github_repository(repo); !ok) {
    return file_error(file, 0, ok.error().message);
  }
  const auto body = github_traffic_kind(file.text);
  if (!body) {
    // The parsers say what is wrong with JSON that is broken; for JSON of
    // another shape, name the shapes this import reads.
    JsonReader reader(file.name);
    TRY(reader.parse(file.text));
    return file_error(file, 0,
                      "not a saved GitHub traffic response (an object with a clones or views "
                      "list, or a list of referrers or paths)");
  }
  static constexpr std::array<std::string_view, 5> k_endpoints{
      "/traffic/clones", "/traffic/views", "/traffic/popular/referrers", "/traffic/popular/paths",
      "/traffic/popular/referrers or /paths"};
  FileImport out{file.name,
                 "a saved " + std::string(k_endpoints[static_cast<std::size_t>(*body)]) +
                     " response of " + std::string(repo),
                 {},
                 {}};
  switch (*body) {
    case TrafficBody::clones:
    case TrafficBody::views:
      TRY(read_window(file, repo, *body, out));
      break;
    case TrafficBody::referrers:
    case TrafficBody::paths:
      TRY(read_popular(file, repo, *body, out));
      break;
    case TrafficBody::empty_list:
      out.skipped.push_back("an empty list: no referrers or paths in that window");
      break;
  }
  stamp_with_data_time(out.ledger);
  return out;
}

}  // namespace odometer
