#include "net/recording.hpp"

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <mutex>

#include "core/timestamp.hpp"
#include "core/utf8.hpp"
#include "util/atomic_file.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

using Clock = std::chrono::system_clock;

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
  std::string scrub(std::string text) const {
    for (const auto& secret : m_secrets) {
      text = redact(std::move(text), secret);
    }
    return text;
  }

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
    const std::string body = scrub(response.body);
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
    const std::string missing = "no recorded response for " + request.method + " " + request.url;
    auto text = read_file_if_exists(m_dir / file_name(request));
    if (!text || !text->has_value()) {
      response.error = missing + " in " + m_dir.string();
      return response;
    }
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::padded_string padded(**text);
    std::int64_t status = 0;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS ||
        root["status"].get(status) != simdjson::SUCCESS) {
      response.error = "unreadable recording for " + request.method + " " + request.url;
      return response;
    }
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
  TRY(write_file_atomically(
      dir / "recording.json",
      "{\"format\": \"odometer-recording\", \"started_at\": \"" + started.to_string() + "\"}\n"));
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
  std::string_view started_text;
  if (parser.parse(padded)["started_at"].get(started_text) != simdjson::SUCCESS) {
    return make_error((dir / "recording.json").string() + ": no started_at", ErrorCode::invalid);
  }
  auto started = Timestamp::parse(started_text);
  if (!started) {
    return make_error((dir / "recording.json").string() + ": " + started.error().message,
                      ErrorCode::invalid);
  }
  return std::unique_ptr<Transport>(std::make_unique<ReplayTransport>(
      dir, Clock::time_point(std::chrono::seconds(started->unix_seconds()))));
}

}  // namespace odometer
