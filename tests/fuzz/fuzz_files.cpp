// The readers of odometer's own small files on arbitrary bytes: a
// recording's recording.json, one recorded response file as a replay reads
// it, and the last-run note. Each accepts or names the problem, never
// crashes; a response file that cannot be read answers with its reason only.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "collect/last_run.hpp"
#include "fuzz_check.hpp"
#include "net/recording.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

const odometer::Request& request() {
  static const odometer::Request get{.url = "https://fuzz.example/api/r"};
  return get;
}

// Answers every request with one fixed response, to record it.
class OneAnswer final : public odometer::Transport {
public:
  std::vector<odometer::Response> send(const std::vector<odometer::Request>& requests) override {
    return std::vector<odometer::Response>(requests.size(), odometer::Response{.status = 200});
  }
  Clock::time_point now() override {
    return Clock::time_point(std::chrono::seconds(1'777'000'000));
  }
  void sleep_for(std::chrono::milliseconds) override {}
};

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

struct Folders {
  fs::path recording;      // a real recording of request(), whose response file is replaced
  fs::path response_file;  // that file
  std::string recording_json;
  fs::path scratch;  // recording.json and the note are replaced here
};

const Folders& folders() {
  static const Folders made = [] {
    std::string base = (fs::temp_directory_path() / "odometer-fuzz-XXXXXX").string();
    if (::mkdtemp(base.data()) == nullptr) {
      std::abort();
    }
    Folders f;
    f.recording = fs::path(base) / "recording";
    f.scratch = fs::path(base) / "scratch";
    fs::create_directories(f.scratch);
    OneAnswer inner;
    auto recorder = odometer::make_recording_transport(
        inner, f.recording, {}, odometer::Timestamp::from_unix_seconds(1'777'000'000));
    FUZZ_CHECK(recorder.ok(), "a recording can be made");
    (void)(*recorder)->send({request()});
    for (const auto& entry : fs::directory_iterator(f.recording)) {
      if (entry.path().filename() != "recording.json") {
        f.response_file = entry.path();
      }
    }
    FUZZ_CHECK(!f.response_file.empty(), "the recording holds the response");
    return f;
  }();
  return made;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Folders& f = folders();

  write(f.scratch / "recording.json", text);
  auto replay = odometer::make_replay_transport(f.scratch);
  FUZZ_CHECK(replay.ok() || !replay.error().message.empty(), "an error names its problem");

  write(f.response_file, text);
  auto from_recording = odometer::make_replay_transport(f.recording);
  FUZZ_CHECK(from_recording.ok(), "the recording's own recording.json reads");
  const auto responses = (*from_recording)->send({request()});
  FUZZ_CHECK(responses.size() == 1, "one response per request");
  if (responses[0].permanent) {
    FUZZ_CHECK(!responses[0].error.empty() && responses[0].body.empty() && responses[0].status == 0,
               "a response file that could not be read says why and carries nothing");
  }

  write(f.scratch / "last-run.json", text);
  auto note = odometer::read_last_run(f.scratch / "last-run.json");
  FUZZ_CHECK(note.ok() || !note.error().message.empty(), "an error names its problem");
  return 0;
}
