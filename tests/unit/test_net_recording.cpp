// Record and replay: a RecordingTransport around a FakeTransport writes what
// came back, a ReplayTransport answers from it with no network. Replayed
// responses match (status, the kept headers, bodies byte for byte), the
// secrets never reach the disk, an unrecorded request is an error naming
// it, and the replay clock starts where the recording started.

#include "net/recording.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "net/client.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::FakeTransport;
using testing::make_response;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

const Timestamp k_started =
    Timestamp::from_unix_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                                     FakeTransport::default_start().time_since_epoch())
                                     .count());

const std::string k_token = "ghp_RecordMe42";
const std::string k_api = "https://api.github.com";
const std::string k_binary("\xff\xfe\x00\x01gzip?\x80\xc3(", 12);

Request get(const std::string& url) {
  Request request;
  request.url = url;
  request.headers = {{"Authorization", "Bearer " + k_token}, {"Accept", "application/json"}};
  return request;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// What the fake server answers: a JSON page with every kept header, a
// binary body, an error status, a transport failure, and the token echoed
// in a body and in a kept header.
Response serve(const Request& request) {
  if (request.url == k_api + "/orgs/acme/repos?page=1") {
    return make_response(200,
                         R"([{"full_name":"acme/a","description":"token )" + k_token + R"("}])",
                         {{"content-type", "application/json; charset=utf-8"},
                          {"etag", "W/\"" + k_token + "\""},
                          {"last-modified", "Sat, 02 May 2026 11:00:00 GMT"},
                          {"link", "<" + k_api + "/orgs/acme/repos?page=2>; rel=\"next\""},
                          {"x-ratelimit-limit", "5000"},
                          {"x-ratelimit-remaining", "4999"},
                          {"x-ratelimit-reset", "1777726800"},
                          {"set-cookie", "session=" + k_token},
                          {"x-github-request-id", "ABCD:1234"}});
  }
  if (request.url == k_api + "/blob") {
    return make_response(200, k_binary, {{"content-type", "application/octet-stream"}});
  }
  if (request.url == k_api + "/limited") {
    return make_response(429, "slow down", {{"retry-after", "7"}});
  }
  if (request.url == k_api + "/moved") {
    return make_response(302, "", {{"location", "https://objects.example.com/x"}});
  }
  if (request.url == k_api + "/down") {
    Response failed;
    failed.error = "Could not resolve host: api.github.com";
    return failed;
  }
  return make_response(404, R"({"message":"Not Found"})");
}

const std::vector<std::string> k_urls{
    k_api + "/orgs/acme/repos?page=1",
    k_api + "/blob",
    k_api + "/limited",
    k_api + "/moved",
    k_api + "/down",
    k_api + "/missing",
    k_api + "/search?access_token=" + k_token,
};

std::vector<Header> kept(const std::vector<Header>& headers) {
  static const std::vector<std::string_view> k_kept{
      "content-type",     "etag",        "last-modified",     "link",
      "location",         "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining",
      "x-ratelimit-reset"};
  std::vector<Header> out;
  for (const auto& header : headers) {
    if (std::find(k_kept.begin(), k_kept.end(), header.name) != k_kept.end()) {
      out.push_back(Header{header.name, replace_all(header.value, k_token, "[redacted]")});
    }
  }
  return out;
}

// Records every URL of k_urls into dir; returns what the fake answered.
std::vector<Response> record(const std::filesystem::path& dir) {
  FakeTransport fake(serve);
  auto recorder = make_recording_transport(fake, dir, {k_token, ""}, k_started);
  EXPECT_TRUE(recorder.ok()) << recorder.error().message;
  if (!recorder) {
    return {};
  }
  std::vector<Request> requests;
  for (const auto& url : k_urls) {
    requests.push_back(get(url));
  }
  auto responses = (*recorder)->send(requests);
  EXPECT_EQ(responses.size(), requests.size());
  // The recorder passes the answers through untouched.
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const Response expected = serve(requests[i]);
    EXPECT_EQ(responses[i].status, expected.status);
    EXPECT_EQ(responses[i].body, expected.body);
    EXPECT_EQ(responses[i].headers, expected.headers);
  }
  return responses;
}

TEST(Recording, ReplayGivesBackStatusKeptHeadersAndBodies) {
  TempDir dir;
  const auto recorded = record(dir.path());
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok()) << replay.error().message;
  for (std::size_t i = 0; i < k_urls.size(); ++i) {
    const Response answer = (*replay)->send({get(k_urls[i])}).at(0);
    const Response& original = recorded.at(i);
    SCOPED_TRACE(k_urls[i]);
    EXPECT_EQ(answer.status, original.status);
    EXPECT_EQ(answer.error, original.error);
    EXPECT_EQ(answer.headers, kept(original.headers));
    EXPECT_EQ(answer.body, replace_all(original.body, k_token, "[redacted]"));
  }
}

