// Commit and load of a large ledger through each store, in one run: a
// ledger file in a temporary folder, and a fresh database on the PostgreSQL
// server of ODOMETER_TEST_POSTGRES (run it inside scripts/with-postgres.sh,
// or point the variable at a server of your own). The stored ledger is
// SERIES x 365 days (bench/ledger_generator.hpp); each round commits one
// new day of every series, the daily collection of an org that size, and
// then loads the whole ledger. Prints the median and range of ROUNDS rounds
// of each step, in wall time and in CPU time of this process (the server's
// CPU is in the wall time only).
//   scripts/with-postgres.sh build-rel/bench/bench_store [SERIES=10000] [ROUNDS=5]

#include <libpq-fe.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bench/ledger_generator.hpp"
#include "store/store.hpp"

namespace {

using namespace odometer;

struct Sample {
  double wall_ms = 0;
  double cpu_ms = 0;
};

double cpu_ms_now() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// Runs step once and returns its times; exits on an error.
template <typename Step>
Sample timed(const char* what, Step step) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu = cpu_ms_now();
  if (auto ok = step(); !ok) {
    (void)std::fprintf(stderr, "bench_store: %s: %s\n", what, ok.error().message.c_str());
    std::exit(1);
  }
  const double wall =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Sample{wall, cpu_ms_now() - cpu};
}

// One new day of every series of the generated ledger.
Ledger next_day(std::int64_t series_count, std::int32_t round) {
  const Day day = *Day::parse("2025-05-01") + 365 + round;
  Ledger change;
  for (std::int64_t s = 0; s < series_count; ++s) {
    const Kind kind = s % 10 == 8 ? Kind::cumulative : (s % 10 == 9 ? Kind::gauge : Kind::daily);
    Observation observation{*SeriesKey::parse("bench:downloads:package-" + std::to_string(s)), kind,
                            day, 6000 + round};
    observation.at = Timestamp::start_of(day);
    (void)change.observe(observation);
  }
  change.touch(Timestamp::start_of(day));
  return change;
}

bool run_sql(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  bool ok = PQstatus(connection) == CONNECTION_OK;
  if (ok) {
    PGresult* result = PQexec(connection, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    if (!ok) {
      (void)std::fprintf(stderr, "bench_store: %s: %s", sql.c_str(), PQresultErrorMessage(result));
    }
    PQclear(result);
  } else {
    (void)std::fprintf(stderr, "bench_store: %s", PQerrorMessage(connection));
  }
  PQfinish(connection);
  return ok;
}

// The server's URL (ODOMETER_TEST_POSTGRES) with another database name.
std::string with_database(const std::string& url, const std::string& name) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    (void)std::fprintf(stderr, "bench_store: ODOMETER_TEST_POSTGRES: %s\n", error ? error : "");
    std::exit(1);
  }
  std::string out = "postgresql:///" + name;
  char separator = '?';
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr || std::string(option->keyword) == "dbname") {
      continue;
    }
    std::string value;
    for (const char c : std::string(option->val)) {
      char hex[4];
      (void)std::snprintf(hex, sizeof(hex), "%%%02X", static_cast<unsigned char>(c));
      value += std::isalnum(static_cast<unsigned char>(c)) != 0 ? std::string(1, c) : hex;
    }
    out += separator + std::string(option->keyword) + "=" + value;
    separator = '&';
  }
  PQconninfoFree(options);
  return out;
}

void print(const char* store, const char* step, const std::vector<Sample>& samples) {
  const auto median = [](std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
  };
  std::vector<double> wall;
  std::vector<double> cpu;
  for (const auto& sample : samples) {
    wall.push_back(sample.wall_ms);
    cpu.push_back(sample.cpu_ms);
  }
  std::printf("%-10s  %-34s  %9.0f ms (%6.0f-%6.0f)  %9.0f ms\n", store, step, median(wall),
              *std::min_element(wall.begin(), wall.end()),
              *std::max_element(wall.begin(), wall.end()), median(cpu));
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t series = argc > 1 ? std::atoll(argv[1]) : 10000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  const char* server = std::getenv("ODOMETER_TEST_POSTGRES");
  if (server == nullptr || *server == '\0') {
    (void)std::fputs(
        "bench_store: ODOMETER_TEST_POSTGRES is not set: run it inside "
        "scripts/with-postgres.sh\n",
        stderr);
    return 2;
  }
  const std::string database = "odometer_bench_" + std::to_string(::getpid());
  if (!run_sql(server, "CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0")) {
    return 1;
  }
  const auto folder = std::filesystem::temp_directory_path() /
                      ("odometer-bench-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::map<std::string, std::string> locations{{"file", (folder / "ledger.json").string()},
                                                     {"postgres", with_database(server, database)}};

  const Ledger stored = bench::make_ledger(series, 1);
  std::printf("%lld series x 365 days; %d rounds of one new day of every series\n\n",
              static_cast<long long>(series), rounds);
  std::printf("%-10s  %-34s  %9s %17s  %9s\n", "store", "step", "wall", "(range)", "CPU");
  std::map<std::string, std::unique_ptr<Store>> stores;
  for (const auto& [name, location] : locations) {
    stores[name] = open_store(location).value();
    Store& store = *stores[name];
    print(name.c_str(), "first commit (the whole ledger)",
          {timed("first commit", [&] { return store.commit_without_readback(stored); })});
  }
  std::map<std::string, std::vector<Sample>> commits;
  std::map<std::string, std::vector<Sample>> loads;
  for (int round = 0; round < rounds; ++round) {
    const Ledger change = next_day(series, round);
    for (const auto& [name, store] : stores) {
      Store& one = *store;
      commits[name].push_back(
          timed("commit", [&one, &change] { return one.commit_without_readback(change); }));
      loads[name].push_back(timed("load", [&one] { return one.load(); }));
    }
  }
  const Ledger last = next_day(series, rounds);
  for (const auto& [name, store] : stores) {
    print(name.c_str(), "commit of one new day", commits[name]);
    Store& one = *store;
    print(name.c_str(), "commit of one new day + readback",
          {timed("commit", [&one, &last] { return one.commit(last); })});
    print(name.c_str(), "load", loads[name]);
  }
  stores.clear();
  std::filesystem::remove_all(folder);
  (void)run_sql(server, "DROP DATABASE " + database + " WITH (FORCE)");
  return 0;
}
