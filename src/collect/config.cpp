#include "collect/config.hpp"

#include <algorithm>

#include "util/atomic_file.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_ledger_table = "ledger";
constexpr std::string_view k_http_table = "http";

// The default ledger: beside the config file.
constexpr const char* k_default_ledger_name = "odometer-ledger.json";

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
  static constexpr std::array<std::string_view, 1> k_keys{"path"};
  check_keys(*table, "[ledger]", k_keys, problems);
  if (auto path = read_string(*table, "path", "[ledger]", problems)) {
    if (path->empty()) {
      problems.add(*table->get("path"), "[ledger] path is empty");
    } else {
      config.ledger = config.file.parent_path() / *path;
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
  std::vector<std::string_view> known{k_ledger_table, k_http_table};
  for (const auto& factory : source_registry()) {
    known.push_back(factory.table);
  }
  check_keys(root, "the config", known, problems);
  read_ledger(root, config, problems);
  read_http(root, config, problems);
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
