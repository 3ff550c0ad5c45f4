#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/timestamp.hpp"

#include <git2/oid.h>

struct git_repository;

namespace odometer {

// One commit of a history walk, with the blob of the file followed (if the
// commit has the file).
struct CommitInfo {
  std::string id;  // full hex id
  Timestamp when;  // the committer time, UTC
  std::string subject;
  std::vector<std::string> parents;
  std::optional<std::string> blob;
};

// A git repository opened with libgit2. Not thread-safe; one per thread.
class GitRepository {
public:
  // Opens the repository containing `inside` (a folder or a file in its work
  // tree, searching upwards). Errors name the path.
  static Result<GitRepository> open(const std::filesystem::path& inside);

  GitRepository(GitRepository&&) noexcept;
  GitRepository& operator=(GitRepository&&) noexcept;
  ~GitRepository();

  // Every commit reachable from rev (every ref and HEAD when rev is empty),
  // parents before children, each with the blob of `path` in it.
  Result<std::vector<CommitInfo>> history_of(std::string_view path,
                                             const std::optional<std::string>& rev) const;
  // The contents of a blob by hex id.
  Result<std::string> read_blob(const std::string& blob_id) const;
  // The contents of `path` at revision `rev`, nullopt if the file is not in
  // it; an error if rev does not name a commit.
  Result<std::optional<std::string>> file_at(std::string_view rev, std::string_view path) const;
  // Sets a key in the repository's own config (.git/config).
  Status set_config(const std::string& name, const std::string& value) const;
  // A key of the repository's config (all levels), nullopt if unset.
  std::optional<std::string> config(const std::string& name) const;
  // The work tree folder (empty for a bare repository) and the .git folder.
  std::filesystem::path work_tree() const;
  std::filesystem::path git_dir() const;
  // The folder shared by every worktree (where hooks and config live).
  std::filesystem::path common_dir() const;
  // The path of `file` relative to the work tree, with '/' separators;
  // an error when it lies outside.
  Result<std::string> relative_path(const std::filesystem::path& file) const;

private:
  explicit GitRepository(git_repository* repo) : m_repo(repo) {}
  Result<std::vector<git_oid>> walk_starts(const std::optional<std::string>& rev) const;
  Result<CommitInfo> describe_commit(const git_oid& oid, std::string_view path) const;
  Result<std::vector<CommitInfo>> shallow_history_of(std::string_view path,
                                                     const std::vector<git_oid>& starts) const;

  git_repository* m_repo = nullptr;
};

// The message of libgit2's last error, prefixed with what was being done.
std::string git_error_message(std::string_view what);

}  // namespace odometer
