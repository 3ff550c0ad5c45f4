#include "report/visual_outputs.hpp"

#include "report/badge.hpp"
#include "report/dashboard.hpp"

namespace odometer {

Result<std::vector<RenderedFile>> render_badges(const std::vector<CounterValue>& values,
                                                const BadgeColorScheme& colors) {
  std::vector<RenderedFile> files;
  for (const auto& value : values) {
    const std::filesystem::path stem = std::filesystem::path("badges") / value.name;
    const BadgeColors badge_colors = colors.colors_of(value.name);
    auto json = badge_json(value.label, value.value, badge_colors);
    if (!json) {
      return make_error("badge of counter " + value.name + ": " + json.error().message);
    }
    auto svg = badge_svg(value.label, compact_number(value.value), badge_colors);
    if (!svg) {
      return make_error("badge of counter " + value.name + ": " + svg.error().message);
    }
    files.push_back(RenderedFile{stem.string() + ".json", std::move(*json)});
    files.push_back(RenderedFile{stem.string() + ".svg", std::move(*svg)});
  }
  return files;
}

RenderedFile render_dashboard_file(const Ledger& ledger, const std::vector<CounterSpec>& counters,
                                   const DashboardHeader& header,
                                   const std::optional<DashboardRun>& last_run) {
  return RenderedFile{"dashboard.html", render_dashboard(ledger, counters, header, last_run)};
}

}  // namespace odometer
