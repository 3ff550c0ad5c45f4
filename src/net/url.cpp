#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <memory>

#include "net/http.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

struct UrlFree {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using Url = std::unique_ptr<CURLU, UrlFree>;

std::string part(CURLU* url, CURLUPart which, unsigned int flags = 0) {
  char* text = nullptr;
  if (curl_url_get(url, which, &text, flags) != CURLUE_OK || text == nullptr) {
    return {};
  }
  std::string out(text);
  curl_free(text);
  return out;
}

Url parse(std::string_view text) {
  Url url(curl_url());
  const std::string copy(text);
  if (!url || curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK) {
    return nullptr;
  }
  return url;
}

}  // namespace

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& header : headers) {
    if (header.name == name) {
      return header.value;
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> Response::header_number(std::string_view name) const {
  const auto text = header(name);
  std::int64_t value = 0;
  if (!text || text->empty() ||
      std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc()) {
    return std::nullopt;
  }
  return value;
}

std::string redact(std::string text, std::string_view secret) {
  return redact_secrets(std::move(text), {std::string(secret)});
}

std::string url_host(std::string_view text) {
  const Url url = parse(text);
  if (!url) {
    return {};
  }
  const std::string scheme = part(url.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") {
    return {};
  }
  const std::string host = ascii_lowercase(part(url.get(), CURLUPART_HOST));
  // Empty when absent or the scheme's default, so "https://h:443" is host "h"
  // and a token bound to "h" still matches it.
  const std::string port = part(url.get(), CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  return port.empty() ? host : host + ":" + port;
}

std::string url_origin(std::string_view text) {
  const Url url = parse(text);
  return url ? part(url.get(), CURLUPART_SCHEME) + "://" + url_host(text) : std::string();
}

std::string resolve_url(std::string_view base, std::string_view location) {
  const Url url = parse(base);
  std::string target(location);
  if (!url || curl_url_set(url.get(), CURLUPART_URL, target.c_str(), 0) != CURLUE_OK) {
    return target;
  }
  return part(url.get(), CURLUPART_URL);
}

}  // namespace odometer