TEST(Recording, ANonUtf8BodyComesBackByteForByte) {
  TempDir dir;
  record(dir.path());
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok()) << replay.error().message;
  const Response answer = (*replay)->send({get(k_api + "/blob")}).at(0);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body.size(), k_binary.size());
  EXPECT_EQ(answer.body, k_binary);
}

TEST(Recording, TheSameRequestsInABatchAnswerInOrder) {
  TempDir dir;
  record(dir.path());
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  const auto answers =
      (*replay)->send({get(k_api + "/limited"), get(k_api + "/blob"), get(k_api + "/moved")});
  ASSERT_EQ(answers.size(), 3U);
  EXPECT_EQ(answers[0].status, 429);
  EXPECT_EQ(answers[0].header("retry-after"), "7");
  EXPECT_EQ(answers[1].body, k_binary);
  EXPECT_EQ(answers[2].status, 302);
  EXPECT_EQ(answers[2].header("location"), "https://objects.example.com/x");
}

TEST(Recording, TheTokenNeverReachesAnyRecordedFile) {
  TempDir dir;
  record(dir.path());
  std::size_t files = 0;
  bool redacted_seen = false;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) {
      continue;
    }
    ++files;
    const std::string text = read_file(entry.path());
    EXPECT_FALSE(contains(text, k_token)) << entry.path();
    EXPECT_FALSE(contains(entry.path().filename().string(), k_token)) << entry.path();
    redacted_seen = redacted_seen || contains(text, "[redacted]");
    // Headers that are not kept (cookies among them) are not written at all.
    EXPECT_FALSE(contains(text, "set-cookie")) << entry.path();
    EXPECT_FALSE(contains(text, "ABCD:1234")) << entry.path();
    EXPECT_FALSE(contains(text, "Authorization")) << entry.path();
  }
  EXPECT_EQ(files, k_urls.size() + 1);  // one per request, plus recording.json
  EXPECT_TRUE(redacted_seen);
}

TEST(Recording, ARequestNotRecordedIsAnErrorNamingIt) {
  TempDir dir;
  record(dir.path());
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  const std::string url = k_api + "/never/asked";
  const Response answer = (*replay)->send({get(url)}).at(0);
  EXPECT_EQ(answer.status, 0);
  EXPECT_TRUE(contains(answer.error, "GET " + url)) << answer.error;

  // The method is part of what was recorded.
  Request post = get(k_api + "/blob");
  post.method = "POST";
  const Response posted = (*replay)->send({post}).at(0);
  EXPECT_EQ(posted.status, 0);
  EXPECT_TRUE(contains(posted.error, "POST " + k_api + "/blob")) << posted.error;
}

TEST(Recording, TheReplayClockStartsAtTheRecordingsStart) {
  TempDir dir;
  const auto start = FakeTransport::default_start() + std::chrono::hours(30);
  {
    FakeTransport fake(serve, start);
    const auto started = Timestamp::from_unix_seconds(
        std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count());
    auto recorder = make_recording_transport(fake, dir.path(), {k_token}, started);
    ASSERT_TRUE(recorder.ok());
    EXPECT_EQ((*recorder)->now(), start);
    (*recorder)->sleep_for(std::chrono::seconds(5));
    EXPECT_EQ(fake.total_slept(), std::chrono::seconds(5));
    (void)(*recorder)->send({get(k_api + "/blob")});
  }
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ((*replay)->now(), start);
  (*replay)->sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ((*replay)->now(), start + std::chrono::milliseconds(2500));
}

TEST(Recording, ASecretInsideTheReplacementTextStillEnds) {
  TempDir dir;
  FakeTransport fake([](const Request&) { return make_response(200, "[redacted] redacted d"); });
  auto recorder = make_recording_transport(fake, dir.path(), {"redacted", "d"}, k_started);
  ASSERT_TRUE(recorder.ok());
  EXPECT_EQ((*recorder)->send({get(k_api + "/x")}).at(0).status, 200);
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  const std::string body = (*replay)->send({get(k_api + "/x")}).at(0).body;
  EXPECT_FALSE(contains(replace_all(body, "[redacted]", ""), "redacted")) << body;
}

TEST(Recording, ReplayNeedsARecording) {
  TempDir dir;
  auto replay = make_replay_transport(dir.path());
  ASSERT_FALSE(replay.ok());
  EXPECT_TRUE(contains(replay.error().message, dir.path().string())) << replay.error().message;
}

TEST(Recording, RecordingIntoAPathThatCannotBeAFolderFails) {
  TempDir dir;
  testing::write_file(dir / "file", "x");
  FakeTransport fake(serve);
  auto recorder = make_recording_transport(fake, dir / "file" / "sub", {k_token}, k_started);
  ASSERT_FALSE(recorder.ok());
  EXPECT_TRUE(contains(recorder.error().message, (dir / "file" / "sub").string()))
      << recorder.error().message;
}

