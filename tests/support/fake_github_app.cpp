#include "support/fake_github_app.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <simdjson.h>

#include <memory>
#include <optional>

#include "net/openssl_handles.hpp"
#include "support/fake_transport.hpp"

namespace odometer::testing {

namespace {

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (const char c : text) {
    unsigned digit = 0;
    if (c >= 'A' && c <= 'Z') {
      digit = static_cast<unsigned>(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      digit = static_cast<unsigned>(c - 'a' + 26);
    } else if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0' + 52);
    } else if (c == '-') {
      digit = 62;
    } else if (c == '_') {
      digit = 63;
    } else {
      return std::nullopt;  // padding and '+' '/' are not base64url
    }
    value = (value << 6U) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((value >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

std::string bearer_of(const Request& request) {
  for (const auto& header : request.headers) {
    if (header.name == "Authorization" && header.value.starts_with("Bearer ")) {
      return header.value.substr(7);
    }
  }
  return "";
}

std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

Response unauthorized(const std::string& message) {
  return make_response(401, R"({"message":")" + message + R"("})");
}

// The value of `name=` in the URL's query, or fallback.
std::size_t query_number(const std::string& url, const std::string& name, std::size_t fallback) {
  for (const char* before : {"?", "&"}) {
    const auto at = url.find(before + name + "=");
    if (at != std::string::npos) {
      return std::stoul(url.substr(at + name.size() + 2));
    }
  }
  return fallback;
}

std::string repository_json(const std::string& owner, const std::string& name) {
  return R"({"full_name":")" + owner + "/" + name + R"(","name":")" + name +
         R"(","fork":false,"archived":false,"private":false,"stargazers_count":)" +
         std::to_string(name.size()) + R"(,"forks_count":1})";
}

}  // namespace

RsaKeyPair generate_rsa_key() {
  const KeyPtr key(EVP_RSA_gen(2048));
  const BioPtr private_bio(BIO_new(BIO_s_mem()));
  const BioPtr public_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(private_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_PUBKEY(public_bio.get(), key.get());
  return RsaKeyPair{bio_text(private_bio.get()), bio_text(public_bio.get())};
}

VerifiedJwt verify_jwt(const std::string& jwt, const std::string& public_pem) {
  const auto first = jwt.find('.');
  const auto second = first == std::string::npos ? first : jwt.find('.', first + 1);
  if (second == std::string::npos || jwt.find('.', second + 1) != std::string::npos) {
    return {};
  }
  const auto header = base64url_decode(std::string_view(jwt).substr(0, first));
  const auto claims = base64url_decode(std::string_view(jwt).substr(first + 1, second - first - 1));
  const auto signature = base64url_decode(std::string_view(jwt).substr(second + 1));
  if (!header || !claims || !signature) {
    return {};
  }
  const BioPtr bio(BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())));
  const KeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  const DigestPtr context(EVP_MD_CTX_new());
  if (!key || !context ||
      EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) {
    return {};
  }
  const std::string input = jwt.substr(0, second);
  if (EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()),
                       signature->size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1) {
    return {};
  }
  return VerifiedJwt{true, *header, *claims};
}

FakeGithubApp::FakeGithubApp(std::string public_pem,
                             std::function<std::chrono::system_clock::time_point()> now)
    : m_public_pem(std::move(public_pem)), m_now(std::move(now)) {}

std::vector<FakeGithubApp::Issued> FakeGithubApp::issued() const {
  const std::lock_guard lock(m_mutex);
  return m_issued;
}

int FakeGithubApp::refused() const {
  const std::lock_guard lock(m_mutex);
  return m_refused;
}

