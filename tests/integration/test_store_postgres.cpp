// The PostgreSQL store against a real server (tests/support/postgres.hpp):
// the merge laws through the database, hostile keys, a load that is one
// snapshot, the schema's version, and errors that are clear and change
// nothing. Each test has a database of its own.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "store/ledger_json.hpp"
#include "store/postgres_store.hpp"
#include "store/store.hpp"
#include "support/postgres.hpp"
#include "support/random_ledgers.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::describe;
using testing::Generator;
using testing::TempDir;
using testing::TestDatabase;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The message of a result that should have failed ("(succeeded)" if not).
template <typename T>
std::string error_of(const Result<T>& result) {
  return result ? "(succeeded)" : result.error().message;
}

std::unique_ptr<Store> store_at(const std::string& url) {
  auto store = open_store(url);
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

Ledger merged(Ledger a, const Ledger& b) {
  const auto status = a.merge(b);
  EXPECT_TRUE(status.ok()) << status.error().message;
  return a;
}

Observation daily(const std::string& key, const std::string& day, std::int64_t value) {
  return Observation{*SeriesKey::parse(key), Kind::daily, *Day::parse(day), value};
}

Ledger of(const std::vector<Observation>& observations) {
  Ledger ledger;
  for (const auto& observation : observations) {
    const auto ok = ledger.observe(observation);
    EXPECT_TRUE(ok) << ok.error().message;
  }
  return ledger;
}

// Empties the database's ledger between iterations of a property.
void clear(const TestDatabase& database) {
  ASSERT_TRUE(
      database.exec("DELETE FROM odometer_days; DELETE FROM odometer_floors; "
                    "DELETE FROM odometer_gauge_readings; DELETE FROM odometer_series; "
                    "UPDATE odometer_ledger SET updated_at = NULL"));
}

// Every stored number, as one text, to show that a failed commit changed nothing.
std::string fingerprint(const TestDatabase& database) {
  return database
      .query(
          "SELECT (SELECT count(*) FROM odometer_series) || ' series, ' || "
          "(SELECT count(*) || '/' || coalesce(sum(value), 0) FROM odometer_days) || ' days, ' || "
          "(SELECT count(*) FROM odometer_floors) || ' floors, ' || "
          "(SELECT count(*) FROM odometer_gauge_readings) || ' readings, updated ' || "
          "coalesce((SELECT updated_at::text FROM odometer_ledger), 'never') || ', version ' || "
          "(SELECT version FROM odometer_version)")
      .value_or("?");
}

// A port of 127.0.0.1 that nothing listens on (it was free a moment ago).
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  EXPECT_EQ(::bind(fd, generic, sizeof(address)), 0);
  EXPECT_EQ(::getsockname(fd, generic, &length), 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(PostgresStore, MergeLawsHoldThroughTheDatabase) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto store = store_at(database.url());
  ASSERT_TRUE(store->init());
  constexpr std::uint64_t k_seed = 20261201;
  constexpr int k_pairs = 500;
  for (int iteration = 0; iteration < k_pairs; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    const Ledger ab = merged(a, b);
    struct Order {
      const char* name;
      const Ledger* first;
      const Ledger* second;
      const Ledger* expected;
    };
    for (const Order& order : {Order{"a then b", &a, &b, &ab}, Order{"b then a", &b, &a, &ab},
                               Order{"a twice", &a, &a, &a}}) {
      SCOPED_TRACE(order.name);
      clear(database);
      const auto first = store->commit(*order.first);
      ASSERT_TRUE(first) << first.error().message;
      const auto second = store->commit(*order.second);
      ASSERT_TRUE(second) << second.error().message;
      // commit() returns each committed series as merged, and updated_at.
      for (const auto& [key, series] : order.second->series()) {
        const Series* returned = second->find(key);
        ASSERT_NE(returned, nullptr) << key.str();
        EXPECT_TRUE(*returned == *order.expected->find(key)) << key.str();
      }
      EXPECT_EQ(second->updated_at(), order.expected->updated_at());
      const auto loaded = store->load();
      ASSERT_TRUE(loaded) << loaded.error().message;
      EXPECT_TRUE(*loaded == *order.expected)
          << "a: " << describe(a) << "b: " << describe(b) << "loaded: " << describe(*loaded)
          << "expected: " << describe(*order.expected);
    }
    if (HasFailure()) {
      break;
    }
  }
}

TEST(PostgresStore, HostileKeysAreStoredAndReadBackUnchanged) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  std::string long_utf8 = "web:path:";
  for (int i = 0; i < 1500; ++i) {
    long_utf8 += "\xc3\xb1\xe2\x82\xac\xf0\x9f\x98\x80";  // ñ€😀: 13.5 KB in all
  }
  const std::vector<std::string> keys{
      "web:referrer:it's \"quoted\"",
      "web:path:back\\slash \\\\ and \\N",
      "web:path:'; DROP TABLE odometer_series; --",
      "web:path:\"); DELETE FROM odometer_days; --",
      "web:path:{a,b} NULL $1 %s E'\\x00'",
      "web:path:caf\xc3\xa9",   // é precomposed
      "web:path:cafe\xcc\x81",  // e and a combining accent: another key
      "web:path:ABC",
      "web:path:abc",
      "web:path:" + std::string(5000, 'x'),
      long_utf8,
  };
  Ledger ledger;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Kind kind = i % 3 == 0 ? Kind::daily : (i % 3 == 1 ? Kind::cumulative : Kind::gauge);
    Observation observation{*SeriesKey::parse(keys[i]), kind, *Day::parse("2026-05-01"),
                            static_cast<std::int64_t>(i + 1)};
    observation.at = Timestamp::parse("2026-05-01T12:00:00Z").value();
    ASSERT_TRUE(ledger.observe(observation));
  }
  auto store = store_at(database.url());
  ASSERT_TRUE(store->commit(ledger));
  const auto loaded = store->load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(*loaded == ledger) << describe(*loaded);
  EXPECT_EQ(database.query("SELECT count(*) FROM odometer_series"), std::to_string(keys.size()));
  EXPECT_EQ(database.query("SELECT count(*) FROM odometer_days"), "8");

  // The same through the command: file -> database -> file, byte for byte.
  TempDir dir;
  testing::write_file(dir / "in.json", write_ledger_json(ledger));
  ASSERT_EQ(
      testing::run_odometer({"merge", (dir / "in.json").string(), "-o", database.url()}).exit_code,
      0);
  const auto out = testing::run_odometer({"merge", database.url(), "-o", (dir / "out.json")});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(testing::read_file(dir / "out.json"), write_ledger_json(ledger));
}

