#include "history/git_repository.hpp"

#include <git2.h>

#include <mutex>

namespace odometer {

namespace {

void ensure_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* object) const { Free(object); }
};
using Revwalk = std::unique_ptr<git_revwalk, Freer<git_revwalk, git_revwalk_free>>;
using Commit = std::unique_ptr<git_commit, Freer<git_commit, git_commit_free>>;
using Tree = std::unique_ptr<git_tree, Freer<git_tree, git_tree_free>>;
using TreeEntry = std::unique_ptr<git_tree_entry, Freer<git_tree_entry, git_tree_entry_free>>;
using Blob = std::unique_ptr<git_blob, Freer<git_blob, git_blob_free>>;
using Object = std::unique_ptr<git_object, Freer<git_object, git_object_free>>;
using Config = std::unique_ptr<git_config, Freer<git_config, git_config_free>>;

std::string hex(const git_oid* oid) {
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, oid);
  return text;
}

// The blob id of path in commit, if the commit has a file there.
Result<std::optional<std::string>> blob_in(git_commit* commit, std::string_view path) {
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit) != 0) {
    return make_error(git_error_message("cannot read the tree of " + hex(git_commit_id(commit))));
  }
  const Tree tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  const std::string path_text(path);
  if (git_tree_entry_bypath(&raw_entry, tree.get(), path_text.c_str()) != 0) {
    return std::optional<std::string>();
  }
  const TreeEntry entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(hex(git_tree_entry_id(entry.get())));
}

}  // namespace

std::string git_error_message(std::string_view what) {
  const git_error* error = git_error_last();
  return std::string(what) + ": " + (error != nullptr ? error->message : "unknown git error");
}

Result<GitRepository> GitRepository::open(const std::filesystem::path& inside) {
  ensure_libgit2();
  git_repository* repo = nullptr;
  const std::string start = inside.empty() ? "." : inside.string();
  if (git_repository_open_ext(&repo, start.c_str(), 0, nullptr) != 0) {
    return make_error(git_error_message("no git repository at " + start));
  }
  return GitRepository(repo);
}

GitRepository::GitRepository(GitRepository&& other) noexcept : m_repo(other.m_repo) {
  other.m_repo = nullptr;
}

GitRepository& GitRepository::operator=(GitRepository&& other) noexcept {
  std::swap(m_repo, other.m_repo);
  return *this;
}

GitRepository::~GitRepository() {
  if (m_repo != nullptr) {
    git_repository_free(m_repo);
  }
}

Result<std::vector<CommitInfo>> GitRepository::history_of(
    std::string_view path, const std::optional<std::string>& rev) const {
  git_revwalk* raw_walk = nullptr;
  if (git_revwalk_new(&raw_walk, m_repo) != 0) {
    return make_error(git_error_message("cannot walk the history"));
  }
  const Revwalk walk(raw_walk);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
  if (rev) {
    Object target;
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, m_repo, rev->c_str()) != 0) {
      return make_error(git_error_message("unknown revision \"" + *rev + "\""));
    }
    target.reset(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, target.get(), GIT_OBJECT_COMMIT) != 0) {
      return make_error(git_error_message("\"" + *rev + "\" is not a commit"));
    }
    const Object commit(peeled);
    if (git_revwalk_push(walk.get(), git_object_id(commit.get())) != 0) {
      return make_error(git_error_message("cannot walk from " + *rev));
    }
  } else {
    // Every branch, tag and remote-tracking ref, and HEAD even when detached.
    // An empty repository has nothing to push, which is no error.
    (void)git_revwalk_push_glob(walk.get(), "refs/*");
    (void)git_revwalk_push_head(walk.get());
  }
  std::vector<CommitInfo> commits;
  git_oid oid;
  while (git_revwalk_next(&oid, walk.get()) == 0) {
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, m_repo, &oid) != 0) {
      return make_error(git_error_message("cannot read commit " + hex(&oid)));
    }
    const Commit commit(raw_commit);
    CommitInfo info;
    info.id = hex(&oid);
    info.when = Timestamp::from_unix_seconds(git_commit_time(commit.get()));
    const char* summary = git_commit_summary(commit.get());
    info.subject = summary != nullptr ? summary : "";
    for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
      info.parents.push_back(hex(git_commit_parent_id(commit.get(), i)));
    }
    auto blob = blob_in(commit.get(), path);
    if (!blob) {
      return blob.error();
    }
    info.blob = std::move(*blob);
    commits.push_back(std::move(info));
  }
  return commits;
}

