#include "sources/count_source.hpp"

#include <array>
#include <set>
#include <utility>

#include "util/json_reader.hpp"

namespace odometer {

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

namespace {

class CountSource final : public Source {
public:
  CountSource(const CountSourceSpec& spec, std::string api, std::vector<std::string> entities)
      : m_spec(spec), m_api(std::move(api)), m_entities(std::move(entities)) {}

  std::string name() const override { return std::string(m_spec.table); }

  SourceResult collect(SourceContext& context) override {
    std::vector<PackageFetch> fetches;
    fetches.reserve(m_entities.size());
    const Timestamp now = context.now;
    for (const auto& entity : m_entities) {
      std::string url = m_spec.url(m_api, entity);
      auto read = [this, entity, url,
                   now](std::string_view body) -> Result<std::vector<Observation>> {
        auto count = m_spec.parse(body, url);
        if (!count) {
          return count.error();
        }
        auto observation =
            observation_at(now, m_spec.table, m_spec.metric, entity, Kind::cumulative, *count);
        if (!observation) {
          return observation.error();
        }
        return std::vector<Observation>{std::move(*observation)};
      };
      fetches.push_back(PackageFetch{entity, Request{.url = url}, std::move(read)});
    }
    return collect_packages(context, m_spec.registry, fetches);
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
