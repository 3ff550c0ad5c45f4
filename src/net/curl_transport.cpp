// One worker thread drives a curl multi handle. Callers hand it a batch and
// wait; the worker admits requests while their host is under its in-flight
// limit, runs the multi loop, and completes each batch when its last
// response is in. Keeping a single multi handle for the process keeps its
// connections alive between batches.

#include "net/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "odometer/version.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

// A batch that a caller waits on.
struct Batch {
  std::vector<Response> responses;
  std::size_t remaining = 0;
};

struct Job {
  const Request* request = nullptr;
  Response* response = nullptr;
  Batch* batch = nullptr;
  std::string host;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<Response*>(user)->body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<Response*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    response->headers.clear();  // a new response (after 100 Continue, say)
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    response->headers.push_back(Header{ascii_lowercase(line.substr(0, colon)), std::string(value)});
  }
  return size * count;
}

class CurlTransport final : public Transport {
public:
  explicit CurlTransport(CurlTransportOptions options) : m_options(std::move(options)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (m_options.user_agent.empty()) {
      m_options.user_agent = std::string("odometer/") + k_version;
    }
    m_multi = curl_multi_init();
    m_worker = std::thread([this] { run(); });
  }

  ~CurlTransport() override {
    {
      const std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    curl_multi_wakeup(m_multi);
    m_worker.join();
    curl_multi_cleanup(m_multi);
  }

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  std::vector<Response> send(const std::vector<Request>& requests) override {
    Batch batch;
    batch.responses.resize(requests.size());
    batch.remaining = requests.size();
    if (requests.empty()) {
      return {};
    }
    {
      const std::lock_guard lock(m_mutex);
      for (std::size_t i = 0; i < requests.size(); ++i) {
        m_incoming.push_back(
            Job{&requests[i], &batch.responses[i], &batch, url_host(requests[i].url)});
      }
    }
    curl_multi_wakeup(m_multi);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return batch.remaining == 0; });
    return std::move(batch.responses);
  }

  std::chrono::system_clock::time_point now() override { return std::chrono::system_clock::now(); }

  void sleep_for(std::chrono::milliseconds duration) override {
    std::this_thread::sleep_for(duration);
  }

private:
  std::size_t limit_for(const std::string& host) const {
    const auto it = m_options.in_flight_per_host.find(host);
    return std::max<std::size_t>(1, it != m_options.in_flight_per_host.end()
                                        ? it->second
                                        : m_options.default_in_flight_per_host);
  }

  void start(Job& job) {
    job.easy = curl_easy_init();
    CURL* easy = job.easy;
    const Request& request = *job.request;
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl has
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::chrono::milliseconds(k_connect_timeout).count()));
    const auto total = std::min<std::chrono::milliseconds>(
        k_request_timeout, request.timeout.value_or(k_request_timeout));
    // At least 1 ms: 0 would mean "no timeout" to libcurl.
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max<std::int64_t>(1, total.count())));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, job.response);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, job.response);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &job);
    for (const auto& header : request.headers) {
      job.headers = curl_slist_append(job.headers, (header.name + ": " + header.value).c_str());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, job.headers);
    if (request.method == "POST") {
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
    } else if (request.method != "GET") {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_multi_add_handle(m_multi, easy);
    ++m_in_flight[job.host];
  }

  void finish(Job& job, CURLcode result) {
    long status = 0;
    curl_easy_getinfo(job.easy, CURLINFO_RESPONSE_CODE, &status);
    Response& response = *job.response;
    response.status = static_cast<int>(status);
    if (result != CURLE_OK) {
      response.status = 0;
      response.error = curl_easy_strerror(result);
      response.timed_out = result == CURLE_OPERATION_TIMEDOUT;
    }
    curl_multi_remove_handle(m_multi, job.easy);
    curl_easy_cleanup(job.easy);
    curl_slist_free_all(job.headers);
    --m_in_flight[job.host];
    const std::lock_guard lock(m_mutex);
    if (--job.batch->remaining == 0) {
      m_done.notify_all();
    }
  }

  // Starts waiting jobs whose host has room, oldest first.
  void admit() {
    {
      const std::lock_guard lock(m_mutex);
      while (!m_incoming.empty()) {
        m_waiting.push_back(std::move(m_incoming.front()));
        m_incoming.pop_front();
      }
    }
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
      if (m_in_flight[it->host] < limit_for(it->host)) {
        m_running.push_back(std::move(*it));
        start(m_running.back());
        it = m_waiting.erase(it);
      } else {
        ++it;
      }
    }
  }

  void run() {
    for (;;) {
      {
        const std::lock_guard lock(m_mutex);
        if (m_stopping && m_incoming.empty() && m_waiting.empty() && m_running.empty()) {
          return;
        }
      }
      admit();
      int running = 0;
      curl_multi_perform(m_multi, &running);
      int queued = 0;
      bool finished = false;
      while (CURLMsg* message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE) {
          continue;
        }
        Job* job = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &job);
        const CURLcode result = message->data.result;
        finish(*job, result);
        m_running.erase(std::find_if(m_running.begin(), m_running.end(),
                                     [&](const Job& j) { return &j == job; }));
        finished = true;
      }
      if (finished) {
        // A finished request frees a slot of its host: admit the next one
        // now, not after poll — with nothing left running, poll would sleep
        // its full timeout before the waiting request could start.
        continue;
      }
      curl_multi_poll(m_multi, nullptr, 0, 1000, nullptr);
    }
  }

  CurlTransportOptions m_options;
  CURLM* m_multi = nullptr;
  std::thread m_worker;
  std::mutex m_mutex;
  std::condition_variable m_done;
  bool m_stopping = false;
  std::deque<Job> m_incoming;  // guarded by m_mutex
  std::deque<Job> m_waiting;   // worker only
  std::list<Job> m_running;    // worker only; a list keeps each Job where CURLOPT_PRIVATE points
  std::unordered_map<std::string, std::size_t> m_in_flight;  // worker only
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(const CurlTransportOptions& options) {
  return std::make_unique<CurlTransport>(options);
}

}  // namespace odometer
