#include "util/csv.hpp"

#include <charconv>

namespace odometer {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

Error csv_error(std::string_view source, std::size_t line, std::string_view problem) {
  return make_error(std::string(source) + ":" + std::to_string(line) + ": " + std::string(problem),
                    ErrorCode::invalid);
}

}  // namespace

Result<std::vector<CsvRecord>> read_csv(std::string_view text, std::string_view source) {
  if (text.starts_with(k_bom)) {
    text.remove_prefix(k_bom.size());
  }
  std::vector<CsvRecord> records;
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t size = text.size();
  // A line break at i (LF or CRLF): its length, or 0. A lone CR is an error.
  const auto line_break = [&](std::size_t at) -> Result<std::size_t> {
    if (text[at] == '\n') {
      return std::size_t{1};
    }
    if (text[at] == '\r') {
      if (at + 1 < size && text[at + 1] == '\n') {
        return std::size_t{2};
      }
      return csv_error(source, line, "a carriage return not followed by a line feed");
    }
    return std::size_t{0};
  };
  while (i < size) {
    TRY_ASSIGN(const std::size_t empty_line, line_break(i));
    if (empty_line > 0) {
      i += empty_line;
      ++line;
      continue;
    }
    CsvRecord record{line, {}};
    while (true) {  // one field per turn
      std::string field;
      if (i < size && text[i] == '"') {
        const std::size_t opened = line;
        ++i;
        while (true) {
          if (i == size) {
            return csv_error(source, opened, "a quoted field is not closed");
          }
          if (text[i] == '"') {
            if (i + 1 < size && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') {
            ++line;
          }
          field.push_back(text[i++]);
        }
        if (i < size && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return csv_error(source, line, "text after the closing quote of a field");
        }
      } else {
        while (i < size && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return csv_error(source, line,
                             "a quote inside a field that does not start with one (quote the "
                             "whole field and double the quote)");
          }
          field.push_back(text[i++]);
        }
      }
      record.fields.push_back(std::move(field));
      if (i == size) {
        break;
      }
      if (text[i] == ',') {
        ++i;
        continue;
      }
      TRY_ASSIGN(const std::size_t end, line_break(i));
      i += end;
      ++line;
      break;
    }
    records.push_back(std::move(record));
  }
  return records;
}

Result<Count> parse_count_field(std::string_view text) {
  const auto fail = [&](std::string_view problem) {
    return make_error("\"" + std::string(text) + "\" " + std::string(problem) +
                          ": counts are whole numbers from 0 to 10^15",
                      ErrorCode::invalid);
  };
  std::string_view digits = text;
  if (const auto point = digits.find('.'); point != std::string_view::npos) {
    const std::string_view fraction = digits.substr(point + 1);
    if (point == 0 || fraction.empty() ||
        fraction.find_first_not_of('0') != std::string_view::npos) {
      return fail("is not a whole number");
    }
    digits = digits.substr(0, point);
  }
  if (digits.size() > 1 && digits.front() == '-' &&
      digits.find_first_not_of("0123456789", 1) == std::string_view::npos) {
    return fail("is negative");
  }
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return fail("is not a count");
  }
  Count value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value > k_max_count) {
    return fail("is above the limit");
  }
  return value;
}

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') {
      out.push_back('"');
    }
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace odometer
