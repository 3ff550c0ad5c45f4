#include "net/recording.hpp"

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <mutex>

#include "core/timestamp.hpp"
#include "core/utf8.hpp"
#include "util/atomic_file.hpp"
#include "util/json_text.hpp"
#include "util/redact.hpp"

namespace odometer {

namespace {

using Clock = std::chrono::system_clock;

constexpr std::string_view k_recording_format = "odometer-recording";
// Room left on the clock after the start, for a replay's sleeps (a day).
constexpr std::int64_t k_max_budget_seconds = 86'400;

constexpr std::array<std::string_view, 9> k_kept_headers{
    "content-type",     "etag",        "last-modified",     "link",
    "location",         "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining",
    "x-ratelimit-reset"};

// A stable file name for a request: FNV-1a of "METHOD URL", in hex.
std::string file_name(const Request& request) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : request.method + " " + request.url) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char text[17];
  (void)std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(text) + ".json";
}

std::string to_hex(std::string_view bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(k_digits[byte >> 4U]);
    out.push_back(k_digits[byte & 0xFU]);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  const auto digit = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1])));
  }
  return out;
}

// Whether a recorded URL is the one asked for: equal, except that each
// "[redacted]" in it stands for the (non-empty) secret the recorder hid
// there. The pieces between are matched leftmost first, which is exact for
// gaps that may hold anything, and linear in the length.
bool matches_recorded(std::string_view recorded, std::string_view url) {
  std::vector<std::string_view> pieces;
  for (std::size_t hole = recorded.find(k_redacted); hole != std::string_view::npos;
       hole = recorded.find(k_redacted)) {
    pieces.push_back(recorded.substr(0, hole));
    recorded.remove_prefix(hole + k_redacted.size());
  }
  pieces.push_back(recorded);
  if (pieces.size() == 1) {
    return pieces.front() == url;
  }
  if (!url.starts_with(pieces.front()) ||
      url.size() < pieces.front().size() + pieces.back().size()) {
    return false;
  }
  std::size_t at = pieces.front().size();
  for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
    const std::size_t found = url.find(pieces[i], at + 1);
    if (found == std::string_view::npos) {
      return false;
    }
    at = found + pieces[i].size();
  }
  return url.ends_with(pieces.back()) && url.size() - pieces.back().size() >= at + 1;
}

class RecordingTransport final : public Recorder {
public:
  RecordingTransport(Transport& inner, std::filesystem::path dir, std::vector<std::string> secrets)
      : m_inner(inner), m_dir(std::move(dir)), m_secrets(std::move(secrets)) {}

  std::vector<Response> send(const std::vector<Request>& requests) override {
    auto responses = m_inner.send(requests);
    for (std::size_t i = 0; i < requests.size(); ++i) {
      write(requests[i], responses[i]);
    }
    return responses;
  }

  Clock::time_point now() override { return m_inner.now(); }
  void sleep_for(std::chrono::milliseconds duration) override { m_inner.sleep_for(duration); }

  std::optional<std::string> failure() const override {
    const std::lock_guard lock(m_mutex);
    return m_failure;
  }

private:
  std::string scrub(std::string text) const { return hide_secrets(std::move(text), m_secrets); }

  void write(const Request& request, const Response& response) {
    std::string out = "{\n  \"method\": ";
    append_json_string(out, request.method);
    out.append(",\n  \"url\": ");
    append_json_string(out, scrub(request.url));
    out.append(",\n  \"status\": ").append(std::to_string(response.status));
    out.append(",\n  \"error\": ");
    append_json_string(out, scrub(response.error));
    out.append(",\n  \"headers\": {");
    bool first = true;
    for (const auto& header : response.headers) {
      if (std::find(k_kept_headers.begin(), k_kept_headers.end(), header.name) ==
          k_kept_headers.end()) {
        continue;
      }
      out.append(first ? "" : ", ");
      append_json_string(out, header.name);
      out.append(": ");
      append_json_string(out, scrub(header.value));
      first = false;
    }
    out.append("},\n");
    // A token handed out in the body is no secret the recording was told of.
    const std::string body =
        scrub(request.answer == Answer::credential ? redact_json_member(response.body, "token")
                                                   : response.body);
    if (is_valid_utf8(body)) {
      out.append("  \"body\": ");
      append_json_string(out, body);
    } else {
      out.append("  \"body_hex\": \"").append(to_hex(body)).append("\"");
    }
    out.append("\n}\n");
    const std::lock_guard lock(m_mutex);
    if (auto written = write_file_atomically(m_dir / file_name(request), out);
        !written && !m_failure) {
      m_failure = written.error().message;
    }
  }

  Transport& m_inner;
  std::filesystem::path m_dir;
  std::vector<std::string> m_secrets;
  mutable std::mutex m_mutex;
  std::optional<std::string> m_failure;
};

class ReplayTransport final : public Transport {
public:
  ReplayTransport(std::filesystem::path dir, Clock::time_point start)
      : m_dir(std::move(dir)), m_now(start) {}

  std::vector<Response> send(const std::vector<Request>& requests) override {
    std::vector<Response> responses;
    responses.reserve(requests.size());
    for (const auto& request : requests) {
      responses.push_back(answer(request));
    }
    return responses;
  }

