#include "collect/config.hpp"

#include <algorithm>
#include <set>

#include "store/store.hpp"
#include "util/atomic_file.hpp"
#include "util/redact.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_ledger_table = "ledger";
constexpr std::string_view k_http_table = "http";
constexpr std::string_view k_counter_table = "counter";
constexpr std::string_view k_outputs_table = "outputs";

// The default output folder: beside the config file.
constexpr const char* k_default_output_dir = "odometer-out";

// The default ledger: beside the config file.
constexpr const char* k_default_ledger_name = "odometer-ledger.json";
// With [ledger] store, what the collector's own files beside the config
// (ETag cache, last-run note) are named after.
constexpr const char* k_store_files_name = "odometer-store";

void read_ledger(const toml::table& root, Config& config, ConfigProblems& problems) {
  config.ledger = config.file.parent_path() / k_default_ledger_name;
  const toml::node* node = root.get(k_ledger_table);
  if (node == nullptr) {
    return;
  }
  const auto* table = node->as_table();
  if (table == nullptr) {
    problems.add(*node, "[ledger] must be a table");
    return;
  }
  static constexpr std::array<std::string_view, 3> k_keys{"path", "store", "max_new_series"};
  check_keys(*table, "[ledger]", k_keys, problems);
  if (auto cap = read_integer(*table, "max_new_series", "[ledger]", problems)) {
    if (*cap < 1 || *cap > k_max_new_series_limit) {
      problems.add(*table->get("max_new_series"), "[ledger] max_new_series must be from 1 to " +
                                                      std::to_string(k_max_new_series_limit));
    } else {
      config.max_new_series = static_cast<std::size_t>(*cap);
    }
  }
  if (auto path = read_path(*table, "path", "[ledger]", problems)) {
    config.ledger = std::move(*path);
  }
  if (auto store = read_string(*table, "store", "[ledger]", problems)) {
    const toml::node& at = *table->get("store");
    if (table->contains("path")) {
      problems.add(at,
                   "[ledger] takes a path (a ledger file) or a store (a database URL), not both");
    } else if (ledger_file_path(*store)) {
      // The value is not echoed: it may hold a password.
      problems.add(at,
                   "[ledger] store takes a database URL such as postgres://user@host/db; a "
                   "ledger file goes in [ledger] path");
    } else {
      config.store = std::move(*store);
      config.ledger = config.file.parent_path() / k_store_files_name;
    }
  }
}

void read_http(const toml::table& root, Config& config, ConfigProblems& problems) {
  const toml::node* node = root.get(k_http_table);
  if (node == nullptr) {
    return;
  }
  const auto* table = node->as_table();
  if (table == nullptr) {
    problems.add(*node, "[http] must be a table");
    return;
  }
  static constexpr std::array<std::string_view, 4> k_keys{"budget_seconds", "max_attempts",
                                                          "in_flight_per_host", "hosts"};
  check_keys(*table, "[http]", k_keys, problems);
  const auto positive = [&](std::string_view key, std::int64_t max) -> std::optional<std::int64_t> {
    auto value = read_integer(*table, key, "[http]", problems);
    if (value && (*value < 1 || *value > max)) {
      problems.add(*table->get(key),
                   "[http] " + std::string(key) + " must be from 1 to " + std::to_string(max));
      return std::nullopt;
    }
    return value;
  };
  if (auto budget = positive("budget_seconds", 86400)) {
    config.http.budget = std::chrono::seconds(*budget);
  }
  if (auto attempts = positive("max_attempts", 20)) {
    config.http.max_attempts = static_cast<int>(*attempts);
  }
  if (auto in_flight = positive("in_flight_per_host", 256)) {
    config.http.in_flight_per_host = static_cast<std::size_t>(*in_flight);
  }
  if (const toml::node* hosts_node = table->get("hosts")) {
    const auto* hosts = hosts_node->as_table();
    if (hosts == nullptr) {
      problems.add(*hosts_node, "[http] hosts must be a table of host = requests in flight");
      return;
    }
    for (const auto& [host, limit] : *hosts) {
      const auto* value = limit.as_integer();
      if (value == nullptr || value->get() < 1 || value->get() > 256) {
        problems.add(limit, "[http.hosts] \"" + std::string(host.str()) +
                                "\" must be an integer from 1 to 256");
      } else {
        config.http.hosts[std::string(host.str())] = static_cast<std::size_t>(value->get());
      }
    }
  }
}

