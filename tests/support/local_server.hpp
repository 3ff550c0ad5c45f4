#pragma once

// An HTTP server of the tests (cpp-httplib) on a free port of 127.0.0.1,
// listening on its own thread from start() until stop() or destruction:
// the fakes of GitHub and the registries add their routes to http(), then
// start() it. Destroy every transport that talked to it first, so no
// keep-alive connection holds a worker. Header-only, because only the tests
// that link cpp-httplib include it.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace odometer::testing {

class LocalServer {
public:
  // 48 workers: a run keeps up to 8 requests a host in flight, and several
  // runs may share one server.
  LocalServer() {
    m_server.new_task_queue = [] { return new httplib::ThreadPool(48); };
    m_server.set_keep_alive_timeout(1);
    m_server.set_tcp_nodelay(true);
  }
  ~LocalServer() { stop(); }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // Where the routes go, before start().
  httplib::Server& http() { return m_server; }

  // Binds a free port and returns once the server listens on it; a fatal
  // test failure when it cannot (wrap in ASSERT_NO_FATAL_FAILURE to stop).
  void start() {
    m_port = m_server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(m_port, 0) << "cannot bind a port on 127.0.0.1";
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    for (int i = 0; i < 500 && !m_server.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_TRUE(m_server.is_running()) << "the test server on 127.0.0.1 did not start";
  }

  // Stops it and waits for its thread; nothing when it is not running.
  void stop() {
    if (m_thread.joinable()) {
      m_server.stop();
      m_thread.join();
    }
  }

  // "127.0.0.1:PORT" and "http://127.0.0.1:PORT" + path, once started.
  std::string host() const { return "127.0.0.1:" + std::to_string(m_port); }
  std::string url(const std::string& path = "") const { return "http://" + host() + path; }

private:
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
};

}  // namespace odometer::testing
