#pragma once

// The JSON Web Token a GitHub App signs to speak as itself (RS256, with
// OpenSSL's libcrypto), and the base64url text it is made of. The private
// key and the token are secrets: no error here quotes either.

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace odometer {

// text in base64url without padding (RFC 7515 §2).
std::string base64url(std::string_view text);

// The claims GitHub asks of an App's JWT: issued 60 s before now (against
// clock drift), expiring 9 minutes after now (GitHub refuses more than 10).
inline constexpr std::chrono::seconds k_jwt_backdate{60};
inline constexpr std::chrono::seconds k_jwt_lifetime{9 * 60};

// A JWT {"alg":"RS256","typ":"JWT"}.{"iat":…,"exp":…,"iss":issuer} signed
// with the RSA private key in pem. An error (invalid) when pem is not an
// RSA private key or signing fails; the message names neither key nor token.
Result<std::string> sign_app_jwt(std::string_view pem, std::string_view issuer,
                                 std::chrono::system_clock::time_point now);

}  // namespace odometer
