#include "cli/config_option.hpp"

#include <cstdlib>
#include <system_error>

#include "cli/command.hpp"
#include "store/store.hpp"

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

LedgerChoice choose_ledger(const std::optional<std::string>& option,
                           const std::optional<Config>& config) {
  if (!option) {
    if (config) {
      return LedgerChoice{ledger_location(*config), config->ledger};
    }
    return LedgerChoice{k_default_ledger, k_default_ledger};
  }
  if (auto file = ledger_file_path(*option)) {
    return LedgerChoice{*option, *file};
  }
  // The config's own files belong to its store; another one's are not here.
  const bool configured = config && config->store == *option;
  return LedgerChoice{*option,
                      configured ? config->ledger : std::filesystem::path("odometer-store")};
}

}  // namespace odometer::cli
