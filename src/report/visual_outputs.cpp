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

RenderedFile render_dashboard_file(const Ledger& ledger, const std::vector<CounterSpec>& specs,
                                   const std::vector<CounterValue>& values,
                                   const std::optional<DashboardRun>& last_run) {
  DashboardInput input;
  input.ledger = &ledger;
  input.collected_at = ledger.updated_at() ? ledger.updated_at()->to_string() : "never";
  for (std::size_t i = 0; i < specs.size() && i < values.size(); ++i) {
    DashboardCounter counter{values[i].name, values[i].label, values[i].value, {}};
    for (const auto& point : counter_history(ledger, specs[i])) {
      counter.history.push_back(DayCount{point.day, point.value});
    }
    input.counters.push_back(std::move(counter));
  }
  input.last_run = last_run;
  return RenderedFile{"dashboard.html", render_dashboard(input)};
}

}  // namespace odometer
