#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace odometer {

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor();
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return m_fd; }
  bool valid() const { return m_fd >= 0; }
  // Closes now and reports whether close succeeded.
  bool close();

private:
  int m_fd;
};

// "<what> <path>: <strerror(errno)>".
std::string describe_errno(std::string_view what, const std::filesystem::path& path);

// Bytes of spare capacity read_file_if_exists leaves after the text
// (simdjson's padding), unless the file grew while it was read.
inline constexpr std::size_t k_read_padding = 64;

// The whole file, or nullopt if it does not exist (a dangling symlink
// included); any other failure (a folder, a FIFO, a device, a socket, no
// permission) is an error naming the path, at once: a FIFO is never waited on.
Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path);

// Replaces path with text durably: writes ".<name>.tmp-XXXXXX" in the same
// folder, fsyncs it, renames it over path and fsyncs the folder. Keeps the
// mode of an existing file (0644 for a new one). On failure path is
// untouched and the temporary removed. Not a lock: callers that
// read-modify-write hold their own. A symlink is written through: its
// target (created if the link dangles) is replaced, in the target's folder,
// and the link stays.
Status write_file_atomically(const std::filesystem::path& path, std::string_view text);

// Receives a file's text piece by piece; returns an error to stop the writer.
using TextSink = std::function<Status(std::string_view)>;

// The same, with the text made in pieces by produce, which passes each piece
// to the sink it is given and returns the sink's first error (or its own).
// A large text then never has to be held whole in memory.
Status write_file_atomically(const std::filesystem::path& path,
                             const std::function<Status(const TextSink&)>& produce);

// path with every symlink at its end followed (relative targets against the
// link's folder); path itself when it is not a symlink. A dangling link
// gives the missing target.
std::filesystem::path resolve_symlinks(const std::filesystem::path& path);

// Removes temporaries of path left by writers killed mid-write. Call only
// while holding the lock that every writer of path takes.
void remove_leftover_temporaries(const std::filesystem::path& path);

}  // namespace odometer
