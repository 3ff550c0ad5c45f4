#include "support/fake_transport.hpp"

#include <numeric>

namespace odometer::testing {

FakeTransport::FakeTransport(Handler handler, std::chrono::system_clock::time_point start)
    : m_handler(std::move(handler)), m_now(start) {}

std::chrono::system_clock::time_point FakeTransport::default_start() {
  // 2026-05-02T12:00:00Z
  return std::chrono::system_clock::time_point(std::chrono::seconds(1777723200));
}

std::vector<Response> FakeTransport::send(const std::vector<Request>& requests) {
  std::vector<Response> responses;
  for (const auto& request : requests) {
    {
      const std::lock_guard lock(m_mutex);
      m_requests.push_back(request);
    }
    responses.push_back(m_handler(request));
  }
  return responses;
}

std::chrono::system_clock::time_point FakeTransport::now() {
  const std::lock_guard lock(m_mutex);
  return m_now;
}

void FakeTransport::sleep_for(std::chrono::milliseconds duration) {
  const std::lock_guard lock(m_mutex);
  m_sleeps.push_back(duration);
  m_now += duration;
}

std::vector<Request> FakeTransport::requests() const {
  const std::lock_guard lock(m_mutex);
  return m_requests;
}

std::vector<std::chrono::milliseconds> FakeTransport::sleeps() const {
  const std::lock_guard lock(m_mutex);
  return m_sleeps;
}

std::chrono::milliseconds FakeTransport::total_slept() const {
  const std::lock_guard lock(m_mutex);
  return std::accumulate(m_sleeps.begin(), m_sleeps.end(), std::chrono::milliseconds(0));
}

Response make_response(int status, std::string body, std::vector<Header> headers) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

}  // namespace odometer::testing
