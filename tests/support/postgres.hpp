#pragma once

// The PostgreSQL server of the tests. ODOMETER_TEST_POSTGRES holds a libpq
// URL of a superuser on a throwaway cluster: scripts/with-postgres.sh sets
// it, and scripts/test.sh runs ctest inside it. A test that needs the server
// and finds the variable unset fails, saying so; ODOMETER_SKIP_POSTGRES=1
// (and only that) makes those tests skip instead.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

namespace odometer::testing {

// Whether the tests may reach a server: its URL, or why not.
struct PostgresNeed {
  std::optional<std::string> url;
  bool skip = false;  // ODOMETER_SKIP_POSTGRES=1
  std::string message;
};
PostgresNeed postgres_need();

// At the top of a test body that needs the server: skips or fails it.
#define ODOMETER_REQUIRE_POSTGRES()                                  \
  do {                                                               \
    const auto odometer_need = ::odometer::testing::postgres_need(); \
    if (odometer_need.skip) {                                        \
      GTEST_SKIP() << odometer_need.message;                         \
    }                                                                \
    if (!odometer_need.url) {                                        \
      FAIL() << odometer_need.message;                               \
    }                                                                \
  } while (false)

// A name no other test uses, for a database or a role: prefix, the process
// id, a counter and random letters.
std::string unique_name(const std::string& prefix);

// A fresh database for one test, dropped afterwards unless the test failed
// (then kept, and its name printed, for a look). Create it only after
// ODOMETER_REQUIRE_POSTGRES(); a failure to create it fails the test.
class TestDatabase {
public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // A postgresql:// URL of this database as the superuser.
  const std::string& url() const { return m_url; }
  const std::string& name() const { return m_name; }
  // The same database as another role.
  std::string url_for(const std::string& user, const std::string& password) const;
  // Runs sql (constant text the test wrote) as the superuser; fails the test
  // and returns false on an error.
  bool exec(const std::string& sql) const;
  // The first value of the first row of sql's result; nullopt (and a test
  // failure) on an error or no row, "NULL" for a null.
  std::optional<std::string> query(const std::string& sql) const;

private:
  struct Session;
  Session& session() const;

  std::string m_name;
  std::string m_url;
  mutable std::unique_ptr<Session> m_session;  // one connection for exec and query
};

// The server's URL with dbname, user and password replaced where given.
std::string server_url(const std::optional<std::string>& dbname,
                       const std::optional<std::string>& user,
                       const std::optional<std::string>& password);

}  // namespace odometer::testing
