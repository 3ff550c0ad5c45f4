// [ledger] store: a database URL as the ledger's home, beside [ledger] path
// (never both), with the collector's own files beside the config, and a
// value that is never echoed in a problem (it may hold a password).

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "collect/config.hpp"

namespace odometer {
namespace {

const std::filesystem::path k_file = "/srv/site/odometer.toml";

std::optional<std::string> no_env(const std::string& /*name*/) {
  return std::nullopt;
}

Result<Config> parse(std::string_view text) {
  return parse_config(text, k_file, no_env);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(ConfigStore, AStoreUrlIsTheLedgersLocation) {
  const auto config = parse("[ledger]\nstore = \"postgres://collector@db.example/odometer\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->store, "postgres://collector@db.example/odometer");
  EXPECT_EQ(ledger_location(*config), "postgres://collector@db.example/odometer");
  // The ETag cache and last-run note are named after this, beside the config.
  EXPECT_EQ(config->ledger, std::filesystem::path("/srv/site/odometer-store"));
}

TEST(ConfigStore, WithoutAStoreTheLocationIsTheLedgerFile) {
  const auto config = parse("[ledger]\npath = \"data/ledger.json\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_FALSE(config->store);
  EXPECT_EQ(ledger_location(*config), "/srv/site/data/ledger.json");
}

TEST(ConfigStore, PathAndStoreTogetherIsAProblem) {
  const auto config =
      parse("[ledger]\npath = \"l.json\"\nstore = \"postgres://u:s3cret@db/odometer\"\n");
  ASSERT_FALSE(config.ok());
  EXPECT_TRUE(contains(config.error().message,
                       "odometer.toml:3: [ledger] takes a path (a ledger file) or a store"))
      << config.error().message;
  EXPECT_FALSE(contains(config.error().message, "s3cret")) << config.error().message;
}

TEST(ConfigStore, AFileInStoreIsAProblemThatDoesNotEchoTheValue) {
  for (const char* value : {"odometer-ledger.json", "file:ledger.json", ""}) {
    const auto config = parse(std::string("[ledger]\nstore = \"") + value + "\"\n");
    ASSERT_FALSE(config.ok()) << value;
    EXPECT_TRUE(contains(config.error().message,
                         "[ledger] store takes a database URL such as postgres://user@host/db"))
        << config.error().message;
  }
  const auto number = parse("[ledger]\nstore = 5\n");
  ASSERT_FALSE(number.ok());
  EXPECT_TRUE(contains(number.error().message, "store")) << number.error().message;
}

}  // namespace
}  // namespace odometer
