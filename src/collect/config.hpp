#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "sources/source.hpp"

namespace odometer {

// [http]: limits of the network layer.
struct HttpSettings {
  std::chrono::seconds budget{300};  // all waiting of one run (retries, rate limits)
  int max_attempts = 5;
  std::size_t in_flight_per_host = 8;
  std::map<std::string, std::size_t> hosts;  // per-host overrides of in_flight_per_host
};

// odometer.toml, validated.
struct Config {
  std::filesystem::path file;
  std::filesystem::path ledger;  // [ledger] path, relative to the config's folder
  HttpSettings http;
  std::vector<std::unique_ptr<Source>> sources;  // in registry order
};

// The config file used when --config is not given.
inline constexpr const char* k_default_config = "odometer.toml";

// Reads and validates the config. Every problem in the file is reported at
// once, one per line, each with its line number; unknown keys and tables
// come with a "did you mean" suggestion.
Result<Config> load_config(const std::filesystem::path& file, const GetEnv& getenv);

// Parses config text (the file name is for messages).
Result<Config> parse_config(std::string_view text, const std::filesystem::path& file,
                            const GetEnv& getenv);

}  // namespace odometer
