#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "net/http.hpp"

namespace odometer {

struct CurlTransportOptions {
  // Requests in flight per host ("api.github.com"); others wait their turn.
  std::size_t default_in_flight_per_host = 8;
  std::map<std::string, std::size_t> in_flight_per_host;
  std::string user_agent;  // "odometer/VERSION" when empty
};

// How long a connection may take to open, and a whole request to finish.
inline constexpr std::chrono::seconds k_connect_timeout{10};
inline constexpr std::chrono::seconds k_request_timeout{60};

// The real transport: libcurl's multi interface on one worker thread, so
// every request of every caller shares one connection cache (keep-alive,
// HTTP/2 multiplexing where offered), compressed responses, per-host limits
// on requests in flight, and the proxy variables (http_proxy, https_proxy,
// no_proxy) that libcurl honours. Thread-safe.
std::unique_ptr<Transport> make_curl_transport(const CurlTransportOptions& options);

}  // namespace odometer
