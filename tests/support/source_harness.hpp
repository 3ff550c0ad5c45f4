#pragma once

// What the tests of the registry sources share: the API samples, hostile
// variants of them, a fake registry (a table of method + URL -> response,
// anything else a 404) and a run of a source through a real HttpClient
// over a FakeTransport. Header-only: each test binary takes what it uses.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/source.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"

namespace odometer::testing {

inline constexpr std::string_view k_harness_now = "2026-05-02T12:00:00Z";

// A sample of tests/fixtures/api-samples without its final newline, so that
// every strict prefix of it is invalid JSON.
inline std::string api_sample(const std::string& name) {
  std::string text = read_file(std::filesystem::path(ODOMETER_FIXTURES) / "api-samples" / name);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

// text with the first occurrence of from replaced by to; fails the test if
// from is not there, so a fixture change cannot make a variant vacuous.
inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "\"" << from << "\" not in the body";
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Asserts result is an error starting with "URL: " and containing part.
template <typename T>
void expect_parse_error(const Result<T>& result, std::string_view url, std::string_view part) {
  ASSERT_FALSE(result.ok()) << "expected an error containing \"" << part << "\"";
  const std::string& message = result.error().message;
  EXPECT_EQ(message.rfind(std::string(url) + ": ", 0), 0U) << message;
  EXPECT_NE(message.find(part), std::string::npos) << message;
}

struct HostileBody {
  std::string body;
  std::string part;  // what the error must say (the JSON path and the problem)
};

// The bodies every parser must refuse, whatever it reads: empty, blank,
// HTML pages sent with status 200, and trailing garbage after the sample.
inline std::vector<HostileBody> common_hostile_bodies(const std::string& sample) {
  return {
      {"", "empty body"},
      {" \n ", "empty body"},
      {"<!DOCTYPE html><html><body>Service unavailable</body></html>",
       "expected JSON, got an HTML page"},
      {"\n<html>502 Bad Gateway</html>", "expected JSON, got an HTML page"},
      {sample + "garbage", "invalid JSON"},
      {"[]", "$: expected an object, got an array"},
      {"null", "$: expected an object, got null"},
  };
}

// "KEY KIND DAY VALUE [at TIMESTAMP]", for comparing observations.
inline std::string describe_observation(const Observation& observation) {
  std::string out = observation.key.str() + " " + std::string(to_string(observation.kind)) + " " +
                    observation.day.to_string() + " " + std::to_string(observation.value);
  if (observation.additivity == Additivity::non_additive) {
    out += " non-additive";
  }
  if (observation.floor) {
    out += " floor";
  }
  if (observation.at) {
    out += " at " + observation.at->to_string();
  }
  return out;
}

inline std::vector<std::string> sorted_lines(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// A registry as a table of "METHOD URL" -> response; anything else is a 404.
// A route may also be for one token only: a request carrying
// `Authorization: Bearer TOKEN` takes that route first.
class FakeRegistry {
public:
  void json(const std::string& url, std::string body, const std::string& method = "GET") {
    m_routes[method + " " + url] = make_response(200, std::move(body));
  }
  void on(const std::string& url, Response response, const std::string& method = "GET") {
    m_routes[method + " " + url] = std::move(response);
  }
  void on_token(const std::string& token, const std::string& url, Response response) {
    m_routes["GET " + url + " Bearer " + token] = std::move(response);
  }
  Response answer(const Request& request) const {
    const std::string route = request.method + " " + request.url;
    for (const auto& header : request.headers) {
      if (header.name == "Authorization") {
        if (const auto it = m_routes.find(route + " " + header.value); it != m_routes.end()) {
          return it->second;
        }
      }
    }
    const auto it = m_routes.find(route);
    if (it == m_routes.end()) {
      return make_response(404, R"({"error":"not found"})");
    }
    return it->second;
  }

private:
  std::map<std::string, Response> m_routes;
};

using SourceMaker = MakeSource*;

// The factory source_registry() holds for table; fails the test if none.
inline SourceMaker source_maker(std::string_view table) {
  for (const auto& factory : source_registry()) {
    if (factory.table == table) {
      return factory.make;
    }
  }
  ADD_FAILURE() << "no source registered for [" << table << "]";
  return nullptr;
}

inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

// The problems of config's [table], made by its registered factory; the
// source is null exactly when there are problems.
inline std::vector<std::string> config_problems(std::string_view table, std::string_view config) {
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const auto source = source_maker(table)(*root[table].as_table(), GetEnv(), problems);
  EXPECT_EQ(source == nullptr, !problems.empty());
  return sorted_lines(problems.messages());
}

struct SourceRun {
  SourceResult result;
  std::vector<Request> requests;
  std::vector<std::pair<std::size_t, std::size_t>> progress;

  std::vector<std::string> observations() const {
    std::vector<std::string> out;
    for (const auto& observation : result.observations) {
      out.push_back(describe_observation(observation));
    }
    return sorted_lines(std::move(out));
  }
  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const auto& request : requests) {
      out.push_back(request.method + " " + request.url);
    }
    return out;
  }
};

// Makes the source of config's [table] (which must have no problems) and
// runs it against registry at k_harness_now, with the environment getenv
// and the client given the source's token as collect gives it; every
// observation must be accepted by a ledger as it is.
inline SourceRun run_source(std::string_view table, std::string_view config,
                            const FakeRegistry& registry, const GetEnv& getenv = {}) {
  SourceRun run;
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const auto source = source_maker(table)(*root[table].as_table(), getenv, problems);
  EXPECT_TRUE(problems.empty()) << join_lines(problems.messages());
  if (!source) {
    ADD_FAILURE() << "no source";
    return run;
  }
  EXPECT_EQ(source->name(), table);
  FakeTransport fake([&registry](const Request& request) { return registry.answer(request); });
  ClientOptions options;
  options.jitter_seed = 7;
  if (const auto secret = source->secret()) {
    options.token = secret->token;
    options.token_host = secret->host;
  }
  HttpClient http(fake, options);
  const Ledger stored;
  SourceContext context{
      http, *Timestamp::parse(k_harness_now), stored,
      [&run](std::size_t done, std::size_t total) { run.progress.emplace_back(done, total); }};
  run.result = source->collect(context);
  run.requests = fake.requests();
  Ledger ledger;
  for (const auto& observation : run.result.observations) {
    const Status ok = ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return run;
}

// The one count the source of config's [table] (one package, answered by
// body at url) reads, or the reason of the problem it reports instead: a
// count registry's parser tested as the source runs it.
inline Result<Count> read_count(std::string_view table, std::string_view config,
                                const std::string& url, std::string body) {
  FakeRegistry registry;
  registry.json(url, std::move(body));
  const SourceRun run = run_source(table, config, registry);
  if (!run.result.problems.empty()) {
    return make_error(run.result.problems.front().reason);
  }
  if (run.result.observations.size() != 1) {
    ADD_FAILURE() << "expected one observation, got " << run.result.observations.size();
    return make_error("no observation");
  }
  return static_cast<Count>(run.result.observations.front().value);
}

}  // namespace odometer::testing
