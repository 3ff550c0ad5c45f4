// Writes a generated ledger file for whole-run benchmarks:
//   make_ledger SERIES SEED OUT

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "bench/ledger_generator.hpp"
#include "store/ledger_json.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fputs("usage: make_ledger SERIES SEED OUT\n", stderr);
    return 2;
  }
  const auto ledger =
      odometer::bench::make_ledger(std::atoll(argv[1]), std::strtoull(argv[2], nullptr, 10));
  std::ofstream(argv[3], std::ios::binary) << odometer::write_ledger_json(ledger);
  return 0;
}
