#include "util/shard.hpp"

#include <charconv>
#include <string>

namespace odometer {

namespace {

constexpr std::uint32_t k_max_shards = 65536;

std::uint64_t fnv1a_lowercase(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    hash = (hash ^ byte) * 1099511628211ULL;
  }
  return hash;
}

bool parse_number(std::string_view text, std::uint32_t& out) {
  const char* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(text.data(), end, out);
  return !text.empty() && error == std::errc() && rest == end;
}

}  // namespace

Result<Shard> parse_shard(std::string_view text) {
  const auto invalid = [&] {
    return make_error("--shard \"" + std::string(text) +
                      "\" is not K/N with 1 <= K <= N <= " + std::to_string(k_max_shards) +
                      " (for example 2/4: the second of four shards)");
  };
  const auto slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !parse_number(text.substr(0, slash), shard.index) ||
      !parse_number(text.substr(slash + 1), shard.count)) {
    return invalid();
  }
  if (shard.index < 1 || shard.index > shard.count || shard.count > k_max_shards) {
    return invalid();
  }
  return shard;
}

bool in_shard(std::string_view name, const Shard& shard) {
  return share_of(name, shard.count) + 1 == shard.index;
}

std::uint32_t share_of(std::string_view name, std::uint32_t count) {
  return static_cast<std::uint32_t>(fnv1a_lowercase(name) % count);
}

}  // namespace odometer
