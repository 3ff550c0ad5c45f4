// The [homebrew] source. formulae.brew.sh only publishes rolling windows,
// so each window is a gauge with the window in its metric name
// (homebrew:installs-30d:wget): shown as it is, never added to an all-time
// counter, because windows read on different days overlap.

#include "sources/homebrew.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "sources/homebrew_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[homebrew]";
constexpr std::string_view k_default_api = "https://formulae.brew.sh";
constexpr std::array<std::string_view, 3> k_keys{"formulae", "casks", "api"};

struct HomebrewConfig {
  std::vector<std::string> formulae;
  std::vector<std::string> casks;
  std::string api;
};

// Formula names and cask tokens of the core taps: "wget", "openssl@3",
// "gtk+3", "docker", "visual-studio-code".
bool is_homebrew_name(std::string_view name) {
  return is_plain_name(name, "@+._-");
}

struct Target {
  std::string name;
  HomebrewKind kind = HomebrewKind::formula;
};

class HomebrewSource final : public Source {
public:
  explicit HomebrewSource(HomebrewConfig config) : m_config(std::move(config)) {}

  std::string name() const override { return "homebrew"; }

  SourceResult collect(SourceContext& context) override {
    std::vector<Target> targets;
    for (const auto& formula : m_config.formulae) {
      targets.push_back(Target{formula, HomebrewKind::formula});
    }
    for (const auto& cask : m_config.casks) {
      targets.push_back(Target{cask, HomebrewKind::cask});
    }
    std::vector<PackageFetch> fetches;
    for (const auto& target : targets) {
      const bool formula = target.kind == HomebrewKind::formula;
      PackageFetch fetch;
      fetch.entity = formula ? target.name : "cask " + target.name;
      fetch.request.url = m_config.api + (formula ? "/api/formula/" : "/api/cask/") +
                          encode_path_segment(target.name) + ".json";
      fetch.read = [target, url = fetch.request.url,
                    now = context.now](std::string_view body) -> Result<std::vector<Observation>> {
        auto installs = parse_homebrew_installs(body, url, target.name, target.kind);
        if (!installs) {
          return installs.error();
        }
        const std::string prefix =
            target.kind == HomebrewKind::formula ? "installs-" : "cask-installs-";
        std::vector<Observation> out;
        for (const auto& [window, value] :
             {std::pair{"30d", installs->days30}, std::pair{"90d", installs->days90},
              std::pair{"365d", installs->days365}}) {
          auto observation =
              observation_at(now, "homebrew", prefix + window, target.name, Kind::gauge, value);
          if (!observation) {
            return observation.error();
          }
          out.push_back(std::move(*observation));
        }
        return out;
      };
      fetches.push_back(std::move(fetch));
    }
    return collect_packages(context, "Homebrew", fetches);
  }

private:
  HomebrewConfig m_config;
};

}  // namespace

std::unique_ptr<Source> make_homebrew_source(const toml::table& table, const GetEnv& /*getenv*/,
                                             ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  HomebrewConfig config;
  config.formulae = read_name_list(table, "formulae", k_where, "a Homebrew formula name",
                                   is_homebrew_name, problems);
  config.casks =
      read_name_list(table, "casks", k_where, "a Homebrew cask token", is_homebrew_name, problems);
  if (!table.contains("formulae") && !table.contains("casks")) {
    problems.add(table, std::string(k_where) + " needs formulae or casks");
  }
  config.api = read_api_url(table, k_where, k_default_api, "https://formulae.brew.sh", problems);
  if (problems.messages().size() != known_problems) {
    return nullptr;
  }
  return std::make_unique<HomebrewSource>(std::move(config));
}

}  // namespace odometer
