#pragma once

// A small expected-style result: library code returns Result<T> and passes
// errors up; only main() turns them into messages and exit codes.

#include <string>
#include <utility>
#include <variant>

namespace odometer {

// What kind of failure an Error is, for the callers that branch on it (a
// missing file is "nothing stored yet", a 404 is "not found on the
// registry"); most errors are only reported, and keep `other`.
enum class ErrorCode {
  other,
  not_found,     // a file, URL or entity that does not exist
  invalid,       // input that breaks a rule: malformed JSON, a bad key, a negative count
  io,            // reading or writing failed
  rate_limited,  // an API refused for now and said when to come back
};

// A failure: what went wrong, for a person (naming the file, URL, field or
// key), and its kind.
struct Error {
  std::string message;
  ErrorCode code = ErrorCode::other;
};

template <typename T>
class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  // The value; throws std::bad_variant_access when !ok() (a bug: check
  // first, or TRY_ASSIGN).
  T& value() & { return std::get<T>(m_state); }
  const T& value() const& { return std::get<T>(m_state); }
  T&& value() && { return std::get<T>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; throws std::bad_variant_access when ok().
  const Error& error() const { return std::get<Error>(m_state); }

private:
  std::variant<T, Error> m_state;
};

// Result<void>: success or an error, nothing else.
template <>
class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error)
      : m_error(std::move(error)), m_failed(true) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !m_failed; }
  explicit operator bool() const { return ok(); }
  // The error; an empty one when ok().
  const Error& error() const { return m_error; }

private:
  Error m_error;
  bool m_failed = false;
};

using Status = Result<void>;

// An Error, to return from a function that returns a Result or Status.
inline Error make_error(std::string message, ErrorCode code = ErrorCode::other) {
  return Error{std::move(message), code};
}

}  // namespace odometer

// Propagation, as in ccache's util/expected.hpp: TRY(expr) returns the error
// of a failed Status or Result from the enclosing function; TRY_ASSIGN(lhs,
// expr) does the same, or else moves the value into lhs (a declaration such
// as `auto day` or an existing variable). Both evaluate expr once.
#define ODOMETER_CONCAT_(a, b) a##b
#define ODOMETER_CONCAT(a, b) ODOMETER_CONCAT_(a, b)

#define TRY(expr)                                  \
  do {                                             \
    if (auto try_result_ = (expr); !try_result_) { \
      return try_result_.error();                  \
    }                                              \
  } while (false)

#define TRY_ASSIGN(lhs, expr) TRY_ASSIGN_(ODOMETER_CONCAT(try_result_, __LINE__), lhs, expr)
#define TRY_ASSIGN_(result, lhs, expr) \
  auto result = (expr);                \
  if (!result) {                       \
    return result.error();             \
  }                                    \
  lhs = std::move(*result)
