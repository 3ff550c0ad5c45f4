#include "collect/last_run.hpp"

#include <simdjson.h>

#include "collect/collect.hpp"
#include "util/atomic_file.hpp"
#include "util/json_text.hpp"
#include "util/redact.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_format = "odometer-last-run";

void append_field(std::string& out, std::string_view name, std::string_view value, bool last) {
  out += "      ";
  append_json_string(out, name);
  out += ": ";
  // The note is committed and rendered: a secret a server echoed into a
  // reason stops here at the latest.
  append_json_string(out, hide_secrets(std::string(value)));
  out += last ? "\n" : ",\n";
}

}  // namespace

std::filesystem::path last_run_path(const std::filesystem::path& ledger) {
  return ledger.string() + ".last-run.json";
}

LastRun last_run_of(const CollectReport& report, Timestamp finished_at) {
  LastRun run{finished_at, report.exit_code, {}, {}};
  for (const auto& outcome : report.sources) {
    run.sources.push_back(outcome.name);
    const auto& result = outcome.result;
    // A source's own summary ("1 of 4 repositories failed") adds nothing
    // to the entities' problems; it is kept when the source failed whole.
    if (result.state != SourceState::ok && result.problems.empty()) {
      run.problems.push_back(LastRunProblem{outcome.name, "", result.state, result.reason});
    }
    for (const auto& problem : result.problems) {
      run.problems.push_back(
          LastRunProblem{outcome.name, problem.entity, problem.state, problem.reason});
    }
  }
  return run;
}

Status write_last_run(const std::filesystem::path& path, const LastRun& run) {
  std::string out = "{\n  \"format\": ";
  append_json_string(out, k_format);
  out += ",\n  \"finished_at\": ";
  append_json_string(out, run.finished_at.to_string());
  out += ",\n  \"exit_code\": " + std::to_string(run.exit_code) + ",\n  \"sources\": [";
  for (std::size_t i = 0; i < run.sources.size(); ++i) {
    out += i == 0 ? "" : ", ";
    append_json_string(out, run.sources[i]);
  }
  out += "],\n  \"problems\": [";
  for (std::size_t i = 0; i < run.problems.size(); ++i) {
    const auto& problem = run.problems[i];
    out += i == 0 ? "\n    {\n" : ",\n    {\n";
    append_field(out, "source", problem.source, false);
    append_field(out, "entity", problem.entity, false);
    append_field(out, "state", to_string(problem.state), false);
    append_field(out, "reason", problem.reason, true);
    out += "    }";
  }
  out += run.problems.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return write_file_atomically(path, out);
}

Result<std::optional<LastRun>> read_last_run(const std::filesystem::path& path) {
  auto text = read_file_if_exists(path);
  if (!text) {
    return text.error();
  }
  if (!*text) {
    return std::optional<LastRun>{};
  }
  const auto fail = [&](std::string_view what) {
    return make_error(path.string() + ": " + std::string(what));
  };
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(**text).get(root) != simdjson::SUCCESS) {
    return fail("not a JSON object (delete it; the next collect writes it again)");
  }
  std::string_view format;
  if (root["format"].get(format) != simdjson::SUCCESS || format != k_format) {
    return fail("\"format\" is not \"odometer-last-run\"");
  }
  LastRun run;
  std::string_view finished;
  if (root["finished_at"].get(finished) != simdjson::SUCCESS) {
    return fail("\"finished_at\" is missing or not a string");
  }
  auto when = Timestamp::parse(finished);
  if (!when) {
    return fail("\"finished_at\": " + when.error().message);
  }
  run.finished_at = *when;
  std::int64_t exit_code = 0;
  if (root["exit_code"].get(exit_code) != simdjson::SUCCESS || exit_code < 0 || exit_code > 255) {
    return fail("\"exit_code\" is missing or not an exit code");
  }
  run.exit_code = static_cast<int>(exit_code);
  simdjson::dom::array sources;
  if (root["sources"].get(sources) != simdjson::SUCCESS) {
    return fail("\"sources\" is missing or not an array");
  }
  for (const auto source : sources) {
    std::string_view name;
    if (source.get(name) != simdjson::SUCCESS) {
      return fail("\"sources\" holds something other than a string");
    }
    run.sources.emplace_back(name);
  }
  simdjson::dom::array problems;
  if (root["problems"].get(problems) != simdjson::SUCCESS) {
    return fail("\"problems\" is missing or not an array");
  }
  std::size_t index = 0;
  for (const auto item : problems) {
    LastRunProblem problem;
    std::string state;
    for (auto [name, member] :
         {std::pair{"source", &problem.source}, std::pair{"entity", &problem.entity},
          std::pair{"state", &state}, std::pair{"reason", &problem.reason}}) {
      std::string_view value;
      if (item[name].get(value) != simdjson::SUCCESS) {
        return fail("problems[" + std::to_string(index) + "]." + name +
                    " is missing or not a string");
      }
      *member = std::string(value);
    }
    const auto parsed = source_state_from(state);
    if (parsed != SourceState::skipped && parsed != SourceState::failed) {
      return fail("problems[" + std::to_string(index) + "].state is not \"skipped\" or \"failed\"");
    }
    problem.state = *parsed;
    run.problems.push_back(std::move(problem));
    ++index;
  }
  return std::optional<LastRun>(std::move(run));
}

}  // namespace odometer
