#include "sources/homebrew_parse.hpp"

#include <array>
#include <string>

#include "util/json_reader.hpp"

namespace odometer {

Result<HomebrewInstalls> parse_homebrew_installs(std::string_view body, std::string_view url,
                                                 std::string_view name, HomebrewKind kind) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  const std::string_view name_field = kind == HomebrewKind::formula ? "name" : "token";
  auto named = reader.string(*top, name_field, "$");
  if (!named) {
    return named.error();
  }
  if (*named != name) {
    return reader.fail("$." + std::string(name_field),
                       "the response is not for \"" + std::string(name) + "\"");
  }
  auto analytics_field = reader.field(*top, "analytics", "$");
  if (!analytics_field) {
    return analytics_field.error();
  }
  auto analytics = reader.object_of(*analytics_field, "$.analytics");
  if (!analytics) {
    return analytics.error();
  }
  auto install_field = reader.field(*analytics, "install", "$.analytics");
  if (!install_field) {
    return install_field.error();
  }
  auto install = reader.object_of(*install_field, "$.analytics.install");
  if (!install) {
    return install.error();
  }
  HomebrewInstalls out;
  const std::array<std::pair<std::string_view, Count*>, 3> windows{
      {{"30d", &out.days30}, {"90d", &out.days90}, {"365d", &out.days365}}};
  for (const auto& [window, target] : windows) {
    auto window_field = reader.field(*install, window, "$.analytics.install");
    if (!window_field) {
      return window_field.error();
    }
    const std::string path = "$.analytics.install." + std::string(window);
    auto entries = reader.object_of(*window_field, path);
    if (!entries) {
      return entries.error();
    }
    if (!reader.has_field(*entries, name)) {
      *target = 0;
      continue;
    }
    auto count = reader.count(*entries, name, path);
    if (!count) {
      return count.error();
    }
    *target = *count;
  }
  return out;
}

}  // namespace odometer
