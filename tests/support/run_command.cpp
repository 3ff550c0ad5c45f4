#include "support/run_command.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "support/temp_dir.hpp"

namespace odometer::testing {

namespace {

CommandResult run_with_stdin(const std::vector<std::string>& argv, const char* in_path) {
  TempDir capture;
  const auto out_path = capture / "stdout";
  const auto err_path = capture / "stderr";
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = open(in_path, O_RDONLY);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    dup2(in, STDIN_FILENO);
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv) {
      args.push_back(
          const_cast<char*>(arg.c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    }
    args.push_back(nullptr);
    execv(args[0], args.data());
    std::perror("execv");
    _exit(127);
  }
  CommandResult result;
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv) {
  return run_with_stdin(argv, "/dev/null");
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& input) {
  TempDir dir;
  const auto in_path = dir / "stdin";
  write_file(in_path, input);
  return run_with_stdin(argv, in_path.c_str());
}

CommandResult run_odometer(const std::vector<std::string>& args) {
  std::vector<std::string> argv{ODOMETER_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

}  // namespace odometer::testing
