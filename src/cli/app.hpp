#pragma once

namespace odometer::cli {

// Parses the command line, runs the chosen subcommand and returns the exit
// code. Usage errors print help hints and return 2; failures print
// "odometer: error: ..." to stderr and return 1.
int run(int argc, const char* const* argv);

}  // namespace odometer::cli
