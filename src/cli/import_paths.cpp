#include "cli/import_paths.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>
#include <utility>

#include "collect/import_github_traffic.hpp"
#include "core/github_keys.hpp"
#include "report/ledger_csv.hpp"
#include "store/any_ledger.hpp"
#include "store/import_ghrs.hpp"
#include "store/import_snapshot_csv.hpp"
#include "util/atomic_file.hpp"

namespace odometer::cli {

namespace {

namespace fs = std::filesystem;

struct FormatName {
  std::string_view name;
  ImportFormat format;
};

constexpr std::array<FormatName, 6> k_formats{{
    {"ghrs", ImportFormat::ghrs},
    {"snapshot-csv", ImportFormat::snapshot_csv},
    {"github-traffic", ImportFormat::github_traffic},
    {"ledger-csv", ImportFormat::ledger_csv},
    {"site-cache", ImportFormat::site_cache},
    {"ledger", ImportFormat::ledger},
}};

Result<ImportFile> read_import_file(const fs::path& path, std::string name) {
  TRY_ASSIGN(auto text, read_file_if_exists(path));
  if (!text) {
    return make_error(name + ": no such file", ErrorCode::not_found);
  }
  return ImportFile{std::move(name), std::move(*text)};
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name.front() == '.';
}

// Every regular file under folder, sorted, leaving out hidden ones and
// hidden folders (.git of a data branch's checkout).
Result<std::vector<fs::path>> files_under(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (is_hidden(it->path())) {
      if (it->is_directory(error)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (it->is_regular_file(error)) {
      out.push_back(it->path());
    }
  }
  if (error) {
    return make_error("cannot read the folder " + folder.string() + ": " + error.message(),
                      ErrorCode::io);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The folder itself as the path's real location, for telling names above it.
fs::path real_path(const fs::path& path) {
  std::error_code error;
  auto real = fs::weakly_canonical(fs::absolute(path), error);
  return error ? path : real;
}

// OWNER/REPO from the two folders above `below` (real path), checked.
std::optional<std::string> repository_above(const fs::path& below) {
  const fs::path repo = real_path(below).parent_path();
  std::string name = repo.parent_path().filename().string() + "/" + repo.filename().string();
  if (!check_github_repository(name)) {
    return std::nullopt;
  }
  return name;
}

// The nearest folder named ghrs-data that holds path, if any.
std::optional<fs::path> ghrs_folder_of(const fs::path& path) {
  for (fs::path folder = real_path(path).parent_path(); folder.has_relative_path();
       folder = folder.parent_path()) {
    if (folder.filename() == k_ghrs_folder) {
      return folder;
    }
  }
  return std::nullopt;
}

class PathReader {
public:
  explicit PathReader(const ImportChoices& choices) : m_choices(choices) {}

  Status read(const std::string& given) {
    const fs::path path(given);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (!fs::exists(status)) {
      return make_error(given + ": no such file or folder", ErrorCode::not_found);
    }
    if (fs::is_directory(status)) {
      return read_folder(path);
    }
    return read_file(path, given, std::nullopt);
  }

  std::vector<FileImport> take() { return std::move(m_out); }

private:
  Status add(Result<FileImport> imported) {
    TRY_ASSIGN(auto file, std::move(imported));
    m_out.push_back(std::move(file));
    return {};
  }

  Status skip(const std::string& name, std::string why) {
    FileImport skipped{name, "not read", {}, {std::move(why)}, {}};
    m_out.push_back(std::move(skipped));
    return {};
  }

  bool forced(ImportFormat format) const { return m_choices.format == format; }

  // ---- folders

  Status read_folder(const fs::path& folder) {
    const auto format = m_choices.format;
    if (format == ImportFormat::site_cache || format == ImportFormat::ledger) {
      return make_error(folder.string() + ": a folder; --format " +
                        std::string(format == ImportFormat::ledger ? "ledger" : "site-cache") +
                        " reads one file");
    }
    if (!format || format == ImportFormat::ghrs) {
      TRY_ASSIGN(const auto found, ghrs_folders(folder));
      if (!found.empty()) {
        for (const auto& [data, repo] : found) {
          TRY(read_ghrs_folder(data, repo));
        }
        return {};
      }
      if (format == ImportFormat::ghrs) {
        // A data folder under another name: the files are its contents.
        TRY_ASSIGN(const auto repo, ghrs_repository(folder));
        return read_ghrs_folder(folder, repo);
      }
    }
    TRY_ASSIGN(const auto files, files_under(folder));
    for (const auto& file : files) {
      TRY(read_file(file, file.string(), folder));
    }
    return {};
  }

  // The ghrs-data folders at or in folder, each with its repository: the
  // folder itself, its ghrs-data, or the OWNER/REPO/ghrs-data folders of a
  // data branch's checkout.
  Result<std::vector<std::pair<fs::path, std::string>>> ghrs_folders(const fs::path& folder) {
    std::vector<std::pair<fs::path, std::string>> found;
    if (real_path(folder).filename() == k_ghrs_folder) {
      TRY_ASSIGN(auto repo, ghrs_repository(folder));
      found.emplace_back(folder, std::move(repo));
      return found;
    }
    if (fs::is_directory(folder / k_ghrs_folder)) {
      TRY_ASSIGN(auto repo, ghrs_repository(folder / k_ghrs_folder));
      found.emplace_back(folder / k_ghrs_folder, std::move(repo));
      return found;
    }
    std::error_code error;
    for (const auto& owner : fs::directory_iterator(folder, error)) {
      if (!owner.is_directory() || is_hidden(owner.path())) {
        continue;
      }
      for (const auto& repo : fs::directory_iterator(owner.path(), error)) {
        const fs::path data = repo.path() / k_ghrs_folder;
        if (repo.is_directory() && fs::is_directory(data)) {
          found.emplace_back(
              data, owner.path().filename().string() + "/" + repo.path().filename().string());
        }
      }
    }
    std::sort(found.begin(), found.end());
    if (m_choices.repo && found.size() > 1) {
      return make_error(folder.string() + " holds the ghrs data of " +
                        std::to_string(found.size()) +
                        " repositories, named by their folders: leave out --repo");
    }
    if (m_choices.repo && found.size() == 1) {
      found.front().second = *m_choices.repo;
    }
    return found;
  }

  Result<std::string> ghrs_repository(const fs::path& data) const {
    if (m_choices.repo) {
      return *m_choices.repo;
    }
    // Only the documented layout names it: two folders above any other
    // folder would be a guess (/tmp/copy is no repository "tmp/...").
    if (real_path(data).filename() == k_ghrs_folder) {
      if (auto repo = repository_above(data)) {
        return *repo;
      }
    }
    return make_error(data.string() +
                      ": cannot tell the repository from the path (OWNER/REPO/ghrs-data): give "
                      "--repo OWNER/REPO");
  }

  Status read_ghrs_folder(const fs::path& data, const std::string& repo) {
    TRY_ASSIGN(const auto files, files_under(data));
    for (const auto& file : files) {
      TRY_ASSIGN(auto input, read_import_file(file, file.string()));
      TRY(add(import_ghrs_file(input, file.lexically_relative(data).generic_string(), repo)));
    }
    return {};
  }

  // ---- files

  // Reads one file: `folder` is the folder argument it was found in, if any
  // (a saved traffic response's repository is then FOLDER/OWNER/REPO/FILE).
  Status read_file(const fs::path& path, const std::string& name,
                   const std::optional<fs::path>& folder) {
    const std::string extension = path.extension().string();
    const auto format = m_choices.format;
    if (folder && ((!format && extension != ".csv" && extension != ".json") ||
                   ((format == ImportFormat::github_traffic) && extension != ".json") ||
                   ((format == ImportFormat::snapshot_csv || format == ImportFormat::ledger_csv) &&
                    extension != ".csv"))) {
      return skip(name, "not a file of this format (by its name); not read");
    }
    TRY_ASSIGN(const ImportFile file, read_import_file(path, name));
    if (format == ImportFormat::ghrs || (!format && ghrs_folder_of(path))) {
      return read_ghrs_file(path, file);
    }
    if (format == ImportFormat::snapshot_csv) {
      return add(import_snapshot_csv(file, m_choices.repo_owner));
    }
    if (format == ImportFormat::ledger_csv) {
      return read_ledger_csv(file);
    }
    if (format == ImportFormat::github_traffic) {
      return read_traffic(path, file, folder);
    }
    if (format) {
      return read_any_ledger(file);
    }
    if (extension == ".csv") {
      if (has_ledger_csv_header(file.text)) {
        return read_ledger_csv(file);
      }
      if (snapshot_csv_kind(file.text)) {
        return add(import_snapshot_csv(file, m_choices.repo_owner));
      }
      return make_error(name + ": cannot tell the format from the header; name it with --format " +
                        import_format_names());
    }
    if (github_traffic_kind(file.text)) {
      return read_traffic(path, file, folder);
    }
    return read_any_ledger(file);
  }

  Status read_ghrs_file(const fs::path& path, const ImportFile& file) {
    const auto data = ghrs_folder_of(path);
    std::string relative = path.filename().string();
    if (data) {
      relative = real_path(path).lexically_relative(*data).generic_string();
    } else if (real_path(path).parent_path().filename() == "snapshots") {
      relative = "snapshots/" + relative;
    }
    std::optional<std::string> repo = m_choices.repo;
    if (!repo && data) {
      repo = repository_above(*data);
    }
    if (!repo) {
      return make_error(file.name +
                        ": cannot tell the repository from the path (OWNER/REPO/ghrs-data/...): "
                        "give --repo OWNER/REPO");
    }
    return add(import_ghrs_file(file, relative, *repo));
  }

  Status read_traffic(const fs::path& path, const ImportFile& file,
                      const std::optional<fs::path>& folder) {
    if (m_choices.repo) {
      return add(import_github_traffic(file, *m_choices.repo));
    }
    if (folder) {
      // FOLDER/OWNER/REPO/FILE.json
      const fs::path relative = path.lexically_relative(*folder);
      const auto parts = std::distance(relative.begin(), relative.end());
      if (parts == 3) {
        const std::string repo =
            relative.begin()->string() + "/" + std::next(relative.begin())->string();
        return add(import_github_traffic(file, repo));
      }
    }
    return make_error(file.name +
                      ": a saved GitHub traffic response does not name its repository: give "
                      "--repo OWNER/REPO, or a folder laid out as FOLDER/OWNER/REPO/FILE.json");
  }

  Status read_ledger_csv(const ImportFile& file) {
    TRY_ASSIGN(auto ledger, parse_ledger_csv(file.text, file.name));
    return add(FileImport{file.name, "an odometer ledger.csv", std::move(ledger), {}, {}});
  }

  Status read_any_ledger(const ImportFile& file) {
    TRY_ASSIGN(auto any, parse_any_ledger(file.text, file.name, m_choices.repo_owner));
    const bool cache = any.format == LedgerFormat::seed_cache;
    if (forced(ImportFormat::site_cache) && !cache) {
      return make_error(file.name + " is an odometer ledger, not a site's installs-cache.json");
    }
    if (forced(ImportFormat::ledger) && cache) {
      return make_error(file.name + " is not an odometer ledger (it has no \"format\" field)");
    }
    return add(FileImport{file.name,
                          cache ? "a site's installs-cache.json" : "an odometer ledger",
                          std::move(any.ledger),
                          {},
                          std::move(any.notes)});
  }

  const ImportChoices& m_choices;
  std::vector<FileImport> m_out;
};

}  // namespace

std::string import_format_names() {
  std::string out;
  for (const auto& entry : k_formats) {
    out += (out.empty() ? "" : ", ") + std::string(entry.name);
  }
  return out;
}

Result<ImportFormat> parse_import_format(std::string_view text) {
  for (const auto& entry : k_formats) {
    if (entry.name == text) {
      return entry.format;
    }
  }
  return make_error("--format \"" + std::string(text) + "\" is none of " + import_format_names());
}

Result<std::vector<FileImport>> read_import_paths(const std::vector<std::string>& paths,
                                                  const ImportChoices& choices) {
  if (choices.repo) {
    if (auto ok = check_github_repository(*choices.repo); !ok) {
      return make_error("--repo: " + ok.error().message, ErrorCode::invalid);
    }
  }
  PathReader reader(choices);
  for (const auto& path : paths) {
    TRY(reader.read(path));
  }
  return reader.take();
}

}  // namespace odometer::cli
