#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace odometer {

namespace {

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

std::filesystem::path folder_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

std::string temp_prefix(const std::filesystem::path& path) {
  return "." + path.filename().string() + ".tmp-";
}

Status sync_folder(const std::filesystem::path& folder) {
  FileDescriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid() || ::fsync(fd.get()) != 0) {
    return make_error(describe_errno("cannot sync the folder", folder));
  }
  return {};
}

const char* special_file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) {
    return "a FIFO";
  }
  if (S_ISSOCK(mode)) {
    return "a socket";
  }
  if (S_ISCHR(mode) || S_ISBLK(mode)) {
    return "a device";
  }
  return "a special file";
}

}  // namespace

std::filesystem::path resolve_symlinks(const std::filesystem::path& path) {
  std::filesystem::path current = path;
  // The kernel's own bound (ELOOP) is 40 links; a loop ends here too, and
  // the write then fails on the last link with the kernel's message.
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code error;
    if (!std::filesystem::is_symlink(std::filesystem::symlink_status(current, error)) || error) {
      return current;
    }
    const std::filesystem::path target = std::filesystem::read_symlink(current, error);
    if (error) {
      return current;
    }
    current = target.is_absolute() ? target : folder_of(current) / target;
  }
  return current;
}

FileDescriptor::~FileDescriptor() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

bool FileDescriptor::close() {
  const int fd = m_fd;
  m_fd = -1;
  return ::close(fd) == 0;
}

std::string describe_errno(std::string_view what, const std::filesystem::path& path) {
  return std::string(what) + " " + path.string() + ": " + std::strerror(errno);
}

Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
  // writer that never comes; it is refused below, as soon as fstat says
  // what it is. (Reads of a regular file ignore the flag.)
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return std::optional<std::string>();
    }
    return make_error(describe_errno("cannot open", path));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return make_error(describe_errno("cannot stat", path));
  }
  if (S_ISDIR(info.st_mode)) {
    return make_error(path.string() + " is a folder, not a file");
  }
  if (!S_ISREG(info.st_mode)) {
    // A FIFO would hang, a device never end; neither is a file odometer wrote.
    return make_error(path.string() + " is " + special_file_kind(info.st_mode) +
                      ", not a regular file");
  }
  std::string text;
  // Spare capacity lets JSON parsers that read past the end parse in place.
  text.reserve(static_cast<std::size_t>(info.st_size) + k_read_padding);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return make_error(describe_errno("cannot read", path));
    }
    if (got == 0) {
      break;
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return std::optional<std::string>(std::move(text));
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  return write_file_atomically(path, [text](const TextSink& sink) { return sink(text); });
}

Status write_file_atomically(const std::filesystem::path& link_or_path,
                             const std::function<Status(const TextSink&)>& produce) {
  // Through a symlink to its target, renamed in the target's folder: the
  // link stays a link (a ledger kept elsewhere and linked into a checkout).
  const std::filesystem::path path = resolve_symlinks(link_or_path);
  struct stat info {};
  const mode_t mode = ::stat(path.c_str(), &info) == 0 ? (info.st_mode & 07777) : 0644;
  std::string temp = (folder_of(path) / (temp_prefix(path) + "XXXXXX")).string();
  FileDescriptor fd(::mkstemp(temp.data()));
  if (!fd.valid()) {
    return make_error(describe_errno("cannot create a temporary file beside", path));
  }
  const auto fail = [&](std::string_view what) {
    Error error = make_error(describe_errno(what, temp));
    ::unlink(temp.c_str());
    return error;
  };
  if (::fchmod(fd.get(), mode) != 0) {
    return fail("cannot set the mode of");
  }
  const TextSink sink = [&](std::string_view piece) -> Status {
    if (!write_all(fd.get(), piece)) {
      return make_error(describe_errno("cannot write", temp));
    }
    return {};
  };
  if (auto ok = produce(sink); !ok) {
    ::unlink(temp.c_str());
    return ok.error();
  }
  if (::fsync(fd.get()) != 0) {
    return fail("cannot sync");
  }
  if (!fd.close()) {
    return fail("cannot close");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return fail("cannot rename into place");
  }
  return sync_folder(folder_of(path));
}

void remove_leftover_temporaries(const std::filesystem::path& path) {
  std::error_code error;
  const std::string prefix = temp_prefix(path);
  for (const auto& entry : std::filesystem::directory_iterator(folder_of(path), error)) {
    if (entry.path().filename().string().starts_with(prefix)) {
      std::filesystem::remove(entry.path(), error);
    }
  }
}

}  // namespace odometer