// A badge color key: a string checked_badge_color accepts, else a problem
// with a "did you mean" for a misspelled color name.
std::optional<std::string> read_badge_color(const toml::table& table, std::string_view key,
                                            std::string_view where, ConfigProblems& problems) {
  auto text = read_string(table, key, where, problems);
  if (!text) {
    return std::nullopt;
  }
  auto color = checked_badge_color(*text);
  if (!color) {
    std::string message =
        std::string(where) + " " + std::string(key) + ": " + color.error().message;
    if (const auto suggestion = closest_match(*text, badge_color_names())) {
      message += "; did you mean \"" + std::string(*suggestion) + "\"?";
    }
    problems.add(*table.get(key), message);
    return std::nullopt;
  }
  return std::move(*color);
}

// One [[counter]] table; nullopt (with the problems recorded) if it is bad.
// Its badge colors, if it sets any, go into colors.
std::optional<CounterSpec> read_counter(const toml::node& node, std::set<std::string>& names,
                                        BadgeColorScheme& colors, ConfigProblems& problems) {
  const auto* table = node.as_table();
  if (table == nullptr) {
    problems.add(node, "[[counter]] must be a table of name, label, sum");
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 5> k_keys{"name", "label", "sum", "color",
                                                          "label_color"};
  check_keys(*table, "[[counter]]", k_keys, problems);
  CounterSpec spec;
  bool good = true;
  if (auto name = read_string(*table, "name", "[[counter]]", problems)) {
    if (!is_valid_counter_name(*name)) {
      problems.add(*table->get("name"),
                   "[[counter]] name \"" + *name + "\" must be lowercase letters, digits and '-'");
      good = false;
    } else if (!names.insert(*name).second) {
      problems.add(*table->get("name"), "[[counter]] name \"" + *name + "\" is used twice");
      good = false;
    }
    spec.name = *name;
  } else {
    if (table->get("name") == nullptr) {
      problems.add(*table, "[[counter]] needs a name");
    }
    good = false;
  }
  spec.label = read_string(*table, "label", "[[counter]]", problems).value_or(spec.name);
  if (auto sum = read_strings(*table, "sum", "[[counter]]", problems)) {
    if (sum->empty()) {
      problems.add(*table->get("sum"), "[[counter]] sum is empty: give series key patterns");
      good = false;
    }
    for (const auto& pattern : *sum) {
      if (pattern.empty()) {
        problems.add(*table->get("sum"), "[[counter]] sum has an empty pattern");
        good = false;
      }
    }
    spec.sum = std::move(*sum);
  } else {
    if (table->get("sum") == nullptr) {
      problems.add(*table, "[[counter]] needs sum = [\"SOURCE:METRIC:*\", ...]");
    }
    good = false;
  }
  BadgeColorChoice choice{read_badge_color(*table, "color", "[[counter]]", problems),
                          read_badge_color(*table, "label_color", "[[counter]]", problems)};
  if (!good) {
    return std::nullopt;
  }
  if (choice != BadgeColorChoice{}) {
    colors.counters[spec.name] = std::move(choice);
  }
  return spec;
}

void read_counters(const toml::table& root, Config& config, ConfigProblems& problems) {
  const toml::node* node = root.get(k_counter_table);
  if (node == nullptr) {
    config.counters = default_counters();
    return;
  }
  const auto* array = node->as_array();
  if (array == nullptr) {
    problems.add(*node, "counter must be an array of tables: write [[counter]]");
    return;
  }
  std::set<std::string> names;
  for (const auto& element : *array) {
    if (auto spec = read_counter(element, names, config.outputs.badge_colors, problems)) {
      config.counters.push_back(std::move(*spec));
    }
  }
}

// After read_counters: the summary format is checked against the counters.
void read_outputs(const toml::table& root, Config& config, ConfigProblems& problems,
                  bool check_summary_format) {
  OutputSettings& outputs = config.outputs;
  outputs.dir = config.file.parent_path() / k_default_output_dir;
  // The header's defaults name the GitHub owner; [github] itself is checked
  // by its own reader, so a wrong type here only means no default.
  const auto github = root["github"];
  if (const auto owner = github["org"].value_or(github["user"].value_or(std::string()));
      !owner.empty()) {
    outputs.title = owner + " adoption";
    if (!github["api"]) {
      outputs.link = "https://github.com/" + owner;
    }
  }
  const toml::node* node = root.get(k_outputs_table);
  const toml::table* table = node == nullptr ? nullptr : node->as_table();
  if (node != nullptr && table == nullptr) {
    problems.add(*node, "[outputs] must be a table");
  }
  const toml::node* format_node = nullptr;
  if (table != nullptr) {
    static constexpr std::array<std::string_view, 14> k_keys{
        "dir",         "summary",           "counters",   "badges",      "csv",
        "dashboard",   "summary_format",    "seed_cache", "seed_public", "repo_owner",
        "badge_color", "badge_label_color", "title",      "link"};
    check_keys(*table, "[outputs]", k_keys, problems);
    if (auto dir = read_path(*table, "dir", "[outputs]", problems)) {
      outputs.dir = *dir;
    }
    for (const auto& [key, member] :
         {std::pair{"summary", &OutputSettings::summary},
          std::pair{"counters", &OutputSettings::counters},
          std::pair{"badges", &OutputSettings::badges}, std::pair{"csv", &OutputSettings::csv},
          std::pair{"dashboard", &OutputSettings::dashboard}}) {
      if (auto value = read_bool(*table, key, "[outputs]", problems)) {
        outputs.*member = *value;
      }
    }
    if (auto format = read_string(*table, "summary_format", "[outputs]", problems)) {
      outputs.summary_format = *format;
      format_node = table->get("summary_format");
    }
    outputs.seed_cache = read_path(*table, "seed_cache", "[outputs]", problems);
    outputs.seed_public = read_path(*table, "seed_public", "[outputs]", problems);
    outputs.repo_owner = read_string(*table, "repo_owner", "[outputs]", problems);
    if (outputs.repo_owner && outputs.repo_owner->empty()) {
      problems.add(*table->get("repo_owner"), "[outputs] repo_owner is empty");
      outputs.repo_owner.reset();
    }
    if (auto title = read_string(*table, "title", "[outputs]", problems)) {
      if (title->empty()) {
        problems.add(*table->get("title"), "[outputs] title is empty");
      } else {
        outputs.title = *title;
      }
    }
    if (auto link = read_string(*table, "link", "[outputs]", problems)) {
      if (!link->starts_with("https://") && !link->starts_with("http://") && !link->empty()) {
        problems.add(*table->get("link"),
                     "[outputs] link must start with https:// or http:// (or be \"\" for none)");
      } else {
        outputs.link = *link;
      }
    }
    outputs.badge_colors.defaults.color =
        read_badge_color(*table, "badge_color", "[outputs]", problems);
    outputs.badge_colors.defaults.label_color =
        read_badge_color(*table, "badge_label_color", "[outputs]", problems);
  }
  // Only a summary that is written must name real counters; the default
  // format names the default counters, so custom counters need their own
  // format or summary = false.
  if (!outputs.summary || !check_summary_format) {
    return;
  }
  for (const auto& problem : summary_format_problems(outputs.summary_format, config.counters)) {
    const std::string message = "[outputs] summary_format" +
                                std::string(format_node == nullptr ? " (the default)" : "") + ": " +
                                problem;
    if (format_node != nullptr) {
      problems.add(*format_node, message);
    } else if (const toml::node* counters = root.get(k_counter_table)) {
      problems.add(*counters, message + "; set [outputs] summary_format for these counters");
    } else {
      problems.add(message);
    }
  }
}

}  // namespace

