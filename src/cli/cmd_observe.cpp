#include <fmt/core.h>

#include <charconv>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "store/store.hpp"

namespace odometer::cli {

namespace {

struct ObserveOptions {
  std::string ledger = k_default_ledger;
  std::string kind;
  std::string day;
  std::string at;
  std::string key;
  std::string value;
  bool floor = false;
  bool non_additive = false;
};

Result<std::int64_t> parse_value(const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error == std::errc::result_out_of_range) {
    return make_error("value " + text + " is far above the limit of 10^15");
  }
  if (error != std::errc() || ptr != end || text.empty()) {
    return make_error("value \"" + text + "\" is not a whole number");
  }
  return value;
}

Result<Observation> build_observation(const ObserveOptions& options, Timestamp now) {
  auto key = SeriesKey::parse(options.key);
  if (!key) {
    return key.error();
  }
  auto kind = parse_kind(options.kind);
  if (!kind) {
    return kind.error();
  }
  auto value = parse_value(options.value);
  if (!value) {
    return make_error(options.key + ": " + value.error().message);
  }
  Timestamp at = now;
  if (!options.at.empty()) {
    auto parsed = Timestamp::parse(options.at);
    if (!parsed) {
      return make_error("--at: " + parsed.error().message);
    }
    at = *parsed;
  }
  Day day = at.day();
  if (!options.day.empty()) {
    auto parsed = Day::parse(options.day);
    if (!parsed) {
      return make_error("--day: " + parsed.error().message);
    }
    day = *parsed;
  }
  if ((options.floor || options.non_additive) && *kind != Kind::daily) {
    return make_error(std::string(options.floor ? "--floor" : "--non-additive") +
                      " applies only to --kind daily");
  }
  return Observation{
      *key,   *kind,         day,
      *value, options.floor, options.non_additive ? Additivity::non_additive : Additivity::additive,
      at};
}

Result<int> run_observe(const ObserveOptions& options) {
  auto observation = build_observation(options, Timestamp::now());
  if (!observation) {
    return observation.error();
  }
  Ledger change;
  if (auto ok = change.observe(*observation); !ok) {
    return ok.error();
  }
  change.touch(*observation->at);
  auto store = open_store(options.ledger);
  if (!store) {
    return store.error();
  }
  auto merged = (*store)->commit(change);
  if (!merged) {
    return merged.error();
  }
  const Series* series = merged->find(observation->key);
  const auto value = series->value();
  fmt::print("{}: {} is now {}\n", (*store)->describe(), observation->key.str(),
             value ? std::to_string(*value) : "recorded (non-additive, no total)");
  return k_exit_ok;
}

}  // namespace

void add_observe_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<ObserveOptions>();
  auto* command = app.add_subcommand(
      "observe", "Fold one observation into the ledger (for scripts, hand-kept counts and tests)");
  command->add_option("--ledger", options->ledger, "The ledger file or store URL")
      ->capture_default_str();
  command->add_option("--kind", options->kind, "daily, cumulative or gauge")
      ->required()
      ->check(CLI::IsMember({"daily", "cumulative", "gauge"}));
  command->add_flag("--floor", options->floor,
                    "daily only: record a floor (DAY, VALUE), 'at least VALUE up to DAY'");
  command->add_flag("--non-additive", options->non_additive,
                    "daily only: the days may not be summed (unique visitors)");
  command->add_option("--day", options->day, "The UTC day, YYYY-MM-DD (default: the day of --at)");
  command->add_option("--at", options->at, "When it was read, YYYY-MM-DDTHH:MM:SSZ (default: now)");
  command->add_option("KEY", options->key, "<source>:<metric>:<entity>")->required();
  command->add_option("VALUE", options->value, "A whole number from 0 to 10^15")->required();
  command->callback([options, &chosen] { chosen = [options] { return run_observe(*options); }; });
}

}  // namespace odometer::cli