TEST(PostgresStore, AnyLedgerGoesFromAFileIntoTheDatabaseAndBackWithTheSameBytes) {
  ODOMETER_REQUIRE_POSTGRES();
  Generator gen(20261202);
  Ledger random;
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(random.merge(gen.ledger()));
  }
  TempDir dir;
  testing::write_file(dir / "random.json", write_ledger_json(random));
  const std::filesystem::path fixtures = std::filesystem::path(ODOMETER_FIXTURES) / "ledger";
  for (const auto& file :
       {fixtures / "example.json", fixtures / "canonical.json", dir / "random.json"}) {
    SCOPED_TRACE(file.string());
    TestDatabase database;
    ASSERT_EQ(testing::run_odometer({"merge", file.string(), "-o", database.url()}).exit_code, 0);
    const auto back = dir / ("back-" + file.filename().string());
    const auto result = testing::run_odometer({"merge", database.url(), "-o", back.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(testing::read_file(back), testing::read_file(file));
  }
}

TEST(PostgresStore, ALoadSeesOneCommittedStateOfEveryTable) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto writer_store = store_at(database.url());
  ASSERT_TRUE(writer_store->init());
  // Each commit k raises a day, a floor and a gauge reading to k together:
  // the three live in three tables, read by three statements.
  std::atomic<bool> done{false};
  std::string writer_error;
  std::thread writer([&] {
    const Day day = *Day::parse("2026-05-01");
    for (int k = 1; k <= 150; ++k) {
      Ledger change;
      (void)change.observe(Observation{*SeriesKey::parse("snap:days:x"), Kind::daily, day, k});
      Observation floor{*SeriesKey::parse("snap:floors:x"), Kind::daily, day, k};
      floor.floor = true;
      (void)change.observe(floor);
      Observation reading{*SeriesKey::parse("snap:gauge:x"), Kind::gauge, day, k};
      reading.at = Timestamp::from_unix_seconds(Timestamp::start_of(day).unix_seconds() + k);
      (void)change.observe(reading);
      if (auto ok = writer_store->commit_without_readback(change); !ok) {
        writer_error = ok.error().message;
        break;
      }
    }
    done = true;
  });
  auto reader = store_at(database.url());
  int loads = 0;
  while (!done) {
    const auto loaded = reader->load();
    ASSERT_TRUE(loaded) << loaded.error().message;
    const Series* days = loaded->find(*SeriesKey::parse("snap:days:x"));
    if (days == nullptr) {
      continue;
    }
    ++loads;
    const Count value = *days->value();
    EXPECT_EQ(loaded->find(*SeriesKey::parse("snap:floors:x"))->value(), value);
    EXPECT_EQ(loaded->find(*SeriesKey::parse("snap:gauge:x"))->value(), value);
    if (HasFailure()) {
      break;
    }
  }
  writer.join();
  EXPECT_EQ(writer_error, "");
  EXPECT_GT(loads, 3) << "the loads barely overlapped the commits: the test proved little";
}