  Clock::time_point now() override {
    const std::lock_guard lock(m_mutex);
    return m_now;
  }

  void sleep_for(std::chrono::milliseconds duration) override {
    const std::lock_guard lock(m_mutex);
    m_now += duration;
  }

private:
  Response answer(const Request& request) const {
    Response response;
    // A recording answers the same way every time: nothing to retry.
    response.permanent = true;
    const std::filesystem::path file = m_dir / file_name(request);
    const std::string what = request.method + " " + request.url;
    auto text = read_file_if_exists(file);
    if (!text) {
      response.error = "unreadable recording for " + what + ": " + text.error().message;
      return response;
    }
    if (!text->has_value()) {
      response.error = "no recorded response for " + what + " in " + m_dir.string();
      return response;
    }
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::padded_string padded(**text);
    std::int64_t status = 0;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS ||
        root["status"].get(status) != simdjson::SUCCESS) {
      response.error = "unreadable recording for " + what + ": " + file.string() +
                       " is not JSON with a \"status\"";
      return response;
    }
    // The file is found by a hash of method and URL; a file copied or
    // edited under another request's name must not answer this one. The
    // recorded URL has its secrets hidden, and so is the one compared.
    std::string_view recorded_url;
    if (root["url"].get(recorded_url) != simdjson::SUCCESS ||
        !matches_recorded(recorded_url, request.url)) {
      response.error = "the recording " + file.string() + " is not the response to " + what +
                       " (its \"url\" differs)";
      return response;
    }
    if (const auto body = root["body"]; body.error() == simdjson::SUCCESS && !body.is_string()) {
      response.error = "unreadable recording for " + what + ": " + file.string() +
                       ": \"body\" is not a string (write the response body as one JSON string)";
      return response;
    }
    response.permanent = false;
    response.status = static_cast<int>(status);
    std::string_view view;
    if (root["error"].get(view) == simdjson::SUCCESS) {
      response.error = std::string(view);
    }
    simdjson::dom::object headers;
    if (root["headers"].get(headers) == simdjson::SUCCESS) {
      for (const auto header : headers) {
        if (header.value.get(view) == simdjson::SUCCESS) {
          response.headers.push_back(Header{std::string(header.key), std::string(view)});
        }
      }
    }
    if (root["body"].get(view) == simdjson::SUCCESS) {
      response.body = std::string(view);
    } else if (root["body_hex"].get(view) == simdjson::SUCCESS) {
      response.body = from_hex(view);
    }
    return response;
  }

  std::filesystem::path m_dir;
  std::mutex m_mutex;
  Clock::time_point m_now;
};

}  // namespace

Result<std::unique_ptr<Recorder>> make_recording_transport(Transport& inner,
                                                           std::filesystem::path dir,
                                                           std::vector<std::string> secrets,
                                                           Timestamp started) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return make_error("cannot create the recording folder " + dir.string() + ": " + error.message(),
                      ErrorCode::io);
  }
  TRY(write_file_atomically(dir / "recording.json",
                            "{\"format\": \"" + std::string(k_recording_format) +
                                "\", \"started_at\": \"" + started.to_string() + "\"}\n"));
  return std::unique_ptr<Recorder>(
      std::make_unique<RecordingTransport>(inner, std::move(dir), std::move(secrets)));
}

Result<std::unique_ptr<Transport>> make_replay_transport(const std::filesystem::path& dir) {
  TRY_ASSIGN(const auto text, read_file_if_exists(dir / "recording.json"));
  if (!text) {
    return make_error(dir.string() + " holds no recording (no recording.json)",
                      ErrorCode::not_found);
  }
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(*text);
  simdjson::dom::element root;
  std::string_view format;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS ||
      root["format"].get(format) != simdjson::SUCCESS || format != k_recording_format) {
    return make_error((dir / "recording.json").string() + ": \"format\" is not \"" +
                          std::string(k_recording_format) + "\"; not a recording odometer wrote",
                      ErrorCode::invalid);
  }
  std::string_view started_text;
  if (root["started_at"].get(started_text) != simdjson::SUCCESS) {
    return make_error((dir / "recording.json").string() + ": no started_at", ErrorCode::invalid);
  }
  auto started = Timestamp::parse(started_text);
  if (!started) {
    return make_error((dir / "recording.json").string() + ": " + started.error().message,
                      ErrorCode::invalid);
  }
  // The clock counts nanoseconds in 64 bits: it ends in 2262. A start
  // beyond what it holds (found by fuzzing) would overflow, not replay.
  const auto limit =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::time_point::max().time_since_epoch())
          .count() -
      k_max_budget_seconds;
  if (started->unix_seconds() < 0 || started->unix_seconds() > limit) {
    return make_error((dir / "recording.json").string() + ": started_at " + started->to_string() +
                          " is outside what the clock can replay (1970 to 2262)",
                      ErrorCode::invalid);
  }
  return std::unique_ptr<Transport>(std::make_unique<ReplayTransport>(
      dir, Clock::time_point(std::chrono::seconds(started->unix_seconds()))));
}

}  // namespace odometer
