// The [vscode] source. The Marketplace answers one POST that names every
// extension (several criteria in one filter), so a run costs one request
// however many extensions there are. That is also what keeps --record and
// --replay exact: they key a response by method and URL, and several POSTs
// to the one extensionquery URL with different bodies would overwrite each
// other's recordings.
//
// An extension missing from the answer is "not found on the VS Code
// Marketplace", never a zero. `install` and `updateCount` are all-time
// totals, stored as cumulative series of their own (the Marketplace has
// been seen to lower `install` between reads; the ledger keeps the
// highest and collect reports the drop).

#include "sources/vscode.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sources/package_source.hpp"
#include "sources/vscode_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[vscode]";
constexpr std::string_view k_registry = "the VS Code Marketplace";
constexpr std::string_view k_default_api = "https://marketplace.visualstudio.com";
constexpr std::array<std::string_view, 2> k_keys{"extensions", "api"};

class VscodeSource final : public Source {
public:
  VscodeSource(std::vector<std::string> extensions, std::string api)
      : m_extensions(std::move(extensions)), m_api(std::move(api)) {}

  std::string name() const override { return "vscode"; }

  SourceResult collect(SourceContext& context) override {
    SourceResult result;
    result.entities = m_extensions.size();
    if (m_extensions.empty()) {
      return result;
    }
    Request request;
    request.method = "POST";
    request.url = m_api + "/_apis/public/gallery/extensionquery";
    request.headers = {{"Accept", "application/json;api-version=3.0-preview.1"},
                       {"Content-Type", "application/json"}};
    request.body = vscode_query_body(m_extensions);
    const Fetched fetched = context.http.fetch(request);
    auto found = fetched.ok() ? parse_vscode_extensions(fetched.response.body, request.url)
                              : Result<std::vector<VscodeExtension>>(make_error(fetched.error));
    std::map<std::string, VscodeExtension> by_name;  // lowercase name -> statistics
    if (found) {
      for (auto& extension : *found) {
        by_name.emplace(ascii_lowercase(extension.name), std::move(extension));
      }
    }
    std::size_t failed = 0;
    std::size_t done = 0;
    for (const auto& wanted : m_extensions) {
      const auto problem = [&](std::string reason) {
        ++failed;
        result.problems.push_back(EntityProblem{wanted, SourceState::failed, std::move(reason)});
      };
      if (context.progress) {
        context.progress(++done, m_extensions.size());
      }
      if (!found) {
        problem(found.error().message);
        continue;
      }
      const auto it = by_name.find(ascii_lowercase(wanted));
      if (it == by_name.end()) {
        problem("not found on " + std::string(k_registry) + " (POST " + request.url + ")");
        continue;
      }
      const VscodeExtension& extension = it->second;
      std::vector<Observation> observations;
      auto installs = observation_at(context.now, "vscode", "installs", extension.name,
                                     Kind::cumulative, extension.installs);
      if (!installs) {
        problem(installs.error().message);
        continue;
      }
      observations.push_back(std::move(*installs));
      if (extension.updates) {
        auto updates = observation_at(context.now, "vscode", "updates", extension.name,
                                      Kind::cumulative, *extension.updates);
        if (!updates) {
          problem(updates.error().message);
          continue;
        }
        observations.push_back(std::move(*updates));
      }
      std::move(observations.begin(), observations.end(), std::back_inserter(result.observations));
    }
    if (failed > 0) {
      result.state = SourceState::failed;
      result.reason = std::to_string(failed) + " of " + std::to_string(m_extensions.size()) +
                      " extensions failed";
    }
    return result;
  }

private:
  std::vector<std::string> m_extensions;
  std::string m_api;
};

}  // namespace

std::unique_ptr<Source> make_vscode_source(const toml::table& table, const GetEnv& /*getenv*/,
                                           ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  auto listed = read_name_list(table, "extensions", k_where, "\"publisher.extension\"",
                               is_dotted_extension_name, problems);
  // The Marketplace matches names without regard to case: one query each.
  std::vector<std::string> extensions;
  for (auto& name : listed) {
    const bool seen = std::any_of(extensions.begin(), extensions.end(), [&](const auto& other) {
      return ascii_lowercase(other) == ascii_lowercase(name);
    });
    if (!seen) {
      extensions.push_back(std::move(name));
    }
  }
  if (!table.contains("extensions")) {
    problems.add(table, std::string(k_where) + " needs extensions");
  }
  const std::string api =
      read_api_url(table, k_where, k_default_api, "https://marketplace.visualstudio.com", problems);
  if (problems.messages().size() != known_problems) {
    return nullptr;
  }
  return std::make_unique<VscodeSource>(std::move(extensions), api);
}

}  // namespace odometer
