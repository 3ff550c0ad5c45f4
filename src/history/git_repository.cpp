#include "history/git_repository.hpp"

#include <git2.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

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
using Reference = std::unique_ptr<git_reference, Freer<git_reference, git_reference_free>>;
using ReferenceIterator =
    std::unique_ptr<git_reference_iterator,
                    Freer<git_reference_iterator, git_reference_iterator_free>>;

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

Result<std::vector<git_oid>> GitRepository::walk_starts(
    const std::optional<std::string>& rev) const {
  std::vector<git_oid> starts;
  const auto peel_to_commit = [&](git_object* target, const std::string& name) -> Status {
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, target, GIT_OBJECT_COMMIT) != 0) {
      return make_error(git_error_message("\"" + name + "\" is not a commit"));
    }
    const Object commit(peeled);
    starts.push_back(*git_object_id(commit.get()));
    return {};
  };
  if (rev) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, m_repo, rev->c_str()) != 0) {
      return make_error(git_error_message("unknown revision \"" + *rev + "\""));
    }
    const Object target(raw);
    if (auto ok = peel_to_commit(target.get(), *rev); !ok) {
      return ok.error();
    }
    return starts;
  }
  // Every branch, tag and remote-tracking ref, and HEAD even when detached;
  // refs that do not lead to a commit (a tag of a blob) are no history.
  git_reference_iterator* raw_iterator = nullptr;
  if (git_reference_iterator_new(&raw_iterator, m_repo) != 0) {
    return make_error(git_error_message("cannot list the refs"));
  }
  const ReferenceIterator iterator(raw_iterator);
  git_reference* raw_ref = nullptr;
  while (git_reference_next(&raw_ref, iterator.get()) == 0) {
    const Reference ref(raw_ref);
    git_object* target = nullptr;
    if (git_reference_peel(&target, ref.get(), GIT_OBJECT_COMMIT) == 0) {
      const Object commit(target);
      starts.push_back(*git_object_id(commit.get()));
    }
  }
  git_oid head;
  if (git_reference_name_to_id(&head, m_repo, "HEAD") == 0) {
    starts.push_back(head);
  }
  return starts;
}

Result<CommitInfo> GitRepository::describe_commit(const git_oid& oid, std::string_view path) const {
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
  return info;
}

Result<std::vector<CommitInfo>> GitRepository::history_of(
    std::string_view path, const std::optional<std::string>& rev) const {
  auto starts = walk_starts(rev);
  if (!starts) {
    return starts.error();
  }
  if (git_repository_is_shallow(m_repo) == 1) {
    return shallow_history_of(path, *starts);
  }
  git_revwalk* raw_walk = nullptr;
  if (git_revwalk_new(&raw_walk, m_repo) != 0) {
    return make_error(git_error_message("cannot walk the history"));
  }
  const Revwalk walk(raw_walk);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
  for (const auto& start : *starts) {
    if (git_revwalk_push(walk.get(), &start) != 0) {
      return make_error(git_error_message("cannot walk from " + hex(&start)));
    }
  }
  std::vector<CommitInfo> commits;
  git_oid oid;
  int status = 0;
  while ((status = git_revwalk_next(&oid, walk.get())) == 0) {
    auto info = describe_commit(oid, path);
    if (!info) {
      return info.error();
    }
    commits.push_back(std::move(*info));
  }
  if (status != GIT_ITEROVER) {
    return make_error(git_error_message("cannot walk the history"));
  }
  return commits;
}

// libgit2 1.5 cannot walk past the boundary of a shallow clone (a CI
// checkout), so walk it by hand: depth first from every start, parents
// before children, treating commits whose objects are absent as the roots
// they are in this clone.
Result<std::vector<CommitInfo>> GitRepository::shallow_history_of(
    std::string_view path, const std::vector<git_oid>& starts) const {
  std::vector<CommitInfo> commits;
  std::unordered_map<std::string, bool> state;  // id -> finished
  struct Frame {
    CommitInfo info;
    std::size_t next_parent = 0;
  };
  for (const auto& start : starts) {
    if (state.contains(hex(&start))) {
      continue;
    }
    std::vector<Frame> stack;
    auto first = describe_commit(start, path);
    if (!first) {
      return first.error();
    }
    state[first->id] = false;
    stack.push_back(Frame{std::move(*first)});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next_parent == frame.info.parents.size()) {
        state[frame.info.id] = true;
        commits.push_back(std::move(frame.info));
        stack.pop_back();
        continue;
      }
      const std::string parent_id = frame.info.parents[frame.next_parent++];
      if (state.contains(parent_id)) {
        continue;
      }
      git_oid parent;
      git_oid_fromstr(&parent, parent_id.c_str());
      auto info = describe_commit(parent, path);
      if (!info) {
        // Beyond the shallow boundary: the commit is not in this clone.
        auto& parents = frame.info.parents;
        parents.erase(std::find(parents.begin(), parents.end(), parent_id));
        --frame.next_parent;
        continue;
      }
      state[info->id] = false;
      stack.push_back(Frame{std::move(*info)});
    }
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

std::filesystem::path GitRepository::common_dir() const {
  return git_repository_commondir(m_repo);
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
