#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "core/result.hpp"

namespace odometer {

// The last ETag, body and link header of every GET, kept in a small JSON file beside the
// ledger ("<ledger>.etags.json"). Not part of the ledger and safe to delete:
// without it every request is simply sent unconditionally. Thread-safe.
class EtagCache {
public:
  struct Entry {
    std::string etag;
    std::string body;
    // The `link` header of that response: a 304 from a proxy may leave it
    // out, and pagination must not stop early because of that.
    std::string link;
  };

  // Loads the cache file; a missing or unreadable file is an empty cache
  // (this is an optimisation, never a source of truth).
  explicit EtagCache(std::filesystem::path path);

  std::optional<Entry> find(const std::string& url);
  // Keeps entry for url, unless any of it is not UTF-8 or holds a known
  // secret (util/redact.hpp): then nothing is kept.
  void store(const std::string& url, Entry entry);
  // Writes the file atomically with the entries this run looked up or
  // stored: URLs no longer asked for (npm ranges name their dates) drop
  // out instead of piling up run after run.
  Status save() const;

private:
  std::filesystem::path m_path;
  mutable std::mutex m_mutex;
  std::map<std::string, Entry> m_entries;
  std::set<std::string> m_used;  // looked up or stored during this run
};

}  // namespace odometer
