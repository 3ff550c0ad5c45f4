#pragma once

#include <string>
#include <vector>

namespace odometer::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Runs argv[0] (a path) with argv, waits, and returns its exit code and output.
CommandResult run_command(const std::vector<std::string>& argv);

// The same with input on its standard input (instead of /dev/null).
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input);

// Runs the odometer binary under test with args.
CommandResult run_odometer(const std::vector<std::string>& args);

}  // namespace odometer::testing