Result<std::string> GitRepository::read_blob(const std::string& blob_id) const {
  git_oid oid;
  git_blob* raw = nullptr;
  if (git_oid_fromstr(&oid, blob_id.c_str()) != 0 || git_blob_lookup(&raw, m_repo, &oid) != 0) {
    return make_error(git_error_message("cannot read blob " + blob_id));
  }
  const Blob blob(raw);
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

Result<std::optional<std::string>> GitRepository::file_at(std::string_view rev,
                                                          std::string_view path) const {
  const std::string spec(rev);
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, m_repo, spec.c_str()) != 0) {
    return make_error(git_error_message("unknown revision \"" + spec + "\""));
  }
  const Object target(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, target.get(), GIT_OBJECT_COMMIT) != 0) {
    return make_error(git_error_message("\"" + spec + "\" is not a commit"));
  }
  const Object peeled_commit(peeled);
  git_commit* raw_commit = nullptr;
  if (git_commit_lookup(&raw_commit, m_repo, git_object_id(peeled_commit.get())) != 0) {
    return make_error(git_error_message("cannot read commit " + spec));
  }
  const Commit commit(raw_commit);
  auto blob = blob_in(commit.get(), path);
  if (!blob || !blob->has_value()) {
    return blob ? Result<std::optional<std::string>>(std::nullopt)
                : Result<std::optional<std::string>>(blob.error());
  }
  auto text = read_blob(**blob);
  if (!text) {
    return text.error();
  }
  return std::optional<std::string>(std::move(*text));
}

Status GitRepository::set_config(const std::string& name, const std::string& value) const {
  git_config* raw = nullptr;
  if (git_repository_config(&raw, m_repo) != 0) {
    return make_error(git_error_message("cannot open the git config"));
  }
  const Config config(raw);
  git_config* raw_local = nullptr;
  if (git_config_open_level(&raw_local, config.get(), GIT_CONFIG_LEVEL_LOCAL) != 0) {
    return make_error(git_error_message("cannot open .git/config"));
  }
  const Config local(raw_local);
  if (git_config_set_string(local.get(), name.c_str(), value.c_str()) != 0) {
    return make_error(git_error_message("cannot set " + name + " in .git/config"));
  }
  return {};
}

std::optional<std::string> GitRepository::config(const std::string& name) const {
  git_config* raw = nullptr;
  if (git_repository_config(&raw, m_repo) != 0) {
    return std::nullopt;
  }
  const Config config(raw);
  git_buf value = GIT_BUF_INIT;
  if (git_config_get_string_buf(&value, config.get(), name.c_str()) != 0) {
    return std::nullopt;
  }
  std::string text(value.ptr, value.size);
  git_buf_dispose(&value);
  return text;
}

std::filesystem::path GitRepository::work_tree() const {
  const char* work = git_repository_workdir(m_repo);
  return work != nullptr ? std::filesystem::path(work) : std::filesystem::path();
}

std::filesystem::path GitRepository::git_dir() const {
  return git_repository_path(m_repo);
}

Result<std::string> GitRepository::relative_path(const std::filesystem::path& file) const {
  const auto work = work_tree();
  if (work.empty()) {
    return make_error("the repository has no work tree");
  }
  std::error_code error;
  const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(file), error);
  const auto root = std::filesystem::weakly_canonical(work, error);
  const auto relative = absolute.lexically_relative(root);
  if (relative.empty() || relative.native().starts_with("..")) {
    return make_error(file.string() + " is outside the repository at " + root.string());
  }
  return relative.generic_string();
}

}  // namespace odometer
