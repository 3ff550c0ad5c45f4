#pragma once

// Loads a config that `odometer init` wrote, exactly as collect would.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "collect/config.hpp"

namespace odometer::testing {

inline std::optional<std::string> no_env_variable(const std::string& /*name*/) {
  return std::nullopt;
}

inline Result<Config> load_written_config(std::string_view text,
                                          const std::filesystem::path& file) {
  return parse_config(text, file, no_env_variable);
}

}  // namespace odometer::testing
