// The [vscode] source: all-time installs and updates of extensions on the
// Visual Studio Code Marketplace (docs/series-keys.md).
//
// The Marketplace answers one POST that names every extension (several
// criteria in one filter), so a run costs one request however many
// extensions there are. That is also what keeps --record and
// --replay exact: they key a response by method and URL, and several POSTs
// to the one extensionquery URL with different bodies would overwrite each
// other's recordings.
//
// An extension missing from the answer is "not found on the VS Code
// Marketplace", never a zero. `install` and `updateCount` are all-time
// totals, stored as cumulative series of their own (the Marketplace has
// been seen to lower `install` between reads; the ledger keeps the
// highest and collect reports the drop).

#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sources/package_source.hpp"
#include "sources/vscode_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_registry = "the VS Code Marketplace";

// The Marketplace matches names without regard to case: "A.B" and "a.b"
// are one extension.
constexpr NameList k_lists[] = {{"extensions",
                                 {.what = "\"publisher.extension\"",
                                  .valid = is_dotted_extension_name,
                                  .canonical = ascii_lowercase}}};

constexpr PackageSpec k_vscode{.table = "vscode",
                               .registry = k_registry,
                               .lists = k_lists,
                               .default_api = "https://marketplace.visualstudio.com"};

// The series of one extension the Marketplace answered for, under its own
// spelling of the name.
Result<std::vector<Observation>> observations_of(const VscodeExtension& extension, Timestamp now) {
  std::vector<Observation> out;
  TRY_ASSIGN(auto installs, observation_at(now, "vscode", "installs", extension.name,
                                           Kind::cumulative, extension.installs));
  out.push_back(std::move(installs));
  if (extension.updates) {
    TRY_ASSIGN(auto updates, observation_at(now, "vscode", "updates", extension.name,
                                            Kind::cumulative, *extension.updates));
    out.push_back(std::move(updates));
  }
  return out;
}

class VscodeSource final : public Source {
public:
  explicit VscodeSource(PackageTable table)
      : m_extensions(std::move(table.names.front())), m_api(std::move(table.api)) {}

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
                              : Result<std::vector<VscodeExtension>>(fetched.error);
    std::map<std::string, VscodeExtension> by_name;  // lowercase name -> statistics
    if (found) {
      for (auto& extension : *found) {
        by_name.emplace(ascii_lowercase(extension.name), std::move(extension));
      }
    }
    std::size_t failed = 0;
    std::size_t done = 0;
    for (const auto& wanted : m_extensions) {
      if (context.progress) {
        context.progress(++done, m_extensions.size());
      }
      const auto it = found ? by_name.find(ascii_lowercase(wanted)) : by_name.end();
      auto observations = !found                ? Result<std::vector<Observation>>(found.error())
                          : it == by_name.end() ? not_found_on(k_registry, "POST " + request.url)
                                                : observations_of(it->second, context.now);
      if (!observations) {
        ++failed;
        result.problems.push_back(
            EntityProblem{wanted, SourceState::failed, observations.error().message});
        continue;
      }
      std::move(observations->begin(), observations->end(),
                std::back_inserter(result.observations));
    }
    note_failures(result, failed, m_extensions.size(), "extensions");
    return result;
  }

private:
  std::vector<std::string> m_extensions;
  std::string m_api;
};

}  // namespace

std::unique_ptr<Source> make_vscode_source(const toml::table& table, const GetEnv& /*getenv*/,
                                           ConfigProblems& problems) {
  return make_package_source<VscodeSource>(table, k_vscode, problems);
}

}  // namespace odometer
