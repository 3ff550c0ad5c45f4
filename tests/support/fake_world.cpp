#include "support/fake_world.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <regex>
#include <utility>

namespace odometer::testing {

namespace {

constexpr std::int32_t k_npm_range_days = 548;  // about 18 months
constexpr std::int32_t k_npm_bulk_days = 365;
constexpr std::int32_t k_pypi_days = 180;
constexpr std::int32_t k_crates_days = 90;
constexpr std::int32_t k_traffic_days = 14;
const Day k_npm_first_day = *Day::parse("2015-01-10");

std::uint64_t mix(std::string_view name, std::int64_t salt) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  hash ^= static_cast<std::uint64_t>(salt);
  hash *= 1099511628211ULL;
  return hash ^ (hash >> 29U);
}

Count small_count(std::string_view name, Day day, std::uint64_t spread) {
  return mix(name, day.days_since_epoch()) % spread;
}

void send_json(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, "application/json; charset=utf-8");
}

std::string json_quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) {
      return parts;
    }
    start = end + 1;
  }
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

FakeWorld::FakeWorld(Day today) : m_today(today), m_started(today) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    handle(request, response);
  };
  for (const std::string api : {"github", "npm", "pypi", "crates"}) {
    auto listener = std::make_unique<Listener>();
    listener->server.new_task_queue = [] { return new httplib::ThreadPool(32); };
    listener->server.set_keep_alive_timeout(1);  // an idle connection must not hold a thread long
    listener->server.set_tcp_nodelay(true);
    listener->server.Get(".*", handler);
    listener->server.Post(".*", handler);
    m_listeners[api] = std::move(listener);
  }
}

FakeWorld::~FakeWorld() {
  stop();
}

bool FakeWorld::start() {
  for (auto& [api, listener] : m_listeners) {
    listener->port = listener->server.bind_to_any_port("127.0.0.1");
    if (listener->port <= 0) {
      return false;
    }
    Listener* raw = listener.get();
    listener->thread = std::thread([raw] { raw->server.listen_after_bind(); });
    for (int i = 0; i < 1000 && !listener->server.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!listener->server.is_running()) {
      return false;
    }
  }
  return true;
}

void FakeWorld::stop() {
  for (auto& [api, listener] : m_listeners) {
    if (listener->thread.joinable()) {
      listener->server.stop();
      listener->thread.join();
    }
  }
}

std::string FakeWorld::url(const std::string& api) const {
  return "http://127.0.0.1:" + std::to_string(m_listeners.at(api)->port);
}

void FakeWorld::set_today(Day today) {
  const std::lock_guard lock(m_mutex);
  m_today = today;
}

void FakeWorld::fail(const std::string& prefix, int status) {
  const std::lock_guard lock(m_mutex);
  m_failures[prefix] = status;
}

std::vector<FakeWorld::Seen> FakeWorld::seen() const {
  const std::lock_guard lock(m_mutex);
  return m_seen;
}

const std::vector<std::string>& FakeWorld::repositories() {
  static const std::vector<std::string> k_names{".github",
                                                "cycles-agent-action-authority-demo",
                                                "cycles-client-python",
                                                "cycles-client-rust",
                                                "cycles-client-typescript",
                                                "cycles-dashboard",
                                                "cycles-mcp-server",
                                                "cycles-openai-agents",
                                                "cycles-openclaw-budget-guard",
                                                "cycles-protocol",
                                                "cycles-runaway-demo",
                                                "cycles-server",
                                                "cycles-server-admin",
                                                "cycles-server-events",
                                                "cycles-spring-boot-starter",
                                                "docs"};
  return k_names;
}

const std::vector<std::string>& FakeWorld::npm_packages() {
  static const std::vector<std::string> k_names{"runcycles", "@runcycles/client",
                                                "@runcycles/mcp-server"};
  return k_names;
}

const std::vector<std::string>& FakeWorld::pypi_packages() {
  static const std::vector<std::string> k_names{"runcycles", "runcycles-openai-agents"};
  return k_names;
}

const std::vector<std::string>& FakeWorld::crates() {
  static const std::vector<std::string> k_names{"runcycles"};
  return k_names;
}

Day FakeWorld::npm_created(const std::string& package) {
  // Four years and some days before 2026-11-28, different per package.
  return *Day::parse("2022-11-01") + static_cast<std::int32_t>(mix(package, 1) % 200);
}

Count FakeWorld::npm_day(const std::string& package, Day day) {
  return day < npm_created(package) ? 0 : small_count(package, day, 40);
}

Count FakeWorld::pypi_day(const std::string& package, Day day) {
  return small_count("pypi:" + package, day, 30);
}

