#include "sources/github_parse.hpp"

#include <simdjson.h>

#include "core/timestamp.hpp"
#include "util/json_reader.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

// An error when items holds more than limit entries.
Status check_at_most(const JsonReader& reader, simdjson::dom::array items, std::string_view path,
                     std::size_t limit, std::string_view what) {
  if (items.size() > limit) {
    return reader.fail(path, std::to_string(items.size()) + " " + std::string(what) +
                                 ", more than the " + std::to_string(limit) +
                                 " GitHub sends; nothing of it is stored");
  }
  return {};
}

Result<GithubRepository> read_repository(const JsonReader& reader, element value,
                                         const std::string& path) {
  TRY_ASSIGN(const auto fields, reader.object_of(value, path));
  GithubRepository repo;
  TRY_ASSIGN(const auto full_name, reader.string(fields, "full_name", path));
  const auto slash = full_name.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == full_name.size() ||
      full_name.find('/', slash + 1) != std::string_view::npos) {
    return reader.fail(path + ".full_name", "expected \"owner/name\"");
  }
  repo.full_name = std::string(full_name);
  TRY_ASSIGN(const auto name, reader.string(fields, "name", path));
  repo.name = std::string(name);
  for (auto [flag, member] : {std::pair{"fork", &GithubRepository::fork},
                              std::pair{"archived", &GithubRepository::archived},
                              std::pair{"private", &GithubRepository::is_private}}) {
    TRY_ASSIGN(repo.*member, reader.boolean(fields, flag, path));
  }
  TRY_ASSIGN(repo.stars, reader.count(fields, "stargazers_count", path));
  TRY_ASSIGN(repo.forks, reader.count(fields, "forks_count", path));
  return repo;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// True if the space-separated relation types of a rel value include
// `wanted` (lower case).
bool has_relation(std::string_view rel, std::string_view wanted) {
  std::size_t i = 0;
  while (i < rel.size()) {
    while (i < rel.size() && is_space(rel[i])) {
      ++i;
    }
    std::size_t end = i;
    while (end < rel.size() && !is_space(rel[end])) {
      ++end;
    }
    if (end > i && ascii_lowercase(rel.substr(i, end - i)) == wanted) {
      return true;
    }
    i = end;
  }
  return false;
}

}  // namespace

Result<std::vector<GithubRepository>> parse_repositories(std::string_view body,
                                                         std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto items, reader.array_of(root, "$"));
  TRY(check_at_most(reader, items, "$", k_github_page_size, "repositories"));
  std::vector<GithubRepository> out;
  std::size_t index = 0;
  for (const element item : items) {
    TRY_ASSIGN(auto repo, read_repository(reader, item, json_index_path("$", index++)));
    out.push_back(std::move(repo));
  }
  return out;
}

Result<GithubRepository> parse_repository(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  return read_repository(reader, root, "$");
}

Result<TrafficWindow> parse_traffic(std::string_view body, std::string_view url,
                                    std::string_view field) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TrafficWindow window;
  TRY_ASSIGN(window.count, reader.count(top, "count", "$"));
  TRY_ASSIGN(window.uniques, reader.count(top, "uniques", "$"));
  TRY_ASSIGN(const auto list, reader.field(top, field, "$"));
  const std::string list_path = "$." + std::string(field);
  TRY_ASSIGN(const auto items, reader.array_of(list, list_path));
  TRY(check_at_most(reader, items, list_path, k_github_traffic_days, "days"));
  std::size_t index = 0;
  for (const element item : items) {
    const std::string path = json_index_path(list_path, index++);
    TRY_ASSIGN(const auto entry, reader.object_of(item, path));
    TRY_ASSIGN(const auto text, reader.string(entry, "timestamp", path));
    auto when = Timestamp::parse(text);
    if (!when) {
      return reader.fail(path + ".timestamp", when.error().message);
    }
    TRY_ASSIGN(const Count count, reader.count(entry, "count", path));
    TRY_ASSIGN(const Count uniques, reader.count(entry, "uniques", path));
    // Two entries for one day would be max-merged into one silently: the
    // answer is wrong, as pypistats' repeated date is.
    for (const auto& seen : window.days) {
      if (seen.day == when->day()) {
        return reader.fail(path + ".timestamp", when->day().to_string() + " appears twice");
      }
    }
    window.days.push_back(TrafficDay{when->day(), count, uniques});
  }
  return window;
}

