#pragma once

// What the registry sources that read one URL per package share: a config
// list of package names, checked one by one with its line, and a run that
// sends every request in one fetch_all and turns each answer into
// observations or a problem for that package alone.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/source.hpp"

namespace odometer {

// True if name is not empty, not "." or "..", and every character is an
// ASCII letter, a digit or one of extra.
bool is_plain_name(std::string_view name, std::string_view extra);

// "publisher.extension" (VS Code) or "namespace.extension" (Open VSX): one
// '.', with letters, digits, '-' and '_' on both sides.
bool is_dotted_extension_name(std::string_view name);

// The list of names under key (a string or an array of strings). A name
// that is_valid rejects is a problem on its own line ("[homebrew] formulae
// entry \"a b\" is not a Homebrew formula name"), with what naming the kind
// of name. Repeated names are kept once. Absent key: an empty list.
std::vector<std::string> read_name_list(const toml::table& table, std::string_view key,
                                        std::string_view where, std::string_view what,
                                        const std::function<bool(std::string_view)>& is_valid,
                                        ConfigProblems& problems);

// SOURCE:METRIC:ENTITY = value on the day of now (a gauge is read at now).
// Errors if the key is not valid.
Result<Observation> observation_at(Timestamp now, std::string_view source, std::string_view metric,
                                   std::string_view entity, Kind kind, Count value);

// One request for one package, and how its 2xx body becomes observations.
struct PackageFetch {
  std::string entity;  // what a problem names: "wget", "conda-forge/numpy"
  Request request;
  // Parses the whole body first: an error stores nothing of it.
  std::function<Result<std::vector<Observation>>(std::string_view body)> read;
};

// Sends every fetch in one fetch_all (so they run concurrently) and
// collects what they give. A 404 is "not found on REGISTRY (URL)", never a
// zero; a failed request or an unreadable body is a failed EntityProblem of
// its package, and other packages are unaffected. entities counts distinct
// entities; progress is reported once each is done. Never throws.
SourceResult collect_packages(SourceContext& context, std::string_view registry,
                              const std::vector<PackageFetch>& fetches);

}  // namespace odometer
