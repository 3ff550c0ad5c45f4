#include "support/golden.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace odometer::testing {
namespace {

// The 1-based number of the line on which a and b first differ.
std::size_t first_differing_line(std::string_view a, std::string_view b) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) {
      return line;
    }
    if (a[i] == '\n') {
      ++line;
    }
  }
  return line;
}

}  // namespace

void expect_golden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path = std::filesystem::path(ODOMETER_FIXTURES) / name;
  const char* update = std::getenv("ODOMETER_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    std::cout << "updated golden file " << path << "\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path
                         << " (ODOMETER_UPDATE_GOLDEN=1 writes it)";
  std::ostringstream expected;
  expected << in.rdbuf();
  if (expected.str() != actual) {
    ADD_FAILURE() << path << " differs from the output, first at line "
                  << first_differing_line(expected.str(), actual) << " (expected "
                  << expected.str().size() << " bytes, got " << actual.size()
                  << "); if the change is intended, rerun with ODOMETER_UPDATE_GOLDEN=1 and "
                     "review the diff";
  }
}

}  // namespace odometer::testing