bool FakeGithubApp::valid_jwt(const Request& request, std::string& why) const {
  const VerifiedJwt jwt = verify_jwt(bearer_of(request), m_public_pem);
  if (!jwt.valid) {
    why = "A JSON web token could not be decoded";
    return false;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element header;
  simdjson::dom::element claims;
  if (parser.parse(jwt.header).get(header) != simdjson::SUCCESS ||
      header["alg"].get_string().value_unsafe() != "RS256") {
    why = "'alg' must be RS256";
    return false;
  }
  simdjson::dom::parser claims_parser;
  std::int64_t iat = 0;
  std::int64_t exp = 0;
  std::string_view iss;
  if (claims_parser.parse(jwt.claims).get(claims) != simdjson::SUCCESS ||
      claims["iat"].get_int64().get(iat) != simdjson::SUCCESS ||
      claims["exp"].get_int64().get(exp) != simdjson::SUCCESS ||
      claims["iss"].get_string().get(iss) != simdjson::SUCCESS) {
    why = "the JWT lacks iat, exp or iss";
    return false;
  }
  const std::int64_t now = unix_seconds(m_now());
  if (iss != app_id) {
    why = "'Issuer' claim ('iss') must be the App's";
    return false;
  }
  if (iat > now || exp <= now || exp - iat > std::int64_t{11} * 60) {
    why = "'Expiration time' claim ('exp') is too far in the future or past";
    return false;
  }
  return true;
}

Response FakeGithubApp::answer(const Request& request) {
  const std::string path = path_of(request.url);
  std::string why;
  if (path.starts_with("/app/")) {
    if (!valid_jwt(request, why)) {
      const std::lock_guard lock(m_mutex);
      ++m_refused;
      return unauthorized(why);
    }
    if (request.method == "GET" && path.starts_with("/app/installations?")) {
      return installations_page(request.url);
    }
    for (const auto& installation : m_installations) {
      const std::string base = "/app/installations/" + std::to_string(installation.id);
      if (request.method == "GET" && path == base) {
        return make_response(200, R"({"id":)" + std::to_string(installation.id) +
                                      R"(,"account":{"login":")" + installation.account +
                                      R"(","type":"Organization"}})");
      }
      if (request.method == "POST" && path == base + "/access_tokens") {
        const std::lock_guard lock(m_mutex);
        const auto expires = m_now() + std::chrono::hours(1);
        // A token of the newer, longer format: nothing may assume a length.
        std::string token = "ghs_" + std::to_string(m_issued.size()) + "x" +
                            std::string(80 + m_issued.size(), 'Q') + "_" +
                            std::to_string(installation.id);
        m_issued.push_back(Issued{token, installation.id, expires});
        const auto seconds = std::chrono::system_clock::to_time_t(expires);
        std::tm parts{};
        gmtime_r(&seconds, &parts);
        char text[32];
        (void)std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
        return make_response(201, R"({"token":")" + token + R"(","expires_at":")" + text +
                                      R"(","repository_selection":"all"})");
      }
    }
    return make_response(404, R"({"message":"Not Found"})");
  }
  return repository_request(request, path);
}

void FakeGithubApp::add_installations(std::size_t count) {
  std::vector<FakeInstallation> more;
  for (std::size_t i = 0; i < count; ++i) {
    more.push_back(FakeInstallation{1000 + i, "other-" + std::to_string(i), {}});
  }
  m_installations.insert(m_installations.begin(), more.begin(), more.end());
}

// GitHub's pages: per_page (30 unless given, at most 100) from page (1
// unless given), and a link header to the next and last pages.
Response FakeGithubApp::installations_page(const std::string& url) const {
  const std::size_t per_page = std::min<std::size_t>(query_number(url, "per_page", 30), 100);
  const std::size_t page = query_number(url, "page", 1);
  const std::size_t pages =
      std::max<std::size_t>(1, (m_installations.size() + per_page - 1) / per_page);
  std::string body = "[";
  for (std::size_t i = (page - 1) * per_page; i < std::min(page * per_page, m_installations.size());
       ++i) {
    const FakeInstallation& installation = m_installations[i];
    body += (body.size() > 1 ? "," : "") + std::string(R"({"id":)") +
            std::to_string(installation.id) + R"(,"account":{"login":")" + installation.account +
            R"(","type":"Organization"},"app_id":424242})";
  }
  Response response = make_response(200, body + "]");
  if (page < pages) {
    const std::string base =
        url.substr(0, url.find('?')) + "?per_page=" + std::to_string(per_page) + "&page=";
    response.headers.push_back(Header{"link", "<" + base + std::to_string(page + 1) +
                                                  ">; rel=\"next\", <" + base +
                                                  std::to_string(pages) + ">; rel=\"last\""});
  }
  return response;
}

Response FakeGithubApp::repository_request(const Request& request, const std::string& path) {
  // /orgs/OWNER/repos... or /repos/OWNER/NAME...
  std::string owner;
  if (path.starts_with("/orgs/") || path.starts_with("/repos/")) {
    const auto start = path.find('/', 1) + 1;
    owner = path.substr(start, path.find_first_of("/?", start) - start);
  }
  const auto installation =
      std::find_if(m_installations.begin(), m_installations.end(),
                   [&](const FakeInstallation& one) { return owner == one.account; });
  if (installation == m_installations.end()) {
    return make_response(404, R"({"message":"Not Found"})");
  }
  {
    const std::lock_guard lock(m_mutex);
    const std::string token = bearer_of(request);
    const auto issued = std::find_if(m_issued.begin(), m_issued.end(),
                                     [&](const Issued& one) { return one.token == token; });
    if (issued == m_issued.end() || issued->installation != installation->id ||
        issued->expires_at <= m_now()) {
      ++m_refused;
      return unauthorized("Bad credentials");
    }
  }
  if (path.starts_with("/orgs/")) {
    std::string body = "[";
    for (const std::string& name : installation->repositories) {
      body += (body.size() > 1 ? "," : "") + repository_json(owner, name);
    }
    return make_response(200, body + "]");
  }
  if (path.ends_with("/traffic/clones?per=day")) {
    return make_response(200, R"({"count":3,"uniques":1,"clones":[{"timestamp":)"
                              R"("2026-05-01T00:00:00Z","count":3,"uniques":1}]})");
  }
  if (path.find("/releases?") != std::string::npos) {
    return make_response(200, R"([{"assets":[{"download_count":5}]}])");
  }
  const auto rest = path.substr(7);  // OWNER/NAME
  const auto name = rest.substr(rest.find('/') + 1);
  return make_response(200, repository_json(owner, name));
}

}  // namespace odometer::testing
