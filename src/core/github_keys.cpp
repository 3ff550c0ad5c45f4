#include "core/github_keys.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace odometer {

bool is_github_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

Status check_github_repository(std::string_view repo) {
  const auto slash = repo.find('/');
  if (slash == std::string_view::npos || !is_github_name(repo.substr(0, slash)) ||
      !is_github_name(repo.substr(slash + 1))) {
    return make_error("repository \"" + std::string(repo) +
                          "\" is not OWNER/REPO (two GitHub names: letters, digits, '.', '-', "
                          "'_', joined by one '/')",
                      ErrorCode::invalid);
  }
  return {};
}

Result<SeriesKey> github_key(std::string_view metric, std::string_view repo) {
  return SeriesKey::make("github", metric, repo);
}

GithubPopularMetrics github_popular_metrics(GithubPopular which) {
  if (which == GithubPopular::path) {
    return {"path", "path-uniques"};
  }
  return {"referrer", "referrer-uniques"};
}

Result<GithubPopularKeys> github_popular_keys(GithubPopular which, std::string_view repo,
                                              std::string_view name) {
  const bool rooted = which == GithubPopular::path && name.starts_with('/');
  std::string entity(repo);
  entity += rooted ? "" : "/";
  entity += name;
  const auto metrics = github_popular_metrics(which);
  TRY_ASSIGN(auto views, SeriesKey::make("github", metrics.views, entity));
  TRY_ASSIGN(auto uniques, SeriesKey::make("github", metrics.uniques, entity));
  return GithubPopularKeys{std::move(views), std::move(uniques)};
}

Result<std::array<Observation, 2>> github_popular_readings(GithubPopular which,
                                                           std::string_view repo,
                                                           std::string_view name, Count views,
                                                           Count uniques, Timestamp at) {
  TRY_ASSIGN(auto keys, github_popular_keys(which, repo, name));
  const auto reading = [&](SeriesKey key, Count value) {
    return Observation{.key = std::move(key),
                       .kind = Kind::gauge,
                       .day = at.day(),
                       .value = static_cast<std::int64_t>(value),
                       .at = at};
  };
  return std::array{reading(std::move(keys.views), views),
                    reading(std::move(keys.uniques), uniques)};
}

}  // namespace odometer
