// Load + merge + save of a ledger file of N series x 365 days: the work of
// every `observe`, `merge` and `collect` commit. Run:
//   build/bench/bench_ledger --benchmark_filter=load_merge_save

#include <benchmark/benchmark.h>

#include <filesystem>

#include "bench/ledger_generator.hpp"
#include "store/file_store.hpp"
#include "store/ledger_json.hpp"

namespace {

using namespace odometer;
using odometer::bench::make_ledger;

void load_merge_save(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() / "odometer-bench-ledger";
  std::filesystem::create_directories(dir);
  const auto path = dir / "ledger.json";
  std::filesystem::remove(path);
  const Ledger stored = make_ledger(state.range(0), 1);
  // The incoming change overlaps every series and grows some days, so the
  // file really is rewritten on each commit.
  std::uint64_t round = 2;
  {
    auto store = make_file_store(path);
    (void)store->commit(stored);
  }
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    state.PauseTiming();
    const Ledger change = make_ledger(state.range(0), round++);
    auto store = make_file_store(path);
    state.ResumeTiming();
    auto merged = store->commit(change);
    benchmark::DoNotOptimize(merged);
  }
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove_all(dir);
}
BENCHMARK(load_merge_save)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

void parse_only(benchmark::State& state) {
  const std::string text = write_ledger_json(make_ledger(state.range(0), 1));
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    auto ledger = parse_ledger_json(text, "bench");
    benchmark::DoNotOptimize(ledger);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(parse_only)->Arg(1000)->Unit(benchmark::kMillisecond);

void write_only(benchmark::State& state) {
  const Ledger ledger = make_ledger(state.range(0), 1);
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    auto text = write_ledger_json(ledger);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(write_only)->Arg(1000)->Unit(benchmark::kMillisecond);

void merge_only(benchmark::State& state) {
  const Ledger a = make_ledger(state.range(0), 1);
  const Ledger b = make_ledger(state.range(0), 2);
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    Ledger merged = a;
    auto ok = merged.merge(b);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(merge_only)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
