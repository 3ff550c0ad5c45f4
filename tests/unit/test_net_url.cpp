// URL helpers of the network layer: the host a token is bound to, the
// origin, and Location resolution for redirects. The host must be exact —
// a token goes only where url_host matches its host.

#include <gtest/gtest.h>

#include "net/http.hpp"

namespace odometer {
namespace {

TEST(UrlHost, IsLowercase) {
  EXPECT_EQ(url_host("https://API.GitHub.com/repos/x"), "api.github.com");
  EXPECT_EQ(url_host("HTTPS://Api.GitHub.COM"), "api.github.com");
}

TEST(UrlHost, DropsDefaultPorts) {
  EXPECT_EQ(url_host("https://api.github.com:443/x"), "api.github.com");
  EXPECT_EQ(url_host("http://example.com:80/x"), "example.com");
  EXPECT_EQ(url_host("http://example.com/x"), "example.com");
}

TEST(UrlHost, KeepsExplicitPorts) {
  EXPECT_EQ(url_host("http://127.0.0.1:8080/x?y=1"), "127.0.0.1:8080");
  EXPECT_EQ(url_host("https://ghe.example.com:8443/api/v3"), "ghe.example.com:8443");
  // A default port of the other scheme is not a default here.
  EXPECT_EQ(url_host("http://example.com:443/"), "example.com:443");
  EXPECT_EQ(url_host("https://example.com:80/"), "example.com:80");
}

TEST(UrlHost, LooksPastUserInfoAndLookAlikes) {
  EXPECT_EQ(url_host("https://api.github.com@evil.example/x"), "evil.example");
  EXPECT_EQ(url_host("https://api.github.com.evil.example/x"), "api.github.com.evil.example");
}

TEST(UrlHost, IsEmptyForAnythingButHttp) {
  EXPECT_EQ(url_host("ftp://example.com/x"), "");
  EXPECT_EQ(url_host("file:///etc/passwd"), "");
  EXPECT_EQ(url_host("not a url"), "");
  EXPECT_EQ(url_host(""), "");
  EXPECT_EQ(url_host("/relative/path"), "");
}

TEST(UrlOrigin, IsSchemeAndHost) {
  EXPECT_EQ(url_origin("https://api.github.com/repos/o/r?per=day"), "https://api.github.com");
  EXPECT_EQ(url_origin("http://127.0.0.1:8080/x"), "http://127.0.0.1:8080");
  EXPECT_EQ(url_origin("HTTPS://API.GitHub.com:443/x"), "https://api.github.com");
  EXPECT_EQ(url_origin("not a url"), "");
}

TEST(ResolveUrl, AbsoluteLocationReplacesTheUrl) {
  EXPECT_EQ(resolve_url("https://api.github.com/a/b?x=1", "https://objects.example.com/blob?sig=2"),
            "https://objects.example.com/blob?sig=2");
  EXPECT_EQ(resolve_url("https://api.github.com/a/b", "http://127.0.0.1:9000/c"),
            "http://127.0.0.1:9000/c");
}

TEST(ResolveUrl, RelativeLocationResolvesAgainstTheBase) {
  const std::string base = "https://api.github.com/repos/o/r/releases?page=1";
  EXPECT_EQ(resolve_url(base, "/repositories/42/releases?page=2"),
            "https://api.github.com/repositories/42/releases?page=2");
  EXPECT_EQ(resolve_url(base, "tags"), "https://api.github.com/repos/o/r/tags");
  EXPECT_EQ(resolve_url(base, "../x"), "https://api.github.com/repos/o/x");
  EXPECT_EQ(resolve_url(base, "?page=3"), "https://api.github.com/repos/o/r/releases?page=3");
  EXPECT_EQ(resolve_url(base, "//cdn.example.com/y"), "https://cdn.example.com/y");
  EXPECT_EQ(resolve_url("http://127.0.0.1:8080/a/b", "/c"), "http://127.0.0.1:8080/c");
}

}  // namespace
}  // namespace odometer