Count FakeWorld::crate_total(const std::string& crate) const {
  // All-time: a base plus everything of the 90-day window.
  Count total = 49;
  const Day today = [&] {
    const std::lock_guard lock(m_mutex);
    return m_today;
  }();
  for (Day day = today - k_crates_days; day < today; day = day + 1) {
    total += crate_day(crate, day);
  }
  return total;
}

Count FakeWorld::crate_day(const std::string& crate, Day day) {
  return small_count("crate:" + crate, day, 5);
}

Count FakeWorld::clones_day(const std::string& repo, Day day) {
  return small_count("clones:" + repo, day, 60);
}

Count FakeWorld::views_day(const std::string& repo, Day day) {
  return small_count("views:" + repo, day, 200);
}

Count FakeWorld::release_downloads(const std::string& repo) {
  return repo == "cycles-server" || repo == "cycles-dashboard" ? mix(repo, 2) % 500 : 0;
}

void FakeWorld::handle(const httplib::Request& request, httplib::Response& response) {
  {
    const std::lock_guard lock(m_mutex);
    m_seen.push_back(Seen{request.target, request.get_header_value("Authorization"),
                          request.get_header_value("User-Agent")});
    for (const auto& [prefix, status] : m_failures) {
      if (request.path.starts_with(prefix)) {
        send_json(response, status, R"({"error":"injected failure"})");
        return;
      }
    }
  }
  static const std::regex k_npm(R"(/downloads/range/([^/]+)/(.+))");
  static const std::regex k_pypi(R"(/api/packages/([^/]+)/overall)");
  static const std::regex k_crate(R"(/api/v1/crates/([^/]+)(/downloads)?)");
  std::smatch match;
  const std::string& path = request.path;  // decoded: "@runcycles/client" arrives whole
  if (std::regex_match(path, match, k_npm)) {
    // As npm documents it: "@scope/name" in range requests; the encoded
    // "@scope%2Fname" is for the per-version endpoint only, a 404 here.
    if (request.target.find("%2F") != std::string::npos ||
        request.target.find("%2f") != std::string::npos) {
      send_json(response, 404, R"({"error":"not found"})");
      return;
    }
    npm_range(match[1], match[2], response);
  } else if (std::regex_match(path, match, k_pypi)) {
    pypi_overall(match[1], request.get_param_value("mirrors") == "true", response);
  } else if (std::regex_match(path, match, k_crate)) {
    crate(match[1], match[2].matched, response);
  } else if (path.starts_with("/orgs/") || path.starts_with("/repos/")) {
    github(request, response);
  } else {
    send_json(response, 404, R"({"message":"Not Found"})");
  }
}

void FakeWorld::npm_range(const std::string& period, const std::string& names,
                          httplib::Response& response) {
  const auto dash = period.find(':');
  const auto first = Day::parse(period.substr(0, dash));
  const auto last = dash == std::string::npos ? first : Day::parse(period.substr(dash + 1));
  if (!first || !last || *last < *first) {
    send_json(response, 400, R"({"error":"invalid date range"})");
    return;
  }
  const auto packages = split(names, ',');
  const bool bulk = packages.size() > 1;
  if (bulk && std::any_of(packages.begin(), packages.end(),
                          [](const std::string& name) { return name.starts_with("@"); })) {
    send_json(response, 400, R"({"error":"scoped packages not supported in bulk queries"})");
    return;
  }
  if (packages.size() > 128) {
    send_json(response, 400, R"({"error":"too many packages"})");
    return;
  }
  Day today;
  {
    const std::lock_guard lock(m_mutex);
    today = m_today;
  }
  // Like npm: no data after yesterday or before 2015-01-10, and a range
  // that is too long is cut to its newest part without a word.
  const Day end = std::min(*last, today - 1);
  Day start = std::max(*first, k_npm_first_day);
  start = std::max(start, end - ((bulk ? k_npm_bulk_days : k_npm_range_days) - 1));
  const auto one = [&](const std::string& name) {
    std::string body = R"({"start":")" + start.to_string() + R"(","end":")" + end.to_string() +
                       R"(","package":")" + name + R"(","downloads":[)";
    for (Day day = start; day <= end; day = day + 1) {
      body += (day == start ? "" : ",") + std::string(R"({"downloads":)") +
              std::to_string(npm_day(name, day)) + R"(,"day":")" + day.to_string() + "\"}";
    }
    return body + "]}";
  };
  if (!bulk) {
    if (!contains(npm_packages(), packages[0])) {
      send_json(response, 404, R"({"error":"package )" + packages[0] + R"( not found"})");
      return;
    }
    send_json(response, 200, one(packages[0]));
    return;
  }
  std::string body = "{";
  for (std::size_t i = 0; i < packages.size(); ++i) {
    body += (i == 0 ? "" : ",") + json_quoted(packages[i]) + ":" +
            (contains(npm_packages(), packages[i]) ? one(packages[i]) : "null");
  }
  send_json(response, 200, body + "}");
}