TEST(PostgresStore, TwoWritersRacingToCreateOneKeyWithTwoKindsCannotBothWin) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  ASSERT_TRUE(store_at(database.url())->init());
  constexpr int k_writers = 4;
  std::vector<std::unique_ptr<Store>> stores;
  stores.reserve(k_writers);
  for (int i = 0; i < k_writers; ++i) {
    stores.push_back(store_at(database.url()));
    ASSERT_TRUE(stores.back()->load());  // connected, so that the race is the commit
  }
  for (int round = 0; round < 20; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string key = "race:kind:k" + std::to_string(round);
    std::latch start(k_writers);
    std::vector<std::optional<std::string>> errors(k_writers);
    std::vector<std::thread> threads;
    threads.reserve(k_writers);
    for (int i = 0; i < k_writers; ++i) {
      threads.emplace_back([&, i] {
        // Four kinds no two of which merge: daily, non-additive daily,
        // cumulative, gauge.
        const Kind kind = i < 2 ? Kind::daily : (i == 2 ? Kind::cumulative : Kind::gauge);
        Observation observation{*SeriesKey::parse(key), kind, *Day::parse("2026-05-01"), 7};
        observation.additivity = i == 1 ? Additivity::non_additive : Additivity::additive;
        Ledger change;
        (void)change.observe(observation);
        (void)change.observe(daily(
            "race:marker:w" + std::to_string(i) + "-" + std::to_string(round), "2026-05-01", 1));
        start.arrive_and_wait();
        if (auto ok = stores[static_cast<std::size_t>(i)]->commit_without_readback(change); !ok) {
          errors[static_cast<std::size_t>(i)] = ok.error().message;
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    int winners = 0;
    for (int i = 0; i < k_writers; ++i) {
      const auto& error = errors[static_cast<std::size_t>(i)];
      if (error) {
        EXPECT_TRUE(contains(*error, key + ": cannot merge")) << *error;
      } else {
        ++winners;
      }
    }
    EXPECT_EQ(winners, 1);
    // A load checks every row against its series' kind: a reading of a
    // daily series or a day of a gauge would fail it.
    const auto loaded = stores[0]->load();
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_NE(loaded->find(*SeriesKey::parse(key)), nullptr);
    for (int i = 0; i < k_writers; ++i) {
      const auto marker =
          *SeriesKey::parse("race:marker:w" + std::to_string(i) + "-" + std::to_string(round));
      EXPECT_EQ(loaded->find(marker) != nullptr, !errors[static_cast<std::size_t>(i)])
          << "a writer that failed left its other series, or one that won lost it";
    }
  }
}

TEST(PostgresStore, AKindConflictNamesTheKeyAndChangesNothing) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto store = store_at(database.url());
  Ledger first = of({daily("npm:downloads:a", "2026-05-01", 10)});
  first.touch(*Timestamp::parse("2026-05-01T10:00:00Z"));
  ASSERT_TRUE(store->commit(first));
  const std::string before = fingerprint(database);

  Ledger gauge;
  Observation reading{*SeriesKey::parse("npm:downloads:a"), Kind::gauge, *Day::parse("2026-05-02"),
                      3};
  ASSERT_TRUE(gauge.observe(reading));
  ASSERT_TRUE(gauge.observe(daily("npm:downloads:b", "2026-05-02", 5)));
  gauge.touch(*Timestamp::parse("2026-05-03T10:00:00Z"));
  const auto committed = store->commit(gauge);
  ASSERT_FALSE(committed);
  EXPECT_TRUE(contains(committed.error().message,
                       "npm:downloads:a: cannot merge a daily series with a gauge series"))
      << committed.error().message;
  EXPECT_TRUE(contains(committed.error().message, "odometer_test_")) << "names the store";

  Ledger non_additive;
  Observation unique = daily("npm:downloads:a", "2026-05-02", 2);
  unique.additivity = Additivity::non_additive;
  ASSERT_TRUE(non_additive.observe(unique));
  const auto refused = store->commit_without_readback(non_additive);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(contains(refused.error().message, "npm:downloads:a: cannot merge an additive"))
      << refused.error().message;

  EXPECT_EQ(fingerprint(database), before);
  const auto loaded = store->load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(*loaded == first) << describe(*loaded);
}

TEST(PostgresStore, AnErrorInTheMiddleOfACommitLeavesTheDatabaseAsItWas) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  ASSERT_TRUE(store_at(database.url())->init());
  // A role that may write every table but updated_at's, which a commit
  // writes last: its commits fail after their days are upserted.
  const std::string role = testing::unique_name("odometer_writer");
  ASSERT_TRUE(database.exec("CREATE ROLE " + role + " LOGIN PASSWORD 'writer-password'; " +
                            "GRANT USAGE ON SCHEMA public TO " + role + "; " +
                            "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " +
                            role + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role +
                            "; REVOKE UPDATE ON odometer_ledger FROM " + role));
  auto store = store_at(database.url_for(role, "writer-password"));
  const Ledger first = of({daily("npm:downloads:a", "2026-05-01", 10)});
  const auto ok = store->commit(first);  // no updated_at: allowed
  ASSERT_TRUE(ok) << ok.error().message;
  const std::string before = fingerprint(database);

  Ledger change =
      of({daily("npm:downloads:a", "2026-05-01", 50), daily("npm:downloads:a", "2026-05-02", 7),
          daily("npm:downloads:new", "2026-05-02", 7)});
  change.touch(*Timestamp::parse("2026-05-03T00:00:00Z"));
  const auto failed = store->commit(change);
  ASSERT_FALSE(failed);
  EXPECT_TRUE(contains(failed.error().message, "cannot raise updated_at"))
      << failed.error().message;
  EXPECT_TRUE(contains(failed.error().message, "permission denied")) << failed.error().message;
  EXPECT_EQ(fingerprint(database), before);
  const auto loaded = store_at(database.url())->load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(*loaded == first) << describe(*loaded);
  EXPECT_TRUE(database.exec("DROP OWNED BY " + role + "; DROP ROLE " + role));
}

TEST(PostgresStore, ANewerSchemaIsRefusedAndNeverWritten) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto store = store_at(database.url());
  ASSERT_TRUE(store->commit(of({daily("npm:downloads:a", "2026-05-01", 10)})));
  ASSERT_TRUE(database.exec("UPDATE odometer_version SET version = " +
                            std::to_string(k_postgres_schema_version + 1)));
  const std::string before = fingerprint(database);
  const std::string newer =
      "the ledger's schema is version " + std::to_string(k_postgres_schema_version + 1) +
      ", newer than this odometer's " + std::to_string(k_postgres_schema_version);

  const Ledger change = of({daily("npm:downloads:a", "2026-05-01", 99)});
  // The store that has seen the old schema checks again in every commit.
  const auto committed = store->commit(change);
  ASSERT_FALSE(committed);
  EXPECT_TRUE(contains(committed.error().message, newer)) << committed.error().message;
  auto fresh = store_at(database.url());
  const auto fresh_commit = fresh->commit_without_readback(change);
  ASSERT_FALSE(fresh_commit);
  EXPECT_TRUE(contains(fresh_commit.error().message, newer)) << fresh_commit.error().message;
  const auto loaded = fresh->load();
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(contains(loaded.error().message, newer)) << loaded.error().message;
  const auto init = fresh->init();
  ASSERT_FALSE(init);
  EXPECT_TRUE(contains(init.error().message, newer)) << init.error().message;
  const auto cli = testing::run_odometer(
      {"observe", "--ledger", database.url(), "--kind", "daily", "npm:downloads:a", "5"});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_TRUE(contains(cli.err, newer)) << cli.err;
  EXPECT_EQ(fingerprint(database), before);
}

