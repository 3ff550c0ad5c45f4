// Passwords in store URLs are hidden wherever libpq would find them, and
// nothing else in the URL is touched.

#include "util/redact.hpp"

#include <gtest/gtest.h>

namespace odometer {
namespace {

TEST(RedactUrl, HidesThePasswordOfTheUserInfo) {
  EXPECT_EQ(redact_url("postgres://alice:s3cret@db.example:5432/odometer"),
            "postgres://alice:[redacted]@db.example:5432/odometer");
  EXPECT_EQ(redact_url("postgresql://alice:p%40ss@db/odometer?sslmode=require"),
            "postgresql://alice:[redacted]@db/odometer?sslmode=require");
  // Several hosts, a colon in the password.
  EXPECT_EQ(redact_url("postgresql://u:a:b@h1:5432,h2:5433/db"),
            "postgresql://u:[redacted]@h1:5432,h2:5433/db");
}

TEST(RedactUrl, HidesPasswordQueryParameters) {
  EXPECT_EQ(redact_url("postgresql:///db?host=127.0.0.1&user=u&password=s3cret&port=5432"),
            "postgresql:///db?host=127.0.0.1&user=u&password=[redacted]&port=5432");
  EXPECT_EQ(redact_url("postgresql://h/db?sslpassword=keypass"),
            "postgresql://h/db?sslpassword=[redacted]");
  // libpq decodes parameter names too.
  EXPECT_EQ(redact_url("postgresql://h/db?pass%77ord=s3cret"),
            "postgresql://h/db?pass%77ord=[redacted]");
  EXPECT_EQ(redact_url("postgresql://u:one@h/db?password=two"),
            "postgresql://u:[redacted]@h/db?password=[redacted]");
}

TEST(RedactUrl, LeavesEverythingElseAlone) {
  for (const char* text :
       {"postgres://alice@db.example/odometer", "postgresql://db/odometer?sslmode=require",
        "postgresql://[::1]:5432/db", "postgresql://", "odometer-ledger.json", "data/a:b@c.json",
        "file:ledger.json", "postgresql://h/db?passwordless=1"}) {
    EXPECT_EQ(redact_url(text), text);
  }
  // An '@' after the path is not user-info (libpq stops at the first '/').
  EXPECT_EQ(redact_url("postgresql://h/db:x@y"), "postgresql://h/db:x@y");
}

TEST(UrlSecrets, AreThePasswordsAsWrittenAndDecoded) {
  EXPECT_EQ(url_secrets("postgresql://alice:p%40ss@db/x?password=two"),
            (std::vector<std::string>{"p%40ss", "p@ss", "two"}));
  EXPECT_TRUE(url_secrets("postgresql://alice@db/x").empty());
  EXPECT_TRUE(url_secrets("postgresql://alice:@db/x").empty());
}

TEST(RedactSecrets, ReplacesEveryOccurrence) {
  EXPECT_EQ(redact_secrets("invalid token \"p@ss\" in p@ss", {"p@ss", ""}),
            "invalid token \"[redacted]\" in [redacted]");
  EXPECT_EQ(redact_secrets("nothing here", {}), "nothing here");
}

TEST(RedactJsonMember, HidesTheStringValueOfEveryMemberOfThatName) {
  EXPECT_EQ(
      redact_json_member(R"({"token": "ghs_a\"b", "expires_at":"x","t":{"token":"c"}})", "token"),
      R"({"token": "[redacted]", "expires_at":"x","t":{"token":"[redacted]"}})");
  // The name as a value, or a member that is not a string, is left alone.
  EXPECT_EQ(redact_json_member(R"(["token", {"token": 3}])", "token"),
            R"(["token", {"token": 3}])");
  EXPECT_EQ(redact_json_member(R"({"token": "unterminated)", "token"), R"({"token": "[redacted])");
}

TEST(KnownSecrets, AreHiddenEverywhereOnceRemembered) {
  remember_secret("ghp_KnownSecret123");
  EXPECT_EQ(hide_secrets("token ghp_KnownSecret123 twice ghp_KnownSecret123"),
            "token [redacted] twice [redacted]");
  EXPECT_TRUE(holds_secret("etag W/ghp_KnownSecret123"));
  EXPECT_FALSE(holds_secret("nothing here"));
}

TEST(KnownSecrets, StoreUrlPasswordsAreRememberedDecodedToo) {
  remember_url_secrets("postgres://alice:p%40ssw0rd@db/odometer");
  EXPECT_EQ(hide_secrets("libpq said p@ssw0rd and p%40ssw0rd"),
            "libpq said [redacted] and [redacted]");
}

TEST(KnownSecrets, TooShortToBeASecretIsNotRemembered) {
  remember_secret("abc");
  EXPECT_EQ(hide_secrets("abc stays"), "abc stays");
}

}  // namespace
}  // namespace odometer
