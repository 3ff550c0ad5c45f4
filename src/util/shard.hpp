#pragma once
// A stable share of a set of names, so N collectors split one org between
// them (`collect --shard K/N`): each name belongs to exactly one of the N
// shards, decided by the name alone, so every machine and every run agrees
// without talking to the others.

#include <cstdint>
#include <string_view>

#include "core/result.hpp"

namespace odometer {

struct Shard {
  std::uint32_t index = 1;  // K, from 1
  std::uint32_t count = 1;  // N
};

// "K/N" with 1 <= K <= N <= 65536; an error quoting the text otherwise.
Result<Shard> parse_shard(std::string_view text);

// Whether name belongs to shard. GitHub names ignore case, so "Org/Repo"
// and "org/repo" fall in the same shard. The hash is FNV-1a over the
// lower-cased name: fixed by its definition, unlike std::hash, so shards
// stay the same across builds, compilers and machines.
bool in_shard(std::string_view name, const Shard& shard);

// Which of `count` equal shares (0 to count - 1) name falls in, by the same
// hash: how shards split an org and how several credentials split the
// repositories they are all for. count must be at least 1.
std::uint32_t share_of(std::string_view name, std::uint32_t count);

}  // namespace odometer
