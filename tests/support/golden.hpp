#pragma once

#include <string>

namespace odometer::testing {

// Compares actual byte for byte with the golden file tests/fixtures/NAME and
// fails the test on any difference (naming the first differing line). With
// ODOMETER_UPDATE_GOLDEN=1 in the environment it writes actual to the file
// instead, to be reviewed by eye and committed:
//   ODOMETER_UPDATE_GOLDEN=1 build-dev/tests/test_report_dashboard
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace odometer::testing
