#include "store/import_format.hpp"

#include <algorithm>
#include <iterator>

namespace odometer {

namespace {

// More line numbers than this in one sentence say less, not more.
constexpr std::size_t k_lines_listed = 5;

std::string joined_header(std::span<const std::string_view> header) {
  std::string out;
  for (const auto& column : header) {
    out += out.empty() ? "" : ",";
    out += column;
  }
  return out;
}

std::string joined_header(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& field : fields) {
    out += out.empty() ? "" : ",";
    out += field;
  }
  return out;
}

}  // namespace

void SkipLog::add(const std::string& reason, std::size_t line) {
  auto it = std::find_if(m_reasons.begin(), m_reasons.end(),
                         [&reason](const auto& entry) { return entry.first == reason; });
  if (it == m_reasons.end()) {
    m_reasons.emplace_back(reason, std::vector<std::size_t>{});
    it = std::prev(m_reasons.end());
  }
  it->second.push_back(line);
}

std::vector<std::string> SkipLog::sentences() const {
  std::vector<std::string> out;
  for (const auto& [reason, lines] : m_reasons) {
    std::string where = lines.size() == 1 ? "line " : "lines ";
    for (std::size_t i = 0; i < lines.size() && i < k_lines_listed; ++i) {
      where += (i > 0 ? ", " : "") + std::to_string(lines[i]);
    }
    if (lines.size() > k_lines_listed) {
      where +=
          ", ... " + std::to_string(lines.back()) + ": " + std::to_string(lines.size()) + " rows";
    }
    out.push_back(reason + " (" + where + ")");
  }
  return out;
}

Error file_error(const ImportFile& file, std::size_t line, std::string_view problem) {
  std::string message = file.name;
  if (line > 0) {
    message += ":" + std::to_string(line);
  }
  return make_error(message + ": " + std::string(problem), ErrorCode::invalid);
}

Result<std::vector<CsvRecord>> read_csv_rows(const ImportFile& file,
                                             std::span<const std::string_view> header) {
  TRY_ASSIGN(auto records, read_csv(file.text, file.name));
  const std::string expected = joined_header(header);
  if (records.empty()) {
    return file_error(file, 0, "the file is empty; expected the header " + expected);
  }
  const CsvRecord& first = records.front();
  if (!std::equal(first.fields.begin(), first.fields.end(), header.begin(), header.end())) {
    return file_error(file, first.line,
                      "the header is " + joined_header(first.fields) + "; expected " + expected);
  }
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].fields.size() != header.size()) {
      return file_error(file, records[i].line,
                        std::to_string(records[i].fields.size()) + " fields; the header has " +
                            std::to_string(header.size()));
    }
  }
  records.erase(records.begin());
  return records;
}

std::vector<std::string> csv_header(std::string_view text) {
  // The first line is enough, and reading a whole large file to tell its
  // format would read it twice. A header never holds a line break.
  const auto end = text.find('\n');
  auto records = read_csv(text.substr(0, end == std::string_view::npos ? end : end + 1), "");
  if (!records || records->empty()) {
    return {};
  }
  return std::move(records->front().fields);
}

Result<Count> read_csv_count(const ImportFile& file, const CsvRecord& record, std::size_t column,
                             std::string_view column_name) {
  auto value = parse_count_field(record.fields.at(column));
  if (!value) {
    return file_error(file, record.line, std::string(column_name) + ": " + value.error().message);
  }
  return *value;
}

Status observe_row(Ledger& ledger, const Observation& observation, const ImportFile& file,
                   std::size_t line) {
  if (auto ok = ledger.observe(observation); !ok) {
    return file_error(file, line, ok.error().message);
  }
  return {};
}

namespace {

template <typename V, typename Join>
std::size_t entries_not_held(const DayMap<V>* held, const DayMap<V>& incoming, Join join) {
  std::size_t count = 0;
  for (const auto& [day, value] : incoming) {
    const V* old = held == nullptr ? nullptr : held->find(day);
    if (old == nullptr || !(join(*old, value) == *old)) {
      ++count;
    }
  }
  return count;
}

}  // namespace

std::size_t new_entries(const Ledger& stored, const SeriesKey& key, const Series& incoming) {
  const Series* held = stored.find(key);
  if (held != nullptr && held->kind() != incoming.kind()) {
    held = nullptr;  // the merge refuses it; every entry is news
  }
  const auto max = [](Count a, Count b) { return std::max(a, b); };
  if (const auto* daily = incoming.daily()) {
    const DailySeries* old = held == nullptr ? nullptr : held->daily();
    return entries_not_held(old ? &old->days() : nullptr, daily->days(), max) +
           entries_not_held(old ? &old->floors() : nullptr, daily->floors(), max);
  }
  if (const auto* cumulative = incoming.cumulative()) {
    const CumulativeSeries* old = held == nullptr ? nullptr : held->cumulative();
    return entries_not_held(old ? &old->days() : nullptr, cumulative->days(), max);
  }
  const GaugeSeries* old = held == nullptr ? nullptr : held->gauge();
  return entries_not_held(old ? &old->days() : nullptr, incoming.gauge()->days(), join_readings);
}

std::optional<FileNameTime> time_in_file_name(std::string_view name) {
  const auto digits_at = [&](std::size_t at, std::size_t count) {
    return at + count <= name.size() &&
           std::all_of(name.begin() + static_cast<std::ptrdiff_t>(at),
                       name.begin() + static_cast<std::ptrdiff_t>(at + count),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  const auto two = [&](std::size_t at) { return (name[at] - '0') * 10 + (name[at + 1] - '0'); };
  for (std::size_t at = 0; at + 10 <= name.size(); ++at) {
    const auto day = Day::parse(name.substr(at, 10));
    if (!day || (at > 0 && name[at - 1] >= '0' && name[at - 1] <= '9')) {
      continue;
    }
    FileNameTime found{Timestamp::start_of(*day), at, false};
    const std::size_t time_at = at + 11;
    if (time_at <= name.size() && (name[at + 10] == '_' || name[at + 10] == 'T') &&
        digits_at(time_at, 6) && !digits_at(time_at + 6, 1)) {
      const int hours = two(time_at);
      const int minutes = two(time_at + 2);
      const int seconds = two(time_at + 4);
      if (hours < 24 && minutes < 60 && seconds < 60) {
        found.time = Timestamp::from_unix_seconds(found.time.unix_seconds() + hours * 3600 +
                                                  minutes * 60 + seconds);
        found.has_time_of_day = true;
      }
    }
    return found;
  }
  return std::nullopt;
}

std::optional<Timestamp> latest_data_time(const Ledger& ledger) {
  std::optional<Timestamp> latest;
  const auto raise = [&latest](Timestamp when) {
    if (!latest || *latest < when) {
      latest = when;
    }
  };
  for (const auto& [key, series] : ledger.series()) {
    if (const auto* gauge = series.gauge()) {
      for (const auto& [day, reading] : gauge->days()) {
        raise(reading.at);
      }
    } else if (const auto last = series.last_day()) {
      raise(Timestamp::start_of(*last));
    }
  }
  return latest;
}

void stamp_with_data_time(Ledger& ledger) {
  if (const auto when = latest_data_time(ledger)) {
    ledger.touch(*when);
  }
}

}  // namespace odometer
