#pragma once

// A small expected-style result: library code returns Result<T> and passes
// errors up; only main() turns them into messages and exit codes.

#include <string>
#include <utility>
#include <variant>

namespace odometer {

struct Error {
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(m_state); }
  const T& value() const& { return std::get<T>(m_state); }
  T&& value() && { return std::get<T>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

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
  const Error& error() const { return m_error; }

private:
  Error m_error;
  bool m_failed = false;
};

using Status = Result<void>;

inline Error make_error(std::string message) {
  return Error{std::move(message)};
}

}  // namespace odometer