TEST(Recording, AResponseThatCannotBeWrittenMakesTheRecordingReportItself) {
  TempDir dir;
  FakeTransport fake(serve);
  auto recorder = make_recording_transport(fake, dir / "rec", {k_token}, k_started);
  ASSERT_TRUE(recorder.ok()) << recorder.error().message;
  EXPECT_EQ((*recorder)->failure(), std::nullopt);
  // The folder disappears under the run and a file takes its place.
  std::filesystem::remove_all(dir / "rec");
  testing::write_file(dir / "rec", "x");
  Request request;
  request.url = "https://api.github.com/repos/o/r";
  const auto responses = (*recorder)->send({request});
  ASSERT_EQ(responses.size(), 1U);  // the run itself goes on
  const auto failure = (*recorder)->failure();
  ASSERT_TRUE(failure.has_value());
  EXPECT_TRUE(contains(*failure, (dir / "rec").string())) << *failure;
}

// The one response file of a recording of one request.
std::filesystem::path only_response_file(const std::filesystem::path& dir) {
  std::filesystem::path found;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename() != "recording.json") {
      EXPECT_TRUE(found.empty()) << "more than one response file";
      found = entry.path();
    }
  }
  return found;
}

std::filesystem::path record_one(const std::filesystem::path& dir, const std::string& url) {
  FakeTransport fake(serve);
  auto recorder = make_recording_transport(fake, dir, {k_token}, k_started);
  EXPECT_TRUE(recorder.ok());
  (void)(*recorder)->send({get(url)});
  return only_response_file(dir);
}

TEST(Recording, AReplayRefusesARecordingJsonOfAnotherFormat) {
  TempDir dir;
  record(dir.path());
  write_file(dir / "recording.json",
             R"({"format": "something-else", "started_at": "2026-05-02T12:00:00Z"})");
  auto replay = make_replay_transport(dir.path());
  ASSERT_FALSE(replay.ok());
  EXPECT_TRUE(contains(replay.error().message, "\"format\" is not \"odometer-recording\""))
      << replay.error().message;
}

TEST(Recording, AResponseFileWhoseUrlIsAnotherRequestsDoesNotAnswer) {
  TempDir dir;
  const auto file = record_one(dir.path(), k_api + "/blob");
  write_file(file, replace_all(read_file(file), k_api + "/blob", k_api + "/elsewhere"));
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  const Response answer = (*replay)->send({get(k_api + "/blob")}).at(0);
  EXPECT_EQ(answer.status, 0);
  EXPECT_TRUE(answer.permanent);
  EXPECT_TRUE(contains(answer.error, "its \"url\" differs")) << answer.error;
}

TEST(Recording, AUrlWhoseSecretWasHiddenStillMatchesItsRequest) {
  TempDir dir;
  const std::string url = k_api + "/search?access_token=" + k_token;
  record_one(dir.path(), url);
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  const Response answer = (*replay)->send({get(url)}).at(0);
  EXPECT_TRUE(answer.error.empty()) << answer.error;
  EXPECT_EQ(answer.status, 404);
}

TEST(Recording, AnUnreadableResponseFileIsNotRetried) {
  TempDir dir;
  const auto file = record_one(dir.path(), k_api + "/blob");
  write_file(file, "{ not json");
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  HttpClient client(**replay, ClientOptions{});
  const Fetched fetched = client.fetch(get(k_api + "/blob"));
  EXPECT_FALSE(fetched.ok());
  EXPECT_TRUE(contains(fetched.error.message, "unreadable recording")) << fetched.error.message;
  EXPECT_EQ(client.stats().sent, 1U);
  EXPECT_EQ(client.stats().retries, 0U);
}

TEST(Recording, AJsonObjectBodyIsNamedAsSuchNotEmpty) {
  TempDir dir;
  const auto file = record_one(dir.path(), k_api + "/blob");
  std::string text = read_file(file);
  const auto body = text.find("\"body_hex\"");
  ASSERT_NE(body, std::string::npos);
  text = text.substr(0, body) + R"("body": {"count": 3}})" + "\n";
  write_file(file, text);
  auto replay = make_replay_transport(dir.path());
  ASSERT_TRUE(replay.ok());
  const Response answer = (*replay)->send({get(k_api + "/blob")}).at(0);
  EXPECT_EQ(answer.status, 0);
  EXPECT_TRUE(contains(answer.error, "\"body\" is not a string")) << answer.error;
}

// Found by fuzz_files: a start past 2262 overflowed the nanosecond clock.
TEST(Recording, AStartBeyondWhatTheClockHoldsIsRefusedNotOverflowed) {
  TempDir dir;
  for (const char* started : {"8424-12-01T21:47:01Z", "2263-01-01T00:00:00Z"}) {
    write_file(
        dir / "recording.json",
        std::string(R"({"format": "odometer-recording", "started_at": ")") + started + "\"}\n");
    auto replay = make_replay_transport(dir.path());
    ASSERT_FALSE(replay.ok()) << started;
    EXPECT_TRUE(contains(replay.error().message, "outside what the clock can replay"))
        << replay.error().message;
  }
}

}  // namespace
}  // namespace odometer
