// Commits ever-growing ledger states to a store (a ledger file or a store
// URL) until it is killed: write number i adds day i (value i) to
// "test:writes:crash", so every state that was ever committed is "days
// 1..k, each day d holding d" for some k. A second, large series makes each
// write take long enough for a kill to land inside it.

#include <unistd.h>

#include <cstdio>
#include <string>

#include "core/ledger.hpp"
#include "store/store.hpp"

using odometer::Day;
using odometer::Kind;
using odometer::Ledger;
using odometer::Observation;
using odometer::SeriesKey;

int main(int argc, char** argv) {
  if (argc != 2) {
    (void)std::fputs("usage: crash_writer LEDGER|STORE-URL\n", stderr);
    return 2;
  }
  auto opened = odometer::open_store(argv[1]);
  if (!opened) {
    (void)std::fprintf(stderr, "crash_writer: %s\n", opened.error().message.c_str());
    return 1;
  }
  auto& store = *opened;
  const Day start = *Day::parse("2020-01-01");
  const SeriesKey counter = *SeriesKey::parse("test:writes:crash");
  const SeriesKey ballast = *SeriesKey::parse("test:ballast:crash");
  auto stored = store->load();
  if (!stored) {
    (void)std::fprintf(stderr, "crash_writer: %s\n", stored.error().message.c_str());
    return 1;
  }
  std::int32_t next = 1;
  if (const auto* series = stored->find(counter)) {
    next = static_cast<std::int32_t>(series->daily()->days().size()) + 1;
  }
  for (;; ++next) {
    Ledger change;
    (void)change.observe(Observation{counter, Kind::daily, start + next, next});
    for (std::int32_t d = 0; d < 2000; ++d) {
      (void)change.observe(Observation{ballast, Kind::daily, start + d, d});
    }
    if (auto ok = store->commit(change); !ok) {
      (void)std::fprintf(stderr, "crash_writer: %s\n", ok.error().message.c_str());
      return 1;
    }
    // One byte per commit tells the test the writer is in its loop.
    if (::write(STDOUT_FILENO, ".", 1) != 1) {
      return 1;
    }
  }
}