void FakeWorld::pypi_overall(const std::string& name, bool mirrors, httplib::Response& response) {
  if (!contains(pypi_packages(), name)) {
    send_json(response, 404, R"({"message":"Not Found"})");
    return;
  }
  Day today;
  {
    const std::lock_guard lock(m_mutex);
    today = m_today;
  }
  const std::string category = mirrors ? "with_mirrors" : "without_mirrors";
  std::string body = R"({"data":[)";
  for (Day day = today - k_pypi_days; day < today; day = day + 1) {
    const Count count = pypi_day(name, day) + (mirrors ? 7 : 0);
    body += (day == today - k_pypi_days ? "" : ",") + std::string(R"({"category":")") + category +
            R"(","date":")" + day.to_string() + R"(","downloads":)" + std::to_string(count) + "}";
  }
  send_json(response, 200, body + R"(],"package":")" + name + R"(","type":"overall_downloads"})");
}

void FakeWorld::crate(const std::string& name, bool downloads, httplib::Response& response) {
  if (!contains(crates(), name)) {
    send_json(response, 404, R"({"errors":[{"detail":"crate `)" + name + R"(` does not exist"}]})");
    return;
  }
  if (!downloads) {
    send_json(response, 200,
              R"({"crate":{"id":")" + name + R"(","name":")" + name + R"(","downloads":)" +
                  std::to_string(crate_total(name)) +
                  R"(,"recent_downloads":null,"max_version":"0.3.1"},"versions":null})");
    return;
  }
  Day today;
  {
    const std::lock_guard lock(m_mutex);
    today = m_today;
  }
  // The newest version takes about two thirds of a day; the rest is "extra".
  std::string versions = R"({"version_downloads":[)";
  std::string extra = R"(],"meta":{"extra_downloads":[)";
  for (Day day = today - k_crates_days; day < today; day = day + 1) {
    const Count total = crate_day(name, day);
    const Count newest = total * 2 / 3;
    const std::string sep = day == today - k_crates_days ? "" : ",";
    versions += sep + R"({"date":")" + day.to_string() + R"(","downloads":)" +
                std::to_string(newest) + R"(,"version":1476105})";
    extra += sep + R"({"date":")" + day.to_string() + R"(","downloads":)" +
             std::to_string(total - newest) + "}";
  }
  send_json(response, 200, versions + extra + "]}}");
}

void FakeWorld::github(const httplib::Request& request, httplib::Response& response) {
  const std::string& path = request.path;
  Day today;
  {
    const std::lock_guard lock(m_mutex);
    today = m_today;
  }
  const std::string prefix = "/repos/" + std::string(org) + "/";
  if (path == "/orgs/" + std::string(org) + "/repos") {
    std::string body = "[";
    for (const auto& name : repositories()) {
      body += (body.size() > 1 ? "," : "") + std::string(R"({"name":")") + name +
              R"(","full_name":")" + org + "/" + name +
              R"(","fork":false,"archived":false,"private":false,"stargazers_count":)" +
              std::to_string(mix(name, 3) % 90) + R"(,"forks_count":)" +
              std::to_string(forks(name).size()) + "}";
    }
    send_json(response, 200, body + "]");
    return;
  }
  if (!path.starts_with(prefix)) {
    send_json(response, 404, R"({"message":"Not Found"})");
    return;
  }
  const std::string rest = path.substr(prefix.size());
  const auto slash = rest.find('/');
  const std::string repo = rest.substr(0, slash);
  const std::string what = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (!contains(repositories(), repo)) {
    send_json(response, 404, R"({"message":"Not Found"})");
    return;
  }
  if (what == "traffic/clones" || what == "traffic/views") {
    const bool clones = what == "traffic/clones";
    const std::string field = clones ? "clones" : "views";
    Count count = 0;
    Count uniques = 0;
    std::string days;
    for (Day day = today - (k_traffic_days - 1); day <= today; day = day + 1) {
      const Count n = clones ? clones_day(repo, day) : views_day(repo, day);
      if (n == 0) {
        continue;  // GitHub leaves out days without traffic
      }
      count += n;
      uniques += n / 3 + 1;
      days += (days.empty() ? "" : ",") + std::string(R"({"timestamp":")") + day.to_string() +
              R"(T00:00:00Z","count":)" + std::to_string(n) + R"(,"uniques":)" +
              std::to_string(n / 3 + 1) + "}";
    }
    send_json(response, 200,
              R"({"count":)" + std::to_string(count) + R"(,"uniques":)" + std::to_string(uniques) +
                  R"(,")" + field + R"(":[)" + days + "]}");
  } else if (what == "traffic/popular/referrers") {
    send_json(response, 200,
              R"([{"referrer":"github.com","count":)" + std::to_string(mix(repo, 5) % 300) +
                  R"(,"uniques":9},{"referrer":"runcycles.io","count":)" +
                  std::to_string(mix(repo, 6) % 100) + R"(,"uniques":4}])");
  } else if (what == "traffic/popular/paths") {
    send_json(response, 200,
              R"([{"path":"/)" + std::string(org) + "/" + repo + R"(","title":")" + repo +
                  R"(","count":)" + std::to_string(mix(repo, 7) % 400) + R"(,"uniques":12}])");
  } else if (what == "stargazers/history") {
    star_history(repo, request, response);
  } else if (what == "forks") {
    fork_list(repo, request, response);
  } else if (what == "releases") {
    const Count downloads = release_downloads(repo);
    send_json(response, 200,
              downloads == 0
                  ? "[]"
                  : R"([{"id":1,"tag_name":"v1.0.0","assets":[{"id":7,"name":")" + repo +
                        R"(.tar.gz","download_count":)" + std::to_string(downloads) + "}]}]");
  } else {
    send_json(response, 404, R"({"message":"Not Found"})");
  }
}