Result<Config> parse_config(std::string_view text, const std::filesystem::path& file,
                            const GetEnv& getenv) {
  Config config;
  config.file = file;
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    return make_error(file.string() + ":" + std::to_string(error.source().begin.line) + ": " +
                      std::string(error.description()));
  }
  ConfigProblems problems(file.string());
  std::vector<std::string_view> known{k_ledger_table, k_http_table, k_counter_table,
                                      k_outputs_table};
  for (const auto& factory : source_registry()) {
    known.push_back(factory.table);
  }
  check_keys(root, "the config", known, problems);
  read_ledger(root, config, problems);
  read_http(root, config, problems);
  const std::size_t before_counters = problems.messages().size();
  read_counters(root, config, problems);
  // A bad [[counter]] is reported already; checking the summary format
  // against the counters that are left would only add misleading problems.
  read_outputs(root, config, problems, problems.messages().size() == before_counters);
  for (const auto& factory : source_registry()) {
    const toml::node* node = root.get(factory.table);
    if (node == nullptr) {
      continue;
    }
    const auto* table = node->as_table();
    if (table == nullptr) {
      problems.add(*node, "[" + std::string(factory.table) + "] must be a table");
      continue;
    }
    if (auto source = factory.make(*table, getenv, problems)) {
      // Known from here on to every sink (util/redact.hpp).
      if (auto secret = source->secret()) {
        remember_secret(secret->token);
      }
      config.sources.push_back(std::move(source));
    }
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.messages().size()) + " problem(s) in the config:";
    for (const auto& line : problems.messages()) {
      message += "\n  " + line;
    }
    return make_error(message);
  }
  return config;
}

std::string ledger_location(const Config& config) {
  return config.store ? *config.store : config.ledger.string();
}

Result<Config> load_config(const std::filesystem::path& file, const GetEnv& getenv) {
  auto text = read_file_if_exists(file);
  if (!text) {
    return text.error();
  }
  if (!text->has_value()) {
    return make_error(file.string() +
                      ": no such config file (write one as the README shows, or pass "
                      "--config FILE)");
  }
  return parse_config(**text, file, getenv);
}

}  // namespace odometer
