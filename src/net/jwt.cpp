#include "net/jwt.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <memory>

#include "net/openssl_handles.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

}  // namespace

std::string base64url(std::string_view text) {
  static constexpr std::string_view k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((text.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(text[at]));
  };
  for (; i + 2 < text.size(); i += 3) {
    const unsigned value = (byte(i) << 16U) | (byte(i + 1) << 8U) | byte(i + 2);
    out += k_alphabet[(value >> 18U) & 63U];
    out += k_alphabet[(value >> 12U) & 63U];
    out += k_alphabet[(value >> 6U) & 63U];
    out += k_alphabet[value & 63U];
  }
  if (i + 1 == text.size()) {
    const unsigned value = byte(i) << 16U;
    out += k_alphabet[(value >> 18U) & 63U];
    out += k_alphabet[(value >> 12U) & 63U];
  } else if (i + 2 == text.size()) {
    const unsigned value = (byte(i) << 16U) | (byte(i + 1) << 8U);
    out += k_alphabet[(value >> 18U) & 63U];
    out += k_alphabet[(value >> 12U) & 63U];
    out += k_alphabet[(value >> 6U) & 63U];
  }
  return out;
}

Result<std::string> sign_app_jwt(std::string_view pem, std::string_view issuer,
                                 std::chrono::system_clock::time_point now) {
  const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    return make_error("the GitHub App's private key: out of memory", ErrorCode::io);
  }
  const KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
    return make_error("the GitHub App's private key is not an RSA private key in PEM",
                      ErrorCode::invalid);
  }
  std::string claims = "{\"iat\":" + std::to_string(unix_seconds(now - k_jwt_backdate)) +
                       ",\"exp\":" + std::to_string(unix_seconds(now + k_jwt_lifetime)) +
                       ",\"iss\":";
  append_json_string(claims, issuer);
  claims += "}";
  const std::string input = base64url(R"({"alg":"RS256","typ":"JWT"})") + "." + base64url(claims);

  const DigestPtr context(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return make_error("the GitHub App's JWT could not be signed", ErrorCode::invalid);
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return make_error("the GitHub App's JWT could not be signed", ErrorCode::invalid);
  }
  signature.resize(length);
  return input + "." + base64url(signature);
}

}  // namespace odometer