Day FakeWorld::created(const std::string& repo) const {
  // cycles-server three years before the first day; the others younger.
  return m_started -
         (repo == "cycles-server" ? 3 * 365 : 300 + static_cast<std::int32_t>(mix(repo, 8) % 700));
}

Count FakeWorld::stars_day(const std::string& repo, Day day) const {
  Day today;
  {
    const std::lock_guard lock(m_mutex);
    today = m_today;
  }
  if (day < created(repo) || today < day) {
    return 0;
  }
  return small_count("stars:" + repo, day, 4);
}

std::vector<FakeWorld::Fork> FakeWorld::forks(const std::string& repo) const {
  std::vector<Fork> out;
  const Day first = created(repo) + 3;
  if (repo == "cycles-server") {
    // Three a day every 13 days, so that a day straddles pages 1 and 2
    // (forks 99, 100 and 101).
    for (std::int64_t i = 0; i < 250; ++i) {
      const Day day = first + static_cast<std::int32_t>((i / 3) * 13);
      out.push_back(
          Fork{1'000'000 + i, Timestamp::from_unix_seconds(Timestamp::start_of(day).unix_seconds() +
                                                           9 * 3600 + i * 60)});
    }
  } else {
    const auto count = static_cast<std::int64_t>(mix(repo, 4) % 12);
    for (std::int64_t i = 0; i < count; ++i) {
      const Day day = first + static_cast<std::int32_t>(i * 20);
      out.push_back(
          Fork{static_cast<std::int64_t>(mix(repo, 9 + i) % 1'000'000),
               Timestamp::from_unix_seconds(Timestamp::start_of(day).unix_seconds() + 3600)});
    }
  }
  const std::lock_guard lock(m_mutex);
  if (const auto added = m_added_forks.find(repo); added != m_added_forks.end()) {
    out.insert(out.end(), added->second.begin(), added->second.end());
  }
  if (const auto deleted = m_deleted_forks.find(repo); deleted != m_deleted_forks.end()) {
    std::erase_if(out, [&](const Fork& fork) {
      return std::find(deleted->second.begin(), deleted->second.end(), fork.id) !=
             deleted->second.end();
    });
  }
  std::stable_sort(out.begin(), out.end(), [](const Fork& a, const Fork& b) {
    return a.created.unix_seconds() < b.created.unix_seconds();
  });
  return out;
}

void FakeWorld::add_fork(const std::string& repo, Timestamp when) {
  const std::lock_guard lock(m_mutex);
  auto& added = m_added_forks[repo];
  added.push_back(Fork{2'000'000 + static_cast<std::int64_t>(added.size()), when});
}

void FakeWorld::delete_fork(const std::string& repo, std::int64_t id) {
  const std::lock_guard lock(m_mutex);
  m_deleted_forks[repo].push_back(id);
}

