#include "sources/package_source.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "util/json_reader.hpp"

namespace odometer {

bool is_dotted_extension_name(std::string_view name) {
  const auto dot = name.find('.');
  return dot != std::string_view::npos && is_plain_name(name.substr(0, dot), "-_") &&
         is_plain_name(name.substr(dot + 1), "-_");
}

std::optional<PackageTable> read_package_table(const toml::table& table, const PackageSpec& spec,
                                               ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  const std::string where = "[" + std::string(spec.table) + "]";
  std::vector<std::string_view> known;
  for (const auto& list : spec.lists) {
    known.push_back(list.key);
  }
  known.push_back("api");
  known.insert(known.end(), spec.other_keys.begin(), spec.other_keys.end());
  check_keys(table, where, known, problems);

  PackageTable out;
  out.api = read_api_url(table, where, spec.default_api,
                         spec.api_example.empty() ? spec.default_api : spec.api_example, problems);
  bool given = false;
  bool named = false;
  for (const auto& list : spec.lists) {
    given = given || table.contains(list.key);
    auto names = read_names(table, list.key, where, list.rule, problems);
    named = named || (names && !names->empty());
    out.names.push_back(std::move(names).value_or(std::vector<std::string>{}));
  }
  if (!given) {
    std::string needs;
    for (const auto& list : spec.lists) {
      needs += (needs.empty() ? "" : " or ") + std::string(list.key) + " = [...]";
    }
    problems.add(table, where + " needs " + needs);
  } else if (!named) {
    // An empty list is a typo or a leftover, never what a table is for.
    for (const auto& list : spec.lists) {
      const toml::node* node = table.get(list.key);
      if (const auto* array = node != nullptr ? node->as_array() : nullptr;
          array != nullptr && array->empty()) {
        problems.add(*node, where + " " + std::string(list.key) + " must name at least one");
      }
    }
  }
  if (problems.messages().size() != before) {
    return std::nullopt;
  }
  return out;
}

Result<std::vector<Observation>> daily_observations(std::string_view source,
                                                    std::string_view metric,
                                                    std::string_view entity,
                                                    const std::vector<DayCount>& days) {
  TRY_ASSIGN(const auto key, SeriesKey::make(source, metric, entity));
  std::vector<Observation> out;
  out.reserve(days.size());
  for (const auto& day : days) {
    out.push_back(Observation{.key = key,
                              .kind = Kind::daily,
                              .day = day.day,
                              .value = static_cast<std::int64_t>(day.count)});
  }
  return out;
}

SourceResult collect_packages(SourceContext& context, std::string_view registry,
                              const std::vector<PackageFetch>& fetches) {
  std::vector<Request> requests;
  requests.reserve(fetches.size());
  std::vector<std::string> entities;  // distinct, in order
  for (const auto& fetch : fetches) {
    requests.push_back(fetch.request);
    if (std::find(entities.begin(), entities.end(), fetch.entity) == entities.end()) {
      entities.push_back(fetch.entity);
    }
  }
  const std::vector<Fetched> fetched = context.http.fetch_all(requests);

  SourceResult result;
  result.entities = entities.size();
  std::set<std::string> failed;
  for (std::size_t i = 0; i < fetches.size(); ++i) {
    const PackageFetch& fetch = fetches[i];
    auto observations = fetched[i].ok() ? fetch.read(fetched[i].response.body)
                                        : Result<std::vector<Observation>>(fetch_problem(
                                              fetched[i], registry, fetch.request.url));
    if (!observations) {
      failed.insert(fetch.entity);
      result.problems.push_back(
          EntityProblem{fetch.entity, SourceState::failed, observations.error().message});
      continue;
    }
    std::move(observations->begin(), observations->end(), std::back_inserter(result.observations));
  }
  if (context.progress) {
    for (std::size_t done = 1; done <= entities.size(); ++done) {
      context.progress(done, entities.size());
    }
  }
  note_failures(result, failed.size(), entities.size(), "packages");
  return result;
}

SourceResult PackageSource::collect(SourceContext& context) {
  return collect_packages(context, m_spec.registry, fetches(context.now));
}

Result<Count> parse_count_at(std::string_view body, std::string_view url,
                             std::initializer_list<std::string_view> fields) {
  JsonReader reader(url);
  TRY_ASSIGN(simdjson::dom::element value, reader.parse(body));
  std::string path = "$";
  for (const auto field : fields) {
    TRY_ASSIGN(const auto object, reader.object_of(value, path));
    TRY_ASSIGN(value, reader.field(object, field, path));
    path += "." + std::string(field);
  }
  return reader.count_value(value, path);
}

namespace {

class CountSource final : public PackageSource {
public:
  CountSource(const CountSourceSpec& spec, PackageTable table)
      : PackageSource(spec.package, std::move(table)), m_count(spec) {}

private:
  std::vector<PackageFetch> fetches(Timestamp now) const override {
    std::vector<PackageFetch> out;
    out.reserve(names().size());
    for (const auto& name : names()) {
      std::string entity = m_count.entity ? m_count.entity(name) : name;
      std::string url = m_count.url(api(), entity);
      auto read = [this, entity, url,
                   now](std::string_view body) -> Result<std::vector<Observation>> {
        TRY_ASSIGN(const Count count, m_count.parse(body, url));
        TRY_ASSIGN(auto observation, observation_at(now, m_count.source, m_count.metric, entity,
                                                    Kind::cumulative, count));
        return std::vector<Observation>{std::move(observation)};
      };
      out.push_back(
          PackageFetch{std::move(entity), Request{.url = std::move(url)}, std::move(read)});
    }
    return out;
  }

  const CountSourceSpec& m_count;
};

}  // namespace

std::unique_ptr<Source> make_count_source(const CountSourceSpec& spec, const toml::table& table,
                                          ConfigProblems& problems) {
  auto read = read_package_table(table, spec.package, problems);
  if (!read) {
    return nullptr;
  }
  return std::make_unique<CountSource>(spec, std::move(*read));
}

}  // namespace odometer