Result<std::vector<PopularEntry>> parse_popular(std::string_view body, std::string_view url,
                                                std::string_view field) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto items, reader.array_of(root, "$"));
  TRY(check_at_most(reader, items, "$", k_github_popular_entries, "entries"));
  std::vector<PopularEntry> out;
  std::size_t index = 0;
  for (const element item : items) {
    const std::string path = json_index_path("$", index++);
    TRY_ASSIGN(const auto entry, reader.object_of(item, path));
    TRY_ASSIGN(const auto name, reader.string(entry, field, path));
    TRY_ASSIGN(const Count count, reader.count(entry, "count", path));
    TRY_ASSIGN(const Count uniques, reader.count(entry, "uniques", path));
    out.push_back(PopularEntry{std::string(name), count, uniques});
  }
  return out;
}

Result<Count> parse_release_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto releases, reader.array_of(root, "$"));
  TRY(check_at_most(reader, releases, "$", k_github_page_size, "releases"));
  Count total = 0;
  std::size_t release_index = 0;
  for (const element item : releases) {
    const std::string path = json_index_path("$", release_index++);
    TRY_ASSIGN(const auto release, reader.object_of(item, path));
    TRY_ASSIGN(const auto assets_field, reader.field(release, "assets", path));
    TRY_ASSIGN(const auto assets, reader.array_of(assets_field, path + ".assets"));
    std::size_t asset_index = 0;
    for (const element asset_item : assets) {
      const std::string asset_path = json_index_path(path + ".assets", asset_index++);
      TRY_ASSIGN(const auto asset, reader.object_of(asset_item, asset_path));
      TRY_ASSIGN(const Count downloads, reader.count(asset, "download_count", asset_path));
      total = saturating_add(total, downloads);
    }
  }
  if (auto ok = check_count(total); !ok) {
    return reader.fail("$", "the sum of assets[].download_count: " + ok.error().message);
  }
  return total;
}

Status note_page_read(std::set<std::string>& read, const std::string& url, std::string_view first) {
  if (!read.insert(url).second) {
    return make_error(url + ": the link header leads back to a page already read");
  }
  if (read.size() > k_github_max_pages) {
    return make_error(std::string(first) + ": more than " + std::to_string(k_github_max_pages) +
                      " pages");
  }
  return {};
}

std::optional<std::string> parse_link_next(std::string_view header) {
  return parse_link(header, "next");
}

std::optional<std::string> parse_link(std::string_view header, std::string_view relation) {
  const std::size_t size = header.size();
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < size && is_space(header[i])) {
      ++i;
    }
  };
  while (i < size) {
    while (i < size && (is_space(header[i]) || header[i] == ',')) {
      ++i;
    }
    if (i == size) {
      break;
    }
    if (header[i] != '<') {
      return std::nullopt;
    }
    const std::size_t close = header.find('>', i);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view target = header.substr(i + 1, close - i - 1);
    i = close + 1;
    bool next = false;
    // The parameters: ; name [= token | quoted-string], up to the next link.
    while (true) {
      skip_space();
      if (i == size || header[i] == ',') {
        break;
      }
      if (header[i] != ';') {
        return std::nullopt;
      }
      ++i;
      skip_space();
      const std::size_t name_start = i;
      while (i < size && header[i] != '=' && header[i] != ';' && header[i] != ',' &&
             !is_space(header[i])) {
        ++i;
      }
      const std::string_view name = header.substr(name_start, i - name_start);
      skip_space();
      std::string value;
      if (i < size && header[i] == '=') {
        ++i;
        skip_space();
        if (i < size && header[i] == '"') {
          ++i;
          while (i < size && header[i] != '"') {
            if (header[i] == '\\' && i + 1 < size) {
              ++i;
            }
            value += header[i++];
          }
          if (i == size) {
            return std::nullopt;  // an unterminated quote
          }
          ++i;
        } else {
          while (i < size && header[i] != ';' && header[i] != ',' && !is_space(header[i])) {
            value += header[i++];
          }
        }
      }
      if (ascii_lowercase(name) == "rel" && has_relation(value, relation)) {
        next = true;
      }
    }
    if (next) {
      if (target.empty()) {
        return std::nullopt;
      }
      return std::string(target);
    }
  }
  return std::nullopt;
}

Result<GithubRateLimit> parse_rate_limit(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto resources_field, reader.field(top, "resources", "$"));
  TRY_ASSIGN(const auto resources, reader.object_of(resources_field, "$.resources"));
  TRY_ASSIGN(const auto core_field, reader.field(resources, "core", "$.resources"));
  TRY_ASSIGN(const auto core, reader.object_of(core_field, "$.resources.core"));
  GithubRateLimit out;
  TRY_ASSIGN(out.limit, reader.count(core, "limit", "$.resources.core"));
  TRY_ASSIGN(out.remaining, reader.count(core, "remaining", "$.resources.core"));
  TRY_ASSIGN(out.reset, reader.count(core, "reset", "$.resources.core"));
  if (out.remaining > out.limit) {
    return reader.fail("$.resources.core.remaining", "is above the limit");
  }
  return out;
}

}  // namespace odometer
