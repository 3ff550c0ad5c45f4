#pragma once

// The exit codes of the odometer command (README.md, "Exit codes"). collect
// decides one for its run; the commands in cli/ return them.

namespace odometer {

enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_error = 1,        // an error (named on stderr), or a --require'd source did not succeed
  k_exit_usage = 2,        // an unknown command or option, a missing argument
  k_exit_partial = 3,      // collect: some source or entity failed or was skipped
  k_exit_regressions = 4,  // verify found regressions
};

}  // namespace odometer
