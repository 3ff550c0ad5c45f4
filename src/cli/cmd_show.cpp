#include <fmt/core.h>
#include <fnmatch.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/config_option.hpp"
#include "core/counters.hpp"
#include "core/shown.hpp"
#include "store/store.hpp"
#include "util/json_text.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace odometer::cli {

namespace {

struct ShowOptions {
  std::optional<std::string> config;
  std::optional<std::string> ledger;
  std::string series_glob;
  bool json = false;
};

struct Row {
  const SeriesKey* key;
  const Series* series;
};

std::size_t display_width(std::string_view text) {
  // Count UTF-8 code points, not bytes, so non-ASCII entities stay aligned.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string day_or(const std::optional<Day>& day, std::string_view missing) {
  return day ? day->to_string() : std::string(missing);
}

void print_counters(const std::vector<CounterValue>& counters) {
  std::size_t name_width = 7;
  std::size_t label_width = 5;
  std::size_t value_width = 5;
  for (const auto& counter : counters) {
    name_width = std::max(name_width, display_width(counter.name));
    label_width = std::max(label_width, display_width(counter.label));
    value_width = std::max(value_width, with_thousands_separators(counter.value).size());
  }
  const auto pad = [](std::string_view text, std::size_t width) {
    return std::string(text) + std::string(width - std::min(width, display_width(text)), ' ');
  };
  fmt::print("{}  {}  {:>{}}  {}\n", pad("COUNTER", name_width), pad("LABEL", label_width), "VALUE",
             value_width, "LAST DAY");
  for (const auto& counter : counters) {
    fmt::print("{}  {}  {:>{}}  {}\n", pad(counter.name, name_width),
               pad(without_bidi_controls(counter.label), label_width),
               with_thousands_separators(counter.value), value_width,
               day_or(counter.last_day, "-"));
  }
  fmt::print("\n");
}

void print_table(const std::vector<Row>& rows) {
  std::size_t key_width = 3;
  std::size_t value_width = 5;
  std::vector<std::string> values;
  for (const auto& row : rows) {
    key_width = std::max(key_width, display_width(row.key->str()));
    const auto value = row.series->value();
    values.push_back(value ? with_thousands_separators(*value) : "-");
    value_width = std::max(value_width, values.back().size());
  }
  const auto pad = [](std::string_view text, std::size_t width) {
    return std::string(text) + std::string(width - std::min(width, display_width(text)), ' ');
  };
  fmt::print("{}  {:<10}  {:>{}}  {:<10}  {}\n", pad("KEY", key_width), "KIND", "VALUE",
             value_width, "FIRST DAY", "LAST DAY");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    // Keys hold names chosen by strangers (referrers, paths): a bidi
    // override would reorder the rest of the line on the terminal.
    fmt::print("{}  {:<10}  {:>{}}  {:<10}  {}\n",
               pad(without_bidi_controls(row.key->str()), key_width), to_string(row.series->kind()),
               values[i], value_width, day_or(row.series->first_day(), "-"),
               day_or(row.series->last_day(), "-"));
  }
}

void print_json(const std::vector<CounterValue>& counters, const std::vector<Row>& rows) {
  std::string out = "{\n  \"counters\": [";
  for (std::size_t i = 0; i < counters.size(); ++i) {
    const auto& counter = counters[i];
    out.append(i == 0 ? "\n    {\"name\": " : ",\n    {\"name\": ");
    append_json_string(out, counter.name);
    out.append(", \"label\": ");
    append_json_string(out, counter.label);
    out.append(", \"value\": ").append(std::to_string(counter.value));
    out.append(", \"last_day\": ")
        .append(counter.last_day ? "\"" + counter.last_day->to_string() + "\"" : "null");
    out.append("}");
  }
  out.append(counters.empty() ? "],\n  \"series\": [" : "\n  ],\n  \"series\": [");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    out.append(i == 0 ? "\n    {\"key\": " : ",\n    {\"key\": ");
    append_json_string(out, row.key->str());
    out.append(", \"kind\": \"").append(to_string(row.series->kind())).append("\", \"value\": ");
    const auto value = row.series->value();
    out.append(value ? std::to_string(*value) : "null");
    const auto first = row.series->first_day();
    const auto last = row.series->last_day();
    out.append(", \"first_day\": ").append(first ? "\"" + first->to_string() + "\"" : "null");
    out.append(", \"last_day\": ").append(last ? "\"" + last->to_string() + "\"" : "null");
    out.append("}");
  }
  out.append(rows.empty() ? "]\n}\n" : "\n  ]\n}\n");
  fmt::print("{}", out);
}

Result<int> run_show(const ShowOptions& options) {
  auto config = load_optional_config(options.config);
  if (!config) {
    return config.error();
  }
  if (auto problem = glob_problem(options.series_glob)) {
    return make_error("--series \"" + shown_value(options.series_glob) + "\": " + *problem);
  }
  const LedgerChoice choice = choose_ledger(options.ledger, *config);
  auto ledger = read_ledger(choice.location);
  if (!ledger) {
    return ledger.error();
  }
  const auto counters = evaluate_all(*ledger, *config ? (*config)->counters : default_counters());
  std::vector<Row> rows;
  for (const auto& [key, series] : ledger->series()) {
    if (options.series_glob.empty() ||
        ::fnmatch(options.series_glob.c_str(), key.str().c_str(), 0) == 0) {
      rows.push_back(Row{&key, &series});
    }
  }
  if (options.json) {
    print_json(counters, rows);
    return k_exit_ok;
  }
  print_counters(counters);
  if (rows.empty()) {
    fmt::print(stderr, "{}: no series{}\n", redact_url(choice.location),
               options.series_glob.empty() ? "" : " match " + options.series_glob);
  } else {
    print_table(rows);
  }
  return k_exit_ok;
}

}  // namespace

void add_show_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<ShowOptions>();
  auto* command = app.add_subcommand(
      "show",
      "Print the counters (name, label, value), then every series: key, kind, value (total or "
      "current), first and last day");
  command->add_option("--config", options->config,
                      "The config whose [[counter]]s to show (default: odometer.toml if it "
                      "exists, else the default counters)");
  command->add_option("--ledger", options->ledger,
                      "The ledger file or store URL (default: the config's, else "
                      "odometer-ledger.json)");
  command->add_option("--series", options->series_glob,
                      "Only the series whose key matches this glob (e.g. 'github:clones:*')");
  command->add_flag("--json", options->json,
                    "Print JSON: {\"counters\": [{name, label, value, last_day}], \"series\": "
                    "[{key, kind, value, first_day, last_day}]}");
  command->callback([options, &chosen] { chosen = [options] { return run_show(*options); }; });
}

}  // namespace odometer::cli
