#include "sources/package_source.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "sources/json_reader.hpp"

namespace odometer {

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::optional<std::vector<std::string>> read_package_names(const toml::table& table,
                                                           std::string_view key,
                                                           std::string_view where,
                                                           const NameRule& rule,
                                                           ConfigProblems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    problems.add(table, std::string(where) + " needs " + std::string(key) + " = [...]");
    return std::nullopt;
  }
  auto names = read_strings(table, key, where, problems);
  if (!names) {
    return std::nullopt;
  }
  if (names->empty()) {
    problems.add(*node, std::string(where) + " " + std::string(key) + " must name at least one");
    return std::nullopt;
  }
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& name : *names) {
    if (!rule.valid(name)) {
      // The name goes into a URL path: refuse it rather than guess.
      problems.add(*node, std::string(where) + " " + std::string(key) + " entry \"" + name +
                              "\" is not " + std::string(rule.what));
      ok = false;
      continue;
    }
    // Two spellings of one package would be two series of the same numbers.
    if (!seen.insert(rule.canonical ? rule.canonical(name) : name).second) {
      problems.add(*node,
                   std::string(where) + " " + std::string(key) + " lists \"" + name + "\" twice");
      ok = false;
    }
  }
  if (!ok) {
    return std::nullopt;
  }
  return names;
}

Result<Count> parse_count_at(std::string_view body, std::string_view url,
                             std::initializer_list<std::string_view> fields) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  std::string path = "$";
  simdjson::dom::element value = *root;
  for (const auto field : fields) {
    auto object = reader.object_of(value, path);
    if (!object) {
      return object.error();
    }
    auto child = reader.field(*object, field, path);
    if (!child) {
      return child.error();
    }
    value = *child;
    path += "." + std::string(field);
  }
  return reader.count_value(value, path);
}

Result<Observation> cumulative_observation(std::string_view source, std::string_view metric,
                                           std::string_view entity, Day day, Count value) {
  auto key = SeriesKey::make(source, metric, entity);
  if (!key) {
    return key.error();
  }
  return Observation{.key = std::move(*key),
                     .kind = Kind::cumulative,
                     .day = day,
                     .value = static_cast<std::int64_t>(value)};
}

SourceResult fetch_packages(SourceContext& context, std::string_view registry,
                            const std::vector<PackageFetch>& fetches) {
  std::vector<Request> requests;
  requests.reserve(fetches.size());
  std::vector<std::string> packages;  // distinct, in order
  for (const auto& fetch : fetches) {
    requests.push_back(fetch.request);
    if (std::find(packages.begin(), packages.end(), fetch.package) == packages.end()) {
      packages.push_back(fetch.package);
    }
  }
  SourceResult result;
  result.entities = packages.size();
  if (context.progress) {
    context.progress(0, packages.size());
  }
  const auto fetched = context.http.fetch_all(requests);
  std::set<std::string> failed;
  for (std::size_t i = 0; i < fetches.size(); ++i) {
    const PackageFetch& fetch = fetches[i];
    const auto problem = [&](std::string reason) {
      failed.insert(fetch.package);
      result.problems.push_back(
          EntityProblem{fetch.package, SourceState::failed, std::move(reason)});
    };
    if (!fetched[i].ok()) {
      problem(fetch_problem(fetched[i], registry, fetch.request.url));
      continue;
    }
    auto observations = fetch.read(fetched[i].response.body);
    if (!observations) {
      problem(observations.error().message);
      continue;
    }
    std::move(observations->begin(), observations->end(), std::back_inserter(result.observations));
  }
  if (context.progress) {
    context.progress(packages.size(), packages.size());
  }
  if (!failed.empty()) {
    result.state = SourceState::failed;
    result.reason = std::to_string(failed.size()) + " of " + std::to_string(packages.size()) +
                    " packages failed";
  }
  return result;
}

namespace {

class CountSource final : public Source {
public:
  CountSource(const CountSourceSpec& spec, std::string api, std::vector<std::string> entities)
      : m_spec(spec), m_api(std::move(api)), m_entities(std::move(entities)) {}

  std::string name() const override { return std::string(m_spec.table); }

  SourceResult collect(SourceContext& context) override {
    std::vector<PackageFetch> fetches;
    fetches.reserve(m_entities.size());
    const Day today = context.now.day();
    for (const auto& entity : m_entities) {
      std::string url = m_spec.url(m_api, entity);
      auto read = [this, entity, url,
                   today](std::string_view body) -> Result<std::vector<Observation>> {
        auto count = m_spec.parse(body, url);
        if (!count) {
          return count.error();
        }
        auto observation =
            cumulative_observation(m_spec.table, m_spec.metric, entity, today, *count);
        if (!observation) {
          return observation.error();
        }
        return std::vector<Observation>{std::move(*observation)};
      };
      fetches.push_back(PackageFetch{entity, Request{.url = url}, std::move(read)});
    }
    return fetch_packages(context, m_spec.registry, fetches);
  }

private:
  const CountSourceSpec& m_spec;
  std::string m_api;
  std::vector<std::string> m_entities;
};

}  // namespace

std::unique_ptr<Source> make_count_source(const CountSourceSpec& spec, const toml::table& table,
                                          ConfigProblems& problems) {
  const std::string where = "[" + std::string(spec.table) + "]";
  const std::size_t before = problems.messages().size();
  const std::array<std::string_view, 2> known{spec.list_key, "api"};
  check_keys(table, where, known, problems);
  std::string api = read_api_url(table, where, spec.default_api, spec.default_api, problems);
  const auto names = read_package_names(table, spec.list_key, where, spec.rule, problems);
  if (problems.messages().size() != before || !names) {
    return nullptr;
  }
  std::vector<std::string> entities;
  entities.reserve(names->size());
  for (const auto& name : *names) {
    entities.push_back(spec.entity(name));
  }
  return std::make_unique<CountSource>(spec, std::move(api), std::move(entities));
}

}  // namespace odometer
