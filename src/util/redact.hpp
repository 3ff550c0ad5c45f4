#pragma once

// Where secrets hide in text that odometer prints, and how they are hidden.
// Every message that shows a store location goes through redact_url; a
// message from a library that may echo a location goes through
// redact_secrets with the secrets that location holds. (Issue 16 gathers
// every redaction rule of every sink here.)

#include <string>
#include <string_view>
#include <vector>

namespace odometer {

// What a hidden secret is replaced with.
inline constexpr std::string_view k_redacted = "[redacted]";

// url with the password of its user-info ("postgres://alice:[redacted]@host")
// and the value of every query parameter whose name ends in "password"
// ("?password=[redacted]", "&sslpassword=[redacted]") hidden. Text without
// "://" is returned unchanged.
std::string redact_url(std::string_view url);

// The secrets a URL holds, as written and percent-decoded: its user-info
// password and its password query parameters. Empty when there are none.
std::vector<std::string> url_secrets(std::string_view url);

// text with every occurrence of each non-empty secret replaced by [redacted].
std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

}  // namespace odometer
