#pragma once

// The files of `odometer import`: which format each path is (detected or
// named with --format), which repository it belongs to, and what each file
// gives (docs/migrating.md). Reading only: the command commits the result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/import_format.hpp"

namespace odometer::cli {

enum class ImportFormat { ghrs, snapshot_csv, github_traffic, ledger_csv, site_cache, ledger };

// The names --format takes, for help and errors: "ghrs, snapshot-csv, ...".
std::string import_format_names();
// The format named by text, or an error listing the names.
Result<ImportFormat> parse_import_format(std::string_view text);

struct ImportChoices {
  std::optional<ImportFormat> format;     // --format: every path is this; else detected
  std::optional<std::string> repo;        // --repo OWNER/REPO, for ghrs and saved traffic
  std::optional<std::string> repo_owner;  // --repo-owner, for the snapshot CSVs and a site cache
};

// Reads every path (a file, or a folder where a format is a folder or a
// set of files) and returns what each file gives, in path order, folders'
// files sorted. Any error — a path that does not exist, a format that
// cannot be told, a repository that cannot be told, any bad file or row —
// stops it and names the file (and line).
Result<std::vector<FileImport>> read_import_paths(const std::vector<std::string>& paths,
                                                  const ImportChoices& choices);

}  // namespace odometer::cli
