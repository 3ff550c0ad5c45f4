// The config reader on arbitrary text: every table of every source, the
// counters, outputs and store settings. Accept or list the problems; never
// crash, whatever the bytes.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "collect/config.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const odometer::GetEnv getenv = [](const std::string& name) -> std::optional<std::string> {
    return name == "GITHUB_TOKEN" ? std::optional<std::string>("ghp_fuzzToken") : std::nullopt;
  };
  auto config = odometer::parse_config(text, "/fuzz/odometer.toml", getenv);
  FUZZ_CHECK(config.ok() || !config.error().message.empty(), "an error names its problem");
  return 0;
}