TEST(PostgresStore, AnUnreachableServerIsAClearErrorWithoutThePassword) {
  // 127.0.0.1 on a port nothing listens on: no server is needed for this.
  const std::string url =
      "postgresql://odometer:unreachable-secret@127.0.0.1:" + std::to_string(closed_port()) +
      "/odometer";
  auto store = store_at(url);
  EXPECT_EQ(store->describe(),
            "postgresql://odometer:[redacted]@127.0.0.1:" + url.substr(url.rfind(':') + 1));
  for (const auto& error :
       {error_of(store->load()), error_of(store->commit(Ledger())), error_of(store->init())}) {
    EXPECT_TRUE(contains(error, "cannot connect")) << error;
    EXPECT_TRUE(contains(error, "odometer:[redacted]@127.0.0.1")) << error;
    EXPECT_FALSE(contains(error, "unreachable-secret")) << error;
  }
  const auto cli = testing::run_odometer({"show", "--ledger", url});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_TRUE(contains(cli.err, "cannot connect")) << cli.err;
  EXPECT_FALSE(contains(cli.out + cli.err, "unreachable-secret")) << cli.out << cli.err;
}

// libpq quotes the bad part of a malformed URI, which may be the password.
TEST(PostgresStore, AMalformedUriIsAnErrorThatHidesThePassword) {
  for (const std::string url : {"postgresql://u:pa%zzss@127.0.0.1:1/db",
                                "postgresql://u@127.0.0.1:1/db?password=se%ZZcret"}) {
    const std::string error = error_of(store_at(url)->load());
    EXPECT_TRUE(contains(error, "invalid percent-encoded token: \"[redacted]\"")) << error;
    EXPECT_FALSE(contains(error, "zzss") || contains(error, "ZZcret")) << error;
  }
}

