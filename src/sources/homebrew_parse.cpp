#include "sources/homebrew_parse.hpp"

#include <array>
#include <string>

#include "util/json_reader.hpp"

namespace odometer {

Result<HomebrewInstalls> parse_homebrew_installs(std::string_view body, std::string_view url,
                                                 std::string_view name, HomebrewKind kind) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  const std::string_view name_field = kind == HomebrewKind::formula ? "name" : "token";
  TRY_ASSIGN(const auto named, reader.string(top, name_field, "$"));
  if (named != name) {
    return reader.fail("$." + std::string(name_field),
                       "the response is not for \"" + std::string(name) + "\"");
  }
  TRY_ASSIGN(const auto analytics_field, reader.field(top, "analytics", "$"));
  TRY_ASSIGN(const auto analytics, reader.object_of(analytics_field, "$.analytics"));
  TRY_ASSIGN(const auto install_field, reader.field(analytics, "install", "$.analytics"));
  TRY_ASSIGN(const auto install, reader.object_of(install_field, "$.analytics.install"));
  HomebrewInstalls out;
  const std::array<std::pair<std::string_view, Count*>, 3> windows{
      {{"30d", &out.days30}, {"90d", &out.days90}, {"365d", &out.days365}}};
  for (const auto& [window, target] : windows) {
    TRY_ASSIGN(const auto window_field, reader.field(install, window, "$.analytics.install"));
    const std::string path = "$.analytics.install." + std::string(window);
    TRY_ASSIGN(const auto entries, reader.object_of(window_field, path));
    // A window without the name had no such installs.
    if (!reader.has_field(entries, name)) {
      *target = 0;
      continue;
    }
    TRY_ASSIGN(*target, reader.count(entries, name, path));
  }
  return out;
}

}  // namespace odometer
