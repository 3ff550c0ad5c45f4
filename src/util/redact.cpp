#include "util/redact.hpp"

#include <algorithm>

namespace odometer {

namespace {

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
  for (const auto& secret : secrets) {
    if (secret.empty()) {
      continue;
    }
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + k_redacted.size())) {
      text.replace(at, secret.size(), k_redacted);
    }
  }
  return text;
}

}  // namespace odometer
