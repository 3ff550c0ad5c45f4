#include "sources/pub_parse.hpp"

#include <string>

#include "util/json_reader.hpp"

namespace odometer {

Result<std::vector<DayCount>> parse_pub_daily_downloads(std::string_view body,
                                                        std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto newest_text, reader.string(top, "newestDate", "$"));
  // "2026-08-10T00:00:00.000Z": the day is what counts.
  auto newest = Day::parse(newest_text.substr(0, 10));
  if (!newest || (newest_text.size() > 10 && newest_text[10] != 'T')) {
    return reader.fail("$.newestDate", "expected a date such as 2026-08-10T00:00:00.000Z");
  }
  TRY_ASSIGN(const auto counts_field, reader.field(top, "totalDailyDownloads", "$"));
  TRY_ASSIGN(const auto counts, reader.array_of(counts_field, "$.totalDailyDownloads"));
  std::vector<DayCount> out;
  std::int32_t index = 0;
  for (const simdjson::dom::element item : counts) {
    const std::string path =
        json_index_path("$.totalDailyDownloads", static_cast<std::size_t>(index));
    const Day day = *newest - index++;
    std::int64_t number = 0;
    if (item.type() == simdjson::dom::element_type::INT64 &&
        item.get(number) == simdjson::SUCCESS && number == -1) {
      continue;  // no data for that day
    }
    TRY_ASSIGN(const Count count, reader.count_value(item, path));
    out.push_back(DayCount{day, count});
  }
  return out;
}

Result<std::optional<Count>> parse_pub_downloads_30d(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto value, reader.field(top, "downloadCount30Days", "$"));
  if (value.is_null()) {
    return std::optional<Count>();
  }
  TRY_ASSIGN(const Count count, reader.count_value(value, "$.downloadCount30Days"));
  return std::optional<Count>(count);
}

}  // namespace odometer
