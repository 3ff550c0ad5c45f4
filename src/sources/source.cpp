#include "sources/source.hpp"

namespace odometer {

std::string_view to_string(SourceState state) {
  switch (state) {
    case SourceState::ok:
      return "ok";
    case SourceState::skipped:
      return "skipped";
    case SourceState::failed:
      return "failed";
  }
  return "unknown";
}

std::optional<SourceState> source_state_from(std::string_view text) {
  for (const auto state : {SourceState::ok, SourceState::skipped, SourceState::failed}) {
    if (text == to_string(state)) {
      return state;
    }
  }
  return std::nullopt;
}

void note_failures(SourceResult& result, std::size_t failed, std::size_t total,
                   std::string_view what) {
  if (failed == 0) {
    return;
  }
  result.state = SourceState::failed;
  result.reason =
      std::to_string(failed) + " of " + std::to_string(total) + " " + std::string(what) + " failed";
}

Result<Observation> observation_at(Timestamp now, std::string_view source, std::string_view metric,
                                   std::string_view entity, Kind kind, Count value) {
  TRY_ASSIGN(auto key, SeriesKey::make(source, metric, entity));
  Observation observation{.key = std::move(key),
                          .kind = kind,
                          .day = now.day(),
                          .value = static_cast<std::int64_t>(value)};
  if (kind == Kind::gauge) {
    observation.at = now;
  }
  return observation;
}

std::string encode_path_segment(std::string_view text) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain && text != "." && text != "..") {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4U];
      out += k_hex[byte & 0x0FU];
    }
  }
  return out;
}

std::string encode_path_segments(std::string_view name) {
  std::string out;
  while (true) {
    const auto slash = name.find('/');
    out += encode_path_segment(name.substr(0, slash));
    if (slash == std::string_view::npos) {
      return out;
    }
    out += '/';
    name.remove_prefix(slash + 1);
  }
}

Error not_found_on(std::string_view registry, std::string_view url) {
  return make_error("not found on " + std::string(registry) + " (" + std::string(url) + ")",
                    ErrorCode::not_found);
}

Error fetch_problem(const Fetched& fetched, std::string_view registry, std::string_view url) {
  if (fetched.error.code == ErrorCode::not_found) {
    return not_found_on(registry, url);
  }
  return fetched.error;
}

}  // namespace odometer
