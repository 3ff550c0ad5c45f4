#include "util/redact.hpp"

#include <algorithm>
#include <mutex>

namespace odometer {

namespace {

std::mutex g_known_mutex;
std::vector<std::string>& known_secrets() {
  static std::vector<std::string> secrets;
  return secrets;
}

// [begin, end) of one secret in a URL.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// %XX decoded; anything else (a lone '%') kept as it is.
std::string percent_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Where libpq (and any other URL reader) finds passwords: the user-info
// ends at the first '@' before any '/', as libpq reads it, and its password
// follows the first ':'; query parameters are name=value pairs after '?',
// separated by '&', with percent-encoded names.
std::vector<Span> secret_spans(std::string_view url) {
  std::vector<Span> spans;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return spans;
  }
  const std::size_t authority = scheme_end + 3;
  const std::size_t stop = url.find_first_of("@/", authority);
  if (stop != std::string_view::npos && url[stop] == '@') {
    const std::size_t colon = url.find(':', authority);
    if (colon < stop) {
      spans.push_back(Span{colon + 1, stop});
    }
  }
  const std::size_t query = url.find('?', authority);
  if (query == std::string_view::npos) {
    return spans;
  }
  std::size_t start = query + 1;
  while (start <= url.size()) {
    const std::size_t end = std::min(url.find('&', start), url.size());
    const std::string_view param = url.substr(start, end - start);
    const std::size_t equals = param.find('=');
    if (equals != std::string_view::npos) {
      const std::string name = percent_decoded(param.substr(0, equals));
      if (name.size() >= 8 && name.compare(name.size() - 8, 8, "password") == 0) {
        spans.push_back(Span{start + equals + 1, end});
      }
    }
    start = end + 1;
  }
  return spans;
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string out(url);
  auto spans = secret_spans(url);
  // From the back, so that the earlier spans keep their offsets.
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin > b.begin; });
  for (const auto& span : spans) {
    if (span.end > span.begin) {
      out.replace(span.begin, span.end - span.begin, k_redacted);
    }
  }
  return out;
}

std::vector<std::string> url_secrets(std::string_view url) {
  std::vector<std::string> secrets;
  for (const auto& span : secret_spans(url)) {
    const std::string_view raw = url.substr(span.begin, span.end - span.begin);
    if (!raw.empty()) {
      secrets.emplace_back(raw);
      if (auto decoded = percent_decoded(raw); decoded != raw && !decoded.empty()) {
        secrets.push_back(std::move(decoded));
      }
    }
  }
  return secrets;
}

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
  // One pass, longest secret first at each position, into a new string: a
  // replacement is never searched again, so a secret that occurs inside
  // "[redacted]" (or inside another secret) cannot mangle it.
  std::vector<std::string_view> sorted;
  for (const auto& secret : secrets) {
    if (!secret.empty() && text.find(secret) != std::string::npos) {
      sorted.emplace_back(secret);
    }
  }
  if (sorted.empty()) {
    return text;
  }
  std::sort(sorted.begin(), sorted.end(),
            [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const auto match = std::find_if(sorted.begin(), sorted.end(), [&](std::string_view secret) {
      return std::string_view(text).substr(at, secret.size()) == secret;
    });
    if (match != sorted.end()) {
      out += k_redacted;
      at += match->size();
    } else {
      out += text[at++];
    }
  }
  return out;
}

void remember_secret(std::string secret) {
  if (secret.size() < k_min_secret_size) {
    return;
  }
  const std::lock_guard lock(g_known_mutex);
  auto& secrets = known_secrets();
  if (std::find(secrets.begin(), secrets.end(), secret) == secrets.end()) {
    secrets.push_back(std::move(secret));
  }
}

void remember_url_secrets(std::string_view url) {
  for (auto& secret : url_secrets(url)) {
    remember_secret(std::move(secret));
  }
}

std::string hide_secrets(std::string text, const std::vector<std::string>& also) {
  std::vector<std::string> secrets = also;
  {
    const std::lock_guard lock(g_known_mutex);
    secrets.insert(secrets.end(), known_secrets().begin(), known_secrets().end());
  }
  return redact_secrets(std::move(text), secrets);
}

bool holds_secret(std::string_view text) {
  const std::lock_guard lock(g_known_mutex);
  return std::any_of(
      known_secrets().begin(), known_secrets().end(),
      [text](const std::string& secret) { return text.find(secret) != std::string_view::npos; });
}

std::string redact_json_member(std::string text, std::string_view name) {
  const std::string key = "\"" + std::string(name) + "\"";
  const auto skip_space = [&](std::size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
      ++at;
    }
    return at;
  };
  std::size_t at = 0;
  while ((at = text.find(key, at)) != std::string::npos) {
    at += key.size();
    std::size_t value = skip_space(at);
    if (value >= text.size() || text[value] != ':') {
      continue;  // the name as a value, not as a member
    }
    value = skip_space(value + 1);
    if (value >= text.size() || text[value] != '"') {
      continue;
    }
    std::size_t end = value + 1;
    while (end < text.size() && text[end] != '"') {
      end += text[end] == '\\' ? 2U : 1U;
    }
    end = std::min(end, text.size());
    text.replace(value + 1, end - value - 1, k_redacted);
    at = value + 1 + k_redacted.size();
  }
  return text;
}

}  // namespace odometer
