#include "cli/config_option.hpp"

#include <cstdlib>
#include <system_error>

#include "cli/command.hpp"

namespace odometer::cli {

Result<std::optional<Config>> load_optional_config(const std::optional<std::string>& path) {
  const GetEnv getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  };
  std::filesystem::path file = path.value_or(k_default_config);
  if (!path) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
      return std::optional<Config>();
    }
  }
  auto config = load_config(file, getenv);
  if (!config) {
    return config.error();
  }
  return std::optional<Config>(std::move(*config));
}

std::string ledger_location(const std::optional<std::string>& option,
                            const std::optional<Config>& config) {
  if (option) {
    return *option;
  }
  return config ? config->ledger.string() : std::string(k_default_ledger);
}

}  // namespace odometer::cli