TEST(PostgresStore, AWrongPasswordIsRefusedAndNeverPrinted) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  const std::string role = testing::unique_name("odometer_reader");
  ASSERT_TRUE(database.exec("CREATE ROLE " + role + " LOGIN PASSWORD 'right-password-123'; " +
                            "GRANT CREATE, USAGE ON SCHEMA public TO " + role));
  // The right password works, so the refusal below is the password's.
  const auto created = store_at(database.url_for(role, "right-password-123"))->init();
  ASSERT_TRUE(created) << created.error().message;
  const std::string before = fingerprint(database);

  auto wrong = store_at(database.url_for(role, "wrong-password-456"));
  for (const auto& error :
       {error_of(wrong->load()),
        error_of(wrong->commit(of({daily("npm:downloads:a", "2026-05-01", 1)})))}) {
    EXPECT_TRUE(contains(error, "password authentication failed")) << error;
    EXPECT_FALSE(contains(error, "wrong-password-456")) << error;
    EXPECT_TRUE(contains(error, "password=[redacted]")) << error;
  }
  const auto cli =
      testing::run_odometer({"observe", "--ledger", database.url_for(role, "wrong-password-456"),
                             "--kind", "daily", "npm:downloads:a", "5"});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_TRUE(contains(cli.err, "password authentication failed")) << cli.err;
  EXPECT_FALSE(contains(cli.out + cli.err, "wrong-password-456")) << cli.out << cli.err;
  EXPECT_EQ(fingerprint(database), before);

  // Without a password in the URL, libpq takes it from PGPASSWORD, then
  // from the password file (PGPASSFILE, else ~/.pgpass).
  std::string no_password = database.url_for(role, "");
  no_password.erase(no_password.find("&password="), std::string("&password=").size());
  TempDir dir;
  testing::write_file(dir / "pgpass", "*:*:*:" + role + ":right-password-123\n");
  ASSERT_EQ(::chmod((dir / "pgpass").c_str(), 0600), 0);
  ASSERT_EQ(::setenv("PGPASSFILE", (dir / "pgpass").c_str(), 1), 0);
  const auto from_file = testing::run_odometer(
      {"observe", "--ledger", no_password, "--kind", "daily", "npm:downloads:a", "5"});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  ASSERT_EQ(::setenv("PGPASSWORD", "wrong-password-456", 1), 0);
  const auto from_variable = testing::run_odometer({"show", "--ledger", no_password});
  EXPECT_EQ(from_variable.exit_code, 1);
  EXPECT_FALSE(contains(from_variable.out + from_variable.err, "wrong-password-456"));
  ASSERT_EQ(::setenv("PGPASSWORD", "right-password-123", 1), 0);
  const auto right_variable = testing::run_odometer({"show", "--ledger", no_password});
  EXPECT_EQ(right_variable.exit_code, 0) << right_variable.err;
  ::unsetenv("PGPASSWORD");
  ::unsetenv("PGPASSFILE");
  EXPECT_TRUE(database.exec("DROP OWNED BY " + role + "; DROP ROLE " + role));
}

