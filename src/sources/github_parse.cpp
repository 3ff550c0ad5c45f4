#include "sources/github_parse.hpp"

#include <simdjson.h>

#include <charconv>

#include "core/timestamp.hpp"

namespace odometer {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

std::string describe(element value) {
  switch (value.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
      return "the number " + std::to_string(value.get_int64().value_unsafe());
    case element_type::UINT64:
      return "the number " + std::to_string(value.get_uint64().value_unsafe());
    case element_type::DOUBLE: {
      char text[32];
      const auto written = std::to_chars(
          text, text + sizeof text, value.get_double().value_unsafe(), std::chars_format::general);
      return "the number " + std::string(text, written.ptr);
    }
    case element_type::STRING:
      // Not quoted: the text is the server's and may hold anything.
      return "a string";
    case element_type::BOOL:
      return "true or false";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "something else";
}

// Reads one response body; every error starts with the URL and names the
// JSON path. Holds the parser, so the elements it returns live as long as it.
class Reader {
public:
  explicit Reader(std::string_view url) : m_url(url) {}

  Error fail(std::string_view path, std::string_view problem) const {
    return make_error(std::string(m_url) + ": " + std::string(path) + ": " + std::string(problem));
  }

  Result<element> parse(std::string_view body) {
    const auto start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
      return make_error(std::string(m_url) + ": empty body, expected JSON");
    }
    if (body[start] == '<') {
      // A proxy's or a login page's HTML with status 200.
      return make_error(std::string(m_url) + ": expected JSON, got an HTML page");
    }
    element root;
    const auto error = m_parser.parse(body.data(), body.size()).get(root);
    if (error != simdjson::SUCCESS) {
      return make_error(std::string(m_url) + ": invalid JSON (" + simdjson::error_message(error) +
                        ")");
    }
    return root;
  }

  Result<array> array_of(element value, std::string_view path) const {
    array out;
    if (value.get(out) != simdjson::SUCCESS) {
      return fail(path, "expected an array, got " + describe(value));
    }
    return out;
  }

  Result<object> object_of(element value, std::string_view path) const {
    object out;
    if (value.get(out) != simdjson::SUCCESS) {
      return fail(path, "expected an object, got " + describe(value));
    }
    return out;
  }

  Result<element> field(object parent, std::string_view name, std::string_view path) const {
    element out;
    if (parent.at_key(name).get(out) != simdjson::SUCCESS) {
      return fail(path, "missing field \"" + std::string(name) + "\"");
    }
    return out;
  }

  Result<Count> count(object parent, std::string_view name, std::string_view path) const {
    auto value = field(parent, name, path);
    if (!value) {
      return value.error();
    }
    const std::string where = std::string(path) + "." + std::string(name);
    switch (value->type()) {
      case element_type::INT64: {
        auto checked = checked_count(value->get_int64().value_unsafe());
        if (!checked) {
          return fail(where, checked.error().message);
        }
        return checked;
      }
      case element_type::UINT64:
        // Only numbers above INT64_MAX are typed unsigned: far above 10^15.
        return fail(where, "count " + std::to_string(value->get_uint64().value_unsafe()) +
                               " is above the limit of 10^15");
      default:
        return fail(where, "expected a whole number, got " + describe(*value));
    }
  }

  Result<std::string_view> string(object parent, std::string_view name,
                                  std::string_view path) const {
    auto value = field(parent, name, path);
    if (!value) {
      return value.error();
    }
    std::string_view out;
    if (value->get(out) != simdjson::SUCCESS) {
      return fail(std::string(path) + "." + std::string(name),
                  "expected a string, got " + describe(*value));
    }
    return out;
  }

  Result<bool> boolean(object parent, std::string_view name, std::string_view path) const {
    auto value = field(parent, name, path);
    if (!value) {
      return value.error();
    }
    bool out = false;
    if (value->get(out) != simdjson::SUCCESS) {
      return fail(std::string(path) + "." + std::string(name),
                  "expected true or false, got " + describe(*value));
    }
    return out;
  }

private:
  std::string_view m_url;
  simdjson::dom::parser m_parser;
};

std::string at_index(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

Result<GithubRepository> read_repository(const Reader& reader, element value,
                                         const std::string& path) {
  auto fields = reader.object_of(value, path);
  if (!fields) {
    return fields.error();
  }
  GithubRepository repo;
  auto full_name = reader.string(*fields, "full_name", path);
  if (!full_name) {
    return full_name.error();
  }
  const auto slash = full_name->find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == full_name->size() ||
      full_name->find('/', slash + 1) != std::string_view::npos) {
    return reader.fail(path + ".full_name", "expected \"owner/name\"");
  }
  repo.full_name = std::string(*full_name);
  auto name = reader.string(*fields, "name", path);
  if (!name) {
    return name.error();
  }
  repo.name = std::string(*name);
  for (auto [flag, member] : {std::pair{"fork", &GithubRepository::fork},
                              std::pair{"archived", &GithubRepository::archived},
                              std::pair{"private", &GithubRepository::is_private}}) {
    auto read = reader.boolean(*fields, flag, path);
    if (!read) {
      return read.error();
    }
    repo.*member = *read;
  }
  auto stars = reader.count(*fields, "stargazers_count", path);
  if (!stars) {
    return stars.error();
  }
  repo.stars = *stars;
  auto forks = reader.count(*fields, "forks_count", path);
  if (!forks) {
    return forks.error();
  }
  repo.forks = *forks;
  return repo;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// True if the space-separated relation types of a rel value include "next".
bool has_next(std::string_view rel) {
  std::size_t i = 0;
  while (i < rel.size()) {
    while (i < rel.size() && is_space(rel[i])) {
      ++i;
    }
    std::size_t end = i;
    while (end < rel.size() && !is_space(rel[end])) {
      ++end;
    }
    if (end > i && equals_ignoring_case(rel.substr(i, end - i), "next")) {
      return true;
    }
    i = end;
  }
  return false;
}

}  // namespace

Result<std::vector<GithubRepository>> parse_repositories(std::string_view body,
                                                         std::string_view url) {
  Reader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto items = reader.array_of(*root, "$");
  if (!items) {
    return items.error();
  }
  std::vector<GithubRepository> out;
  std::size_t index = 0;
  for (const element item : *items) {
    auto repo = read_repository(reader, item, at_index("$", index++));
    if (!repo) {
      return repo.error();
    }
    out.push_back(std::move(*repo));
  }
  return out;
}

Result<GithubRepository> parse_repository(std::string_view body, std::string_view url) {
  Reader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  return read_repository(reader, *root, "$");
}

Result<TrafficWindow> parse_traffic(std::string_view body, std::string_view url,
                                    std::string_view field) {
  Reader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  TrafficWindow window;
  auto count = reader.count(*top, "count", "$");
  if (!count) {
    return count.error();
  }
  window.count = *count;
  auto uniques = reader.count(*top, "uniques", "$");
  if (!uniques) {
    return uniques.error();
  }
  window.uniques = *uniques;
  auto list = reader.field(*top, field, "$");
  if (!list) {
    return list.error();
  }
  const std::string list_path = "$." + std::string(field);
  auto items = reader.array_of(*list, list_path);
  if (!items) {
    return items.error();
  }
  std::size_t index = 0;
  for (const element item : *items) {
    const std::string path = at_index(list_path, index++);
    auto entry = reader.object_of(item, path);
    if (!entry) {
      return entry.error();
    }
    auto text = reader.string(*entry, "timestamp", path);
    if (!text) {
      return text.error();
    }
    auto when = Timestamp::parse(*text);
    if (!when) {
      return reader.fail(path + ".timestamp", when.error().message);
    }
    auto day_count = reader.count(*entry, "count", path);
    if (!day_count) {
      return day_count.error();
    }
    auto day_uniques = reader.count(*entry, "uniques", path);
    if (!day_uniques) {
      return day_uniques.error();
    }
    window.days.push_back(TrafficDay{when->day(), *day_count, *day_uniques});
  }
  return window;
}

Result<std::vector<PopularEntry>> parse_popular(std::string_view body, std::string_view url,
                                                std::string_view field) {
  Reader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto items = reader.array_of(*root, "$");
  if (!items) {
    return items.error();
  }
  std::vector<PopularEntry> out;
  std::size_t index = 0;
  for (const element item : *items) {
    const std::string path = at_index("$", index++);
    auto entry = reader.object_of(item, path);
    if (!entry) {
      return entry.error();
    }
    auto name = reader.string(*entry, field, path);
    if (!name) {
      return name.error();
    }
    auto count = reader.count(*entry, "count", path);
    if (!count) {
      return count.error();
    }
    auto uniques = reader.count(*entry, "uniques", path);
    if (!uniques) {
      return uniques.error();
    }
    out.push_back(PopularEntry{std::string(*name), *count, *uniques});
  }
  return out;
}

Result<Count> parse_release_downloads(std::string_view body, std::string_view url) {
  Reader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto releases = reader.array_of(*root, "$");
  if (!releases) {
    return releases.error();
  }
  Count total = 0;
  std::size_t release_index = 0;
  for (const element item : *releases) {
    const std::string path = at_index("$", release_index++);
    auto release = reader.object_of(item, path);
    if (!release) {
      return release.error();
    }
    auto assets_field = reader.field(*release, "assets", path);
    if (!assets_field) {
      return assets_field.error();
    }
    auto assets = reader.array_of(*assets_field, path + ".assets");
    if (!assets) {
      return assets.error();
    }
    std::size_t asset_index = 0;
    for (const element asset_item : *assets) {
      const std::string asset_path = at_index(path + ".assets", asset_index++);
      auto asset = reader.object_of(asset_item, asset_path);
      if (!asset) {
        return asset.error();
      }
      auto downloads = reader.count(*asset, "download_count", asset_path);
      if (!downloads) {
        return downloads.error();
      }
      total = saturating_add(total, *downloads);
    }
  }
  if (auto ok = check_count(total); !ok) {
    return reader.fail("$", "the sum of assets[].download_count: " + ok.error().message);
  }
  return total;
}

std::optional<std::string> parse_link_next(std::string_view header) {
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
      if (equals_ignoring_case(name, "rel") && has_next(value)) {
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

}  // namespace odometer
