#include "sources/package_source.hpp"

#include <algorithm>
#include <set>

namespace odometer {

namespace {

// The node of the index-th item of a list key, for its line number; the
// key's own node when it is a single string.
const toml::node& item_node(const toml::table& table, std::string_view key, std::size_t index) {
  const toml::node* node = table.get(key);
  if (const auto* list = node->as_array(); list != nullptr && index < list->size()) {
    return *list->get(index);
  }
  return *node;
}

}  // namespace

bool is_plain_name(std::string_view name, std::string_view extra) {
  if (name.empty() || name == "." || name == "..") {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [extra](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

bool is_dotted_extension_name(std::string_view name) {
  const auto dot = name.find('.');
  return dot != std::string_view::npos && is_plain_name(name.substr(0, dot), "-_") &&
         is_plain_name(name.substr(dot + 1), "-_");
}

std::vector<std::string> read_name_list(const toml::table& table, std::string_view key,
                                        std::string_view where, std::string_view what,
                                        const std::function<bool(std::string_view)>& is_valid,
                                        ConfigProblems& problems) {
  std::vector<std::string> out;
  const auto names = read_strings(table, key, where, problems);
  if (!names) {
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& name = (*names)[i];
    if (!is_valid(name)) {
      problems.add(item_node(table, key, i), std::string(where) + " " + std::string(key) +
                                                 " entry \"" + name + "\" is not " +
                                                 std::string(what));
      continue;
    }
    if (seen.insert(name).second) {
      out.push_back(name);
    }
  }
  return out;
}

Result<Observation> observation_at(Timestamp now, std::string_view source, std::string_view metric,
                                   std::string_view entity, Kind kind, Count value) {
  auto key = SeriesKey::make(source, metric, entity);
  if (!key) {
    return key.error();
  }
  Observation observation{.key = std::move(*key),
                          .kind = kind,
                          .day = now.day(),
                          .value = static_cast<std::int64_t>(value)};
  if (kind == Kind::gauge) {
    observation.at = now;
  }
  return observation;
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
    const std::string& url = fetch.request.url;
    auto observations = fetched[i].ok() ? fetch.read(fetched[i].response.body)
                                        : Result<std::vector<Observation>>(
                                              make_error(fetch_problem(fetched[i], registry, url)));
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
  if (!failed.empty()) {
    result.state = SourceState::failed;
    result.reason = std::to_string(failed.size()) + " of " + std::to_string(entities.size()) +
                    " packages failed";
  }
  return result;
}

}  // namespace odometer