TEST(PostgresStore, AnEmptyDatabaseLoadsEmptyForWritersAndIsAnErrorForReaders) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto store = store_at(database.url());
  const auto loaded = store->load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(loaded->empty());
  const auto existing = store->load_existing();
  ASSERT_FALSE(existing);
  EXPECT_TRUE(contains(existing.error().message, "no odometer ledger in this database"))
      << existing.error().message;
  EXPECT_EQ(database.query("SELECT to_regclass('odometer_version') IS NULL"), "t")
      << "reading created tables";

  const auto init = store->init();
  ASSERT_TRUE(init) << init.error().message;
  EXPECT_TRUE(contains(*init, "created the schema, version 1")) << *init;
  const auto again = store_at(database.url())->init();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(contains(*again, "schema version 1, current")) << *again;
  const auto now_existing = store->load_existing();
  ASSERT_TRUE(now_existing) << now_existing.error().message;
  EXPECT_TRUE(now_existing->empty());
  EXPECT_FALSE(now_existing->updated_at());
}

TEST(PostgresStore, CommitWithoutReadbackReportsHowManySeriesAreStored) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto store = store_at(database.url());
  const auto one = store->commit_without_readback(of({daily("npm:downloads:a", "2026-05-01", 1)}));
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->series, 1U);
  const auto two = store->commit_without_readback(of({daily("npm:downloads:b", "2026-05-01", 1)}));
  ASSERT_TRUE(two) << two.error().message;
  EXPECT_EQ(two->series, 2U);
  // commit() returns the committed series merged in full, not the others.
  const auto merged_a = store->commit(of({daily("npm:downloads:a", "2026-05-02", 4)}));
  ASSERT_TRUE(merged_a) << merged_a.error().message;
  EXPECT_EQ(merged_a->find(*SeriesKey::parse("npm:downloads:a"))->value(), 5U);
}

TEST(PostgresStore, RowsThatNoLedgerCanHoldAreAnErrorNamingTheTable) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  auto store = store_at(database.url());
  Ledger ledger = of({daily("npm:downloads:a", "2026-05-01", 1)});
  Observation stars{*SeriesKey::parse("github:stars:o/r"), Kind::gauge, *Day::parse("2026-05-01"),
                    3};
  ASSERT_TRUE(ledger.observe(stars));
  ASSERT_TRUE(store->commit(ledger));
  ASSERT_TRUE(database.exec(
      "INSERT INTO odometer_days SELECT id, DATE '2026-05-02', 5 FROM odometer_series "
      "WHERE key = 'github:stars:o/r'"));
  auto loaded = store->load();
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(contains(loaded.error().message,
                       "odometer_days github:stars:o/r: a gauge series has no rows here"))
      << loaded.error().message;

  ASSERT_TRUE(
      database.exec("DELETE FROM odometer_days WHERE day = DATE '2026-05-02'; "
                    "INSERT INTO odometer_floors VALUES (424242, DATE '2026-05-01', 1)"));
  loaded = store->load();
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(contains(loaded.error().message,
                       "odometer_floors holds numbers of series id 424242, which "
                       "odometer_series does not hold"))
      << loaded.error().message;
}

TEST(PostgresStore, ADatabaseThatIsNotUtf8IsRefused) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  const std::string name = testing::unique_name("odometer_latin1");
  ASSERT_TRUE(database.exec("CREATE DATABASE " + name +
                            " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"));
  const auto loaded = store_at(testing::server_url(name, std::nullopt, std::nullopt))->load();
  EXPECT_TRUE(database.exec("DROP DATABASE " + name));
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(contains(loaded.error().message, "the database's encoding is LATIN1"))
      << loaded.error().message;
}

}  // namespace
}  // namespace odometer
