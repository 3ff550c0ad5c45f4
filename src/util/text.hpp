#pragma once

// Small text helpers every layer shares: numbers for people, ASCII case,
// and the "did you mean" of every error about a misspelled name.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace odometer {

// 8116 -> "8,116"; 18446744073709551615 -> "18,446,744,073,709,551,615".
std::string with_thousands_separators(std::uint64_t value);

// text with A-Z turned into a-z and every other byte (UTF-8 included) kept:
// for names that registries, hosts and HTTP headers compare without case.
std::string ascii_lowercase(std::string_view text);

// The Levenshtein distance between a and b, in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest of candidates to word (edit distance at most 2; the first of
// equally close ones), or nullopt when none is that close.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// "A", "A or B", "A, B or C".
std::string join_or(const std::vector<std::string>& names);

}  // namespace odometer
