// The [docker] source: all-time pulls of Docker Hub repositories,
// docker:pulls:NAMESPACE/REPO (docs/series-keys.md).
//
// Docker Hub gives one all-time figure per repository, `pull_count` of
// `GET {api}/v2/repositories/{namespace}/{repo}/` (every tag), so the series
// is cumulative. Official images live under the namespace `library`:
// "nginx" in the config means library/nginx, and the key always carries the
// namespace, so "nginx" and "library/nginx" are one series (and listing
// both is a config problem, not two series of the same pulls).

#include "sources/package_source.hpp"

namespace odometer {

namespace {

// Docker Hub's names: lowercase letters, digits and . _ - after the first.
bool valid_segment(std::string_view segment) {
  if (segment.empty() || segment.size() > 255) {
    return false;
  }
  for (std::size_t i = 0; i < segment.size(); ++i) {
    const char c = segment[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
      return false;
    }
  }
  return true;
}

bool valid_repository(std::string_view name) {
  const auto slash = name.find('/');
  if (slash == std::string_view::npos) {
    return valid_segment(name);
  }
  return valid_segment(name.substr(0, slash)) && valid_segment(name.substr(slash + 1));
}

std::string docker_entity(std::string_view name) {
  if (name.find('/') == std::string_view::npos) {
    return "library/" + std::string(name);
  }
  return std::string(name);
}

std::string docker_url(std::string_view api, std::string_view entity) {
  return std::string(api) + "/v2/repositories/" + encode_path_segments(entity) + "/";
}

Result<Count> parse_docker_pulls(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"pull_count"});
}

constexpr NameList k_lists[] = {
    {"repositories",
     {.what = "a Docker Hub repository (\"namespace/repo\", or \"repo\" for an official image)",
      .valid = valid_repository,
      .canonical = docker_entity}}};

constexpr CountSourceSpec k_docker{
    .package = {.table = "docker",
                .registry = "Docker Hub",
                .lists = k_lists,
                .default_api = "https://hub.docker.com"},
    .source = "docker",
    .metric = "pulls",
    .entity = docker_entity,
    .url = docker_url,
    .parse = parse_docker_pulls,
};

}  // namespace

std::unique_ptr<Source> make_docker_source(const toml::table& table, const GetEnv& /*getenv*/,
                                           ConfigProblems& problems) {
  return make_count_source(k_docker, table, problems);
}

}  // namespace odometer
