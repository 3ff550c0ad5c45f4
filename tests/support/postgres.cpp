#include "support/postgres.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <vector>

namespace odometer::testing {

namespace {

struct ConnectionClose {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using Connection = std::unique_ptr<PGconn, ConnectionClose>;

struct ResultClear {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultClear>;

std::string percent_encoded(const std::string& text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(k_hex[byte >> 4U]);
      out.push_back(k_hex[byte & 0xFU]);
    }
  }
  return out;
}

Connection connect(const std::string& url) {
  Connection connection(PQconnectdb(url.c_str()));
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to the test server: " << PQerrorMessage(connection.get());
    return nullptr;
  }
  return connection;
}

bool run_on(PGconn* connection, const std::string& sql) {
  const PgResult result(PQexec(connection, sql.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result.get());
    return false;
  }
  return true;
}

bool run(const std::string& url, const std::string& sql) {
  const Connection connection = connect(url);
  return connection && run_on(connection.get(), sql);
}

}  // namespace

struct TestDatabase::Session {
  Connection connection;
};

TestDatabase::Session& TestDatabase::session() const {
  if (!m_session) {
    m_session = std::make_unique<Session>();
  }
  if (!m_session->connection || PQstatus(m_session->connection.get()) != CONNECTION_OK) {
    m_session->connection = connect(m_url);
  }
  return *m_session;
}

PostgresNeed postgres_need() {
  const char* skip = std::getenv("ODOMETER_SKIP_POSTGRES");  // NOLINT(concurrency-mt-unsafe)
  if (skip != nullptr && std::string(skip) == "1") {
    return PostgresNeed{std::nullopt, true, "ODOMETER_SKIP_POSTGRES=1: PostgreSQL tests skipped"};
  }
  const char* url = std::getenv("ODOMETER_TEST_POSTGRES");  // NOLINT(concurrency-mt-unsafe)
  if (url == nullptr || *url == '\0') {
    return PostgresNeed{
        std::nullopt, false,
        "this test needs a PostgreSQL server and ODOMETER_TEST_POSTGRES is not set: run the "
        "tests through scripts/test.sh or scripts/with-postgres.sh (e.g. scripts/with-postgres.sh "
        "ctest --test-dir build-dev), or set ODOMETER_SKIP_POSTGRES=1 to skip them"};
  }
  return PostgresNeed{std::string(url), false, ""};
}

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static constexpr char k_letters[] = "abcdefghijklmnopqrstuvwxyz";
  std::random_device device;
  std::string suffix;
  for (int i = 0; i < 6; ++i) {
    suffix.push_back(k_letters[device() % 26]);
  }
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + suffix;
}

std::string server_url(const std::optional<std::string>& dbname,
                       const std::optional<std::string>& user,
                       const std::optional<std::string>& password) {
  std::string base = postgres_need().url.value_or("");
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(base.c_str(), &error);
  if (options == nullptr) {
    ADD_FAILURE() << "ODOMETER_TEST_POSTGRES is not a libpq connection string: "
                  << (error != nullptr ? error : "");
    PQfreemem(error);
    return base;
  }
  std::string database = dbname.value_or("");
  std::string query;
  const auto add = [&query](const std::string& key, const std::string& value) {
    query += (query.empty() ? "?" : "&") + key + "=" + percent_encoded(value);
  };
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    const std::string keyword = option->keyword;
    if (option->val == nullptr) {
      continue;
    }
    if (keyword == "dbname") {
      database = dbname.value_or(option->val);
    } else if (keyword == "user") {
      add(keyword, user.value_or(option->val));
    } else if (keyword == "password") {
      add(keyword, password.value_or(option->val));
    } else {
      add(keyword, option->val);
    }
  }
  PQconninfoFree(options);
  if (user && query.find("?user=") == std::string::npos &&
      query.find("&user=") == std::string::npos) {
    add("user", *user);
  }
  if (password && query.find("password=") == std::string::npos) {
    add("password", *password);
  }
  return "postgresql:///" + percent_encoded(database) + query;
}

TestDatabase::TestDatabase() : m_name(unique_name("odometer_test")) {
  if (!run(server_url(std::nullopt, std::nullopt, std::nullopt),
           "CREATE DATABASE " + m_name + " ENCODING 'UTF8' TEMPLATE template0")) {
    ADD_FAILURE() << "cannot create the test database " << m_name;
  }
  m_url = server_url(m_name, std::nullopt, std::nullopt);
}

TestDatabase::~TestDatabase() {
  m_session.reset();
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info != nullptr && info->result()->Failed()) {
    std::cerr << "kept the test database " << m_name << "\n";
    return;
  }
  (void)run(server_url(std::nullopt, std::nullopt, std::nullopt),
            "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
}

std::string TestDatabase::url_for(const std::string& user, const std::string& password) const {
  return server_url(m_name, user, password);
}

bool TestDatabase::exec(const std::string& sql) const {
  PGconn* connection = session().connection.get();
  return connection != nullptr && run_on(connection, sql);
}

std::optional<std::string> TestDatabase::query(const std::string& sql) const {
  PGconn* connection = session().connection.get();
  if (connection == nullptr) {
    return std::nullopt;
  }
  const PgResult result(PQexec(connection, sql.c_str()));
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) < 1) {
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result.get()) << " ("
                  << PQntuples(result.get()) << " rows)";
    return std::nullopt;
  }
  if (PQgetisnull(result.get(), 0, 0) != 0) {
    return "NULL";
  }
  return std::string(PQgetvalue(result.get(), 0, 0));
}

}  // namespace odometer::testing
