// The durable write, in the order that makes a crash harmless at every step:
//
//   1. flock(<file>.lock, LOCK_EX)  — writers take turns; readers need no lock
//      because the file is only ever replaced whole, by rename.
//   2. re-read and parse the file   — an unreadable or invalid file stops here
//      and is never overwritten.
//   3. merge the new state in       — a kind conflict stops here.
//   4. write ".<file>.tmp-XXXXXX" in the same folder, fsync it
//   5. rename it over the file      — atomic: readers see old or new, not a mix
//   6. fsync the folder             — the rename itself survives a power cut
//   7. unlock (close the lock file)
//
// A symlinked ledger is read and written through to its target (step 4 in
// the target's folder, the lock beside the target), so the link stays a link.
//
// A writer killed between 4 and 5 leaves a temporary file behind; the next
// writer removes such leftovers while it holds the lock, when no other
// writer can be using them.

#include "store/file_store.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <string>

#include "store/ledger_json.hpp"
#include "util/atomic_file.hpp"

namespace odometer {

namespace {

Result<Ledger> load_file(const std::filesystem::path& path, bool& missing) {
  auto text = read_file_if_exists(path);
  if (!text) {
    return text.error();
  }
  missing = !text->has_value();
  if (missing) {
    return Ledger();
  }
  return parse_ledger_json(**text, path.string());
}

class FileStore final : public Store {
public:
  explicit FileStore(std::filesystem::path path) : m_path(std::move(path)) {}

  Result<Ledger> load() override {
    bool missing = false;
    return load_file(m_path, missing);
  }

  Result<Ledger> load_existing() override { return read_ledger_file(m_path); }

  Result<CommitSummary> commit_without_readback(const Ledger& ledger) override {
    auto merged = commit(ledger);
    if (!merged) {
      return merged.error();
    }
    return CommitSummary{merged->series().size()};
  }

  Result<std::string> init() override {
    bool missing = false;
    auto stored = load_file(m_path, missing);
    if (!stored) {
      return stored.error();
    }
    if (!missing) {
      return m_path.string() + ": a ledger of " + std::to_string(stored->series().size()) +
             " series; nothing to do";
    }
    if (auto written = commit(Ledger()); !written) {
      return written.error();
    }
    return m_path.string() + ": wrote an empty ledger";
  }

  Result<Ledger> commit(const Ledger& ledger) override {
    // A symlinked ledger is written through to its target, and the lock is
    // the target's: two links to one file take the same lock.
    const std::filesystem::path target = resolve_symlinks(m_path);
    // A ledger configured as "data/odometer-ledger.json" gets its folder.
    if (const auto folder = target.parent_path(); !folder.empty()) {
      std::error_code error;
      std::filesystem::create_directories(folder, error);
      if (error) {
        return make_error("cannot create the folder " + folder.string() +
                          " of the ledger: " + error.message());
      }
    }
    const std::filesystem::path lock_path = target.string() + ".lock";
    FileDescriptor lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!lock.valid()) {
      return make_error(describe_errno("cannot create the lock file", lock_path));
    }
    while (::flock(lock.get(), LOCK_EX) != 0) {
      if (errno != EINTR) {
        return make_error(describe_errno("cannot lock", lock_path));
      }
    }
    bool missing = false;
    auto stored = load_file(m_path, missing);
    if (!stored) {
      return stored.error();
    }
    if (!missing && stored->includes(ledger)) {
      return stored;  // nothing new: leave the file (and its mtime) alone
    }
    // Merged in place: a copy of a ledger of millions of days costs more
    // than the merge.
    if (auto ok = stored->merge(ledger); !ok) {
      return make_error(m_path.string() + ": " + ok.error().message);
    }
    remove_leftover_temporaries(target);
    const auto write_text = [&stored](const TextSink& sink) {
      return write_ledger_json(*stored, sink);
    };
    if (auto ok = write_file_atomically(target, write_text); !ok) {
      return ok.error();
    }
    return stored;
  }

  std::string describe() const override { return m_path.string(); }

private:
  std::filesystem::path m_path;
};

}  // namespace

std::unique_ptr<Store> make_file_store(std::filesystem::path path) {
  return std::make_unique<FileStore>(std::move(path));
}

Result<Ledger> read_ledger_file(const std::filesystem::path& path) {
  bool missing = false;
  auto ledger = load_file(path, missing);
  if (ledger && missing) {
    return make_error(path.string() + ": no such file");
  }
  return ledger;
}

}  // namespace odometer
