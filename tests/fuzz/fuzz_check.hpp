#pragma once

// What every fuzz target does when a property fails: print why and abort,
// so that libFuzzer keeps the input as a crash.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, why)                                                    \
  do {                                                                                \
    if (!(condition)) {                                                               \
      (void)std::fprintf(stderr, "fuzz property failed: %s (%s)\n", why, #condition); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (false)
