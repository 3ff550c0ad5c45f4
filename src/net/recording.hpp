#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/timestamp.hpp"
#include "net/http.hpp"

namespace odometer {

// A Transport that records what passes through it.
class Recorder : public Transport {
public:
  // The first response that could not be written (file and cause), if any:
  // the recording is then incomplete and must not be trusted for a replay.
  virtual std::optional<std::string> failure() const = 0;
};

// Wraps `inner` and writes every response into dir, one JSON file per
// method and URL (the last response wins), with the headers that matter and
// every occurrence of the secrets replaced by "[redacted]". Request headers
// (the token among them) are never written. dir/recording.json keeps the
// time the recording started, so that a replay sees the same clock.
// Returns an error if dir cannot be created.
// `started` is the run's clock reading, the one its observations use.
Result<std::unique_ptr<Recorder>> make_recording_transport(Transport& inner,
                                                           std::filesystem::path dir,
                                                           std::vector<std::string> secrets,
                                                           Timestamp started);

// Answers from a recording without any network. A request that was not
// recorded gets a response with status 0 and an error naming the method and
// URL. The clock starts at the recording's start and moves only by sleeps.
// Returns an error if dir holds no recording.
Result<std::unique_ptr<Transport>> make_replay_transport(const std::filesystem::path& dir);

}  // namespace odometer
