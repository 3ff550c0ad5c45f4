#include "util/shard.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace odometer {
namespace {

std::vector<std::string> thousand_names() {
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) {
    names.push_back("org-" + std::to_string(i % 7) + "/repo-" + std::to_string(i));
  }
  return names;
}

TEST(Shard, ReadsKOfN) {
  const auto shard = parse_shard("2/4");
  ASSERT_TRUE(shard) << shard.error().message;
  EXPECT_EQ(shard->index, 2U);
  EXPECT_EQ(shard->count, 4U);
  const auto whole = parse_shard("1/1");
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->count, 1U);
}

TEST(Shard, RefusesWhatIsNotKOfN) {
  for (const char* text : {"", "2", "/4", "2/", "0/4", "5/4", "2/0", "-1/4", "2/4/8", " 2/4",
                           "2/4 ", "a/b", "1/65537", "99999999999999999999/1", "2.0/4"}) {
    const auto shard = parse_shard(text);
    ASSERT_FALSE(shard) << text;
    EXPECT_NE(shard.error().message.find(std::string("\"") + text + "\""), std::string::npos)
        << shard.error().message;
  }
}

TEST(Shard, TheShardsOfAThousandNamesAreDisjointAndCoverAll) {
  const auto names = thousand_names();
  for (const std::uint32_t count : {1U, 2U, 3U, 4U, 7U, 16U}) {
    std::vector<std::size_t> sizes(count, 0);
    for (const auto& name : names) {
      int homes = 0;
      for (std::uint32_t index = 1; index <= count; ++index) {
        if (in_shard(name, Shard{index, count})) {
          ++homes;
          ++sizes[index - 1];
        }
      }
      EXPECT_EQ(homes, 1) << name << " in " << homes << " of " << count << " shards";
    }
    // A share each, not all in one: within half of the even split.
    for (const std::size_t size : sizes) {
      EXPECT_GT(size, names.size() / count / 2) << count << " shards";
      EXPECT_LT(size, names.size() / count * 3 / 2 + 1) << count << " shards";
    }
  }
}

TEST(Shard, TheSameNameFallsInTheSameShardWhateverItsCase) {
  for (const auto& name : thousand_names()) {
    std::string upper = name;
    for (char& c : upper) {
      c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    for (std::uint32_t index = 1; index <= 5; ++index) {
      EXPECT_EQ(in_shard(name, Shard{index, 5}), in_shard(upper, Shard{index, 5})) << name;
    }
  }
}

// The shards are fixed by FNV-1a's definition, so a new build or another
// machine places every name where the last one did. These places were
// computed by an independent FNV-1a (Python) over the lower-cased names.
TEST(Shard, PlacesNamesWhereFnv1aPutsThemOnEveryMachine) {
  struct Place {
    const char* name;
    std::uint32_t of_four;
    std::uint32_t of_seven;
  };
  for (const Place& place : std::array<Place, 5>{{{"runcycles/docs", 2, 4},
                                                  {"runcycles/cycles-server", 4, 5},
                                                  {"octocat/Hello-World", 1, 3},
                                                  {"torvalds/linux", 2, 4},
                                                  {"a/b", 2, 4}}}) {
    EXPECT_TRUE(in_shard(place.name, Shard{place.of_four, 4})) << place.name;
    EXPECT_TRUE(in_shard(place.name, Shard{place.of_seven, 7})) << place.name;
  }
}

}  // namespace
}  // namespace odometer
