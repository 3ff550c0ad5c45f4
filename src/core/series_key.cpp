#include "core/series_key.hpp"
#include "core/shown.hpp"
#include "core/utf8.hpp"

namespace odometer {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

Status check_name(std::string_view key, std::string_view part, std::string_view what) {
  if (part.empty()) {
    return make_error("invalid series key \"" + shown_value(key) + "\": the " + std::string(what) +
                      " is empty");
  }
  for (const char c : part) {
    if (!is_name_char(c)) {
      return make_error("invalid series key \"" + shown_value(key) + "\": the " +
                        std::string(what) + " \"" + shown_value(part) +
                        "\" may only contain a-z, 0-9 and '-'");
    }
  }
  return {};
}

}  // namespace

Result<SeriesKey> SeriesKey::parse(std::string_view text) {
  const auto first = text.find(':');
  const auto second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos) {
    return make_error("invalid series key \"" + shown_value(text) +
                      "\": expected <source>:<metric>:<entity>");
  }
  const auto source = text.substr(0, first);
  const auto metric = text.substr(first + 1, second - first - 1);
  const auto entity = text.substr(second + 1);
  TRY(check_name(text, source, "source"));
  TRY(check_name(text, metric, "metric"));
  if (entity.empty()) {
    return make_error("invalid series key \"" + shown_value(text) + "\": the entity is empty");
  }
  if (!is_valid_utf8(entity)) {
    return make_error("invalid series key: the entity is not valid UTF-8");
  }
  for (std::size_t i = 0; i < entity.size(); ++i) {
    const auto byte = static_cast<unsigned char>(entity[i]);
    // C0 controls, DEL, and the C1 controls U+0080..U+009F (encoded as
    // C2 80..C2 9F), which include NEL and the 8-bit terminal escape CSI.
    const bool c1 =
        byte == 0xC2 && i + 1 < entity.size() && static_cast<unsigned char>(entity[i + 1]) <= 0x9F;
    if (byte < 0x20 || byte == 0x7F || c1) {
      return make_error("invalid series key: the entity of \"" + std::string(source) + ":" +
                        std::string(metric) + ":…\" contains a control character");
    }
  }
  return SeriesKey(std::string(text), source.size(), metric.size());
}

Result<SeriesKey> SeriesKey::make(std::string_view source, std::string_view metric,
                                  std::string_view entity) {
  std::string text;
  text.reserve(source.size() + metric.size() + entity.size() + 2);
  // Check the names before joining: a ':' in either would otherwise re-split
  // the joined text into a different source, metric and entity.
  text.append(source).append(":").append(metric).append(":").append(entity);
  TRY(check_name(text, source, "source"));
  TRY(check_name(text, metric, "metric"));
  return parse(text);
}

}  // namespace odometer