namespace {

// GitHub's pagination: per_page (default 30, at most 100) and page (from
// 1); a page past the end is an empty list.
struct Paging {
  std::size_t per_page = 30;
  std::size_t page = 1;
};

std::optional<Paging> paging(const httplib::Request& request) {
  Paging out;
  for (auto [name, field] :
       {std::pair{"per_page", &Paging::per_page}, std::pair{"page", &Paging::page}}) {
    if (!request.has_param(name)) {
      continue;
    }
    const std::string text = request.get_param_value(name);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 6) {
      return std::nullopt;
    }
    out.*field = std::stoul(text);
  }
  out.per_page = std::clamp<std::size_t>(out.per_page, 1, 100);
  out.page = std::max<std::size_t>(out.page, 1);
  return out;
}

// The link header of page `page` of `pages`, as GitHub writes it: the
// request's query with page replaced.
std::string link_header(const std::string& base, const httplib::Request& request, std::size_t page,
                        std::size_t pages) {
  const auto target = [&](std::size_t to) {
    std::string query;
    for (const auto& [name, value] : request.params) {
      if (name != "page") {
        query += (query.empty() ? "" : "&") + name + "=" + value;
      }
    }
    query += (query.empty() ? "" : "&") + std::string("page=") + std::to_string(to);
    return "<" + base + request.path + "?" + query + ">";
  };
  std::string out;
  const auto add = [&](std::size_t to, const char* rel) {
    out += (out.empty() ? "" : ", ") + target(to) + "; rel=\"" + rel + "\"";
  };
  if (page < pages) {
    add(page + 1, "next");
    add(pages, "last");
  }
  if (page > 1) {
    add(1, "first");
    add(std::min(page - 1, pages), "prev");
  }
  return out;
}

}  // namespace

void FakeWorld::star_history(const std::string& repo, const httplib::Request& request,
                             httplib::Response& response) {
  const auto pages = paging(request);
  if (!pages) {
    send_json(response, 422, R"({"message":"Validation Failed"})");
    return;
  }
  Day today;
  {
    const std::lock_guard lock(m_mutex);
    today = m_today;
  }
  // Weeks start on Sunday; 1970-01-01 was a Thursday.
  const auto week_of = [](Day day) { return day - ((day.days_since_epoch() + 4) % 7); };
  std::vector<Day> weeks;
  for (Day week = week_of(today); !(week < week_of(created(repo))); week = week - 7) {
    weeks.push_back(week);
  }
  const std::size_t count = (weeks.size() + pages->per_page - 1) / pages->per_page;
  std::string body = "[";
  for (std::size_t i = (pages->page - 1) * pages->per_page;
       i < weeks.size() && i < pages->page * pages->per_page; ++i) {
    std::string days;
    for (std::int32_t d = 0; d < 7; ++d) {
      days += (d == 0 ? "" : ",") + std::to_string(stars_day(repo, weeks[i] + d));
    }
    body += (body.size() > 1 ? "," : "") + std::string(R"({"week":)") +
            std::to_string(static_cast<std::int64_t>(weeks[i].days_since_epoch()) * 86400) +
            R"(,"days":[)" + days + "]}";
  }
  if (const auto link = link_header(url("github"), request, pages->page, count); !link.empty()) {
    response.set_header("Link", link);
  }
  send_json(response, 200, body + "]");
}

void FakeWorld::fork_list(const std::string& repo, const httplib::Request& request,
                          httplib::Response& response) {
  const auto pages = paging(request);
  const std::string sort = request.has_param("sort") ? request.get_param_value("sort") : "newest";
  if (!pages ||
      (sort != "newest" && sort != "oldest" && sort != "stargazers" && sort != "watchers")) {
    send_json(response, 422, R"({"message":"Validation Failed"})");
    return;
  }
  auto all = forks(repo);
  if (sort != "oldest") {
    std::reverse(all.begin(), all.end());  // newest first (stars and watchers are all 0)
  }
  const std::size_t count = (all.size() + pages->per_page - 1) / pages->per_page;
  std::string body = "[";
  for (std::size_t i = (pages->page - 1) * pages->per_page;
       i < all.size() && i < pages->page * pages->per_page; ++i) {
    const std::string created = all[i].created.to_string();
    body += (body.size() > 1 ? "," : "") + std::string(R"({"id":)") + std::to_string(all[i].id) +
            R"(,"name":")" + repo + R"(","full_name":"user)" + std::to_string(all[i].id) + "/" +
            repo + R"(","fork":true,"created_at":")" + created + R"(","updated_at":")" + created +
            R"(","stargazers_count":0,"forks_count":0})";
  }
  if (const auto link = link_header(url("github"), request, pages->page, count); !link.empty()) {
    response.set_header("Link", link);
  }
  send_json(response, 200, body + "]");
}

}  // namespace odometer::testing
