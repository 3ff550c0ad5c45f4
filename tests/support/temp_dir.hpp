#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace odometer::testing {

// A fresh folder for one test, removed afterwards unless the test failed
// (then it is kept and its path printed, for a look at what was left).
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

// Reads a whole file; fails the test if it cannot.
std::string read_file(const std::filesystem::path& path);
// Writes a whole file; fails the test if it cannot.
void write_file(const std::filesystem::path& path, const std::string& text);
// Every regular file under dir, recursively, with its text: what a test
// searches for a secret.
std::vector<std::pair<std::filesystem::path, std::string>> every_file(
    const std::filesystem::path& dir);

}  // namespace odometer::testing
