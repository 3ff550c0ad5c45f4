#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

#include "net/http.hpp"

namespace odometer::testing {

// A Transport whose server is a function and whose clock is fake: sleeping
// advances it instantly, so retry and rate-limit tests take no real time.
// Records every request and every sleep. Thread-safe.
class FakeTransport final : public Transport {
public:
  using Handler = std::function<Response(const Request&)>;

  // The clock starts at start (default 2026-05-02T12:00:00Z).
  explicit FakeTransport(Handler handler,
                         std::chrono::system_clock::time_point start = default_start());

  std::vector<Response> send(const std::vector<Request>& requests) override;
  std::chrono::system_clock::time_point now() override;
  void sleep_for(std::chrono::milliseconds duration) override;

  std::vector<Request> requests() const;
  std::vector<std::chrono::milliseconds> sleeps() const;
  std::chrono::milliseconds total_slept() const;

  static std::chrono::system_clock::time_point default_start();

private:
  Handler m_handler;
  mutable std::mutex m_mutex;
  std::chrono::system_clock::time_point m_now;
  std::vector<Request> m_requests;
  std::vector<std::chrono::milliseconds> m_sleeps;
};

// A response with a status, a body and headers (names lowercase).
Response make_response(int status, std::string body, std::vector<Header> headers = {});

}  // namespace odometer::testing
