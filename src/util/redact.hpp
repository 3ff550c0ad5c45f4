#pragma once

// Where secrets hide in text that odometer prints or writes, and how they
// are hidden: the one redaction point of DESIGN.md §9.
//
// Whoever learns a secret (the config loader reading a token, the store
// factory opening a URL with a password, the HTTP client given a token)
// hands it to remember_secret. Every sink — the terminal, the last-run
// note, recordings, the ETag cache, rendered outputs, error messages —
// passes its text through hide_secrets, or refuses to keep text for which
// holds_secret is true. A process-wide set, because sinks sit in every layer
// and a secret missed by one plumbing path is a leak.

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

// text with every occurrence of each non-empty secret replaced by
// [redacted], in one pass (the longest secret first where several match), so
// that no replacement is searched again.
std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

// JSON text with the string value of every member named `name` replaced by
// [redacted] ({"token": "ghs_..."} -> {"token": "[redacted]"}), for bodies
// that hand out a secret no one knew before (an App's installation token).
// Other text is unchanged; nothing is parsed beyond the member.
std::string redact_json_member(std::string text, std::string_view name);

// Adds secret (if it is at least k_min_secret_size bytes: shorter text would
// hide ordinary words) to the process's known secrets. Thread-safe.
void remember_secret(std::string secret);
inline constexpr std::size_t k_min_secret_size = 4;

// The known secrets of a URL (url_secrets) remembered. Thread-safe.
void remember_url_secrets(std::string_view url);

// text with every known secret, and every one of `also`, replaced by
// [redacted] (redact_secrets). Thread-safe.
std::string hide_secrets(std::string text, const std::vector<std::string>& also = {});

// Whether text holds a known secret: a sink that would store it (the ETag
// cache) keeps nothing instead. Thread-safe.
bool holds_secret(std::string_view text);

}  // namespace odometer
