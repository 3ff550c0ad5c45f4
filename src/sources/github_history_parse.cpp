#include "sources/github_history_parse.hpp"

#include <simdjson.h>

#include <string>

#include "util/json_reader.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

constexpr std::int64_t k_seconds_per_day = 86400;
constexpr std::size_t k_days_per_week = 7;

}  // namespace

Result<std::vector<StarWeek>> parse_star_history(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const element root, reader.parse(body));
  TRY_ASSIGN(const auto items, reader.array_of(root, "$"));
  std::vector<StarWeek> out;
  std::size_t index = 0;
  for (const element item : items) {
    const std::string path = json_index_path("$", index++);
    TRY_ASSIGN(const auto fields, reader.object_of(item, path));
    TRY_ASSIGN(const element week_value, reader.field(fields, "week", path));
    TRY_ASSIGN(const Count week, reader.count_value(week_value, path + ".week"));
    if (static_cast<std::int64_t>(week) % k_seconds_per_day != 0) {
      return reader.fail(path + ".week", "not the start of a UTC day (Unix seconds)");
    }
    StarWeek row{Day::from_days_since_epoch(static_cast<std::int32_t>(
                     static_cast<std::int64_t>(week) / k_seconds_per_day)),
                 {}};
    TRY_ASSIGN(const element days_value, reader.field(fields, "days", path));
    TRY_ASSIGN(const auto days, reader.array_of(days_value, path + ".days"));
    std::size_t day_index = 0;
    for (const element day : days) {
      const std::string day_path = json_index_path(path + ".days", day_index++);
      if (day_index > k_days_per_week) {
        return reader.fail(day_path, "a week has seven days");
      }
      TRY_ASSIGN(const Count stars, reader.count_value(day, day_path));
      row.days.push_back(stars);
    }
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<ForkEntry>> parse_forks(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const element root, reader.parse(body));
  TRY_ASSIGN(const auto items, reader.array_of(root, "$"));
  std::vector<ForkEntry> out;
  std::size_t index = 0;
  for (const element item : items) {
    const std::string path = json_index_path("$", index++);
    TRY_ASSIGN(const auto fields, reader.object_of(item, path));
    TRY_ASSIGN(const Count id, reader.count(fields, "id", path));
    TRY_ASSIGN(const std::string_view created_text, reader.string(fields, "created_at", path));
    auto created = Timestamp::parse(created_text);
    if (!created) {
      return reader.fail(path + ".created_at", created.error().message);
    }
    out.push_back(ForkEntry{static_cast<std::int64_t>(id), *created});
  }
  return out;
}

}  // namespace odometer
