#include "net/etag_cache.hpp"

#include <simdjson.h>

#include "core/utf8.hpp"
#include "util/atomic_file.hpp"
#include "util/json_text.hpp"
#include "util/redact.hpp"

namespace odometer {

EtagCache::EtagCache(std::filesystem::path path) : m_path(std::move(path)) {
  auto text = read_file_if_exists(m_path);
  if (!text || !text->has_value()) {
    return;
  }
  simdjson::dom::parser parser;
  simdjson::dom::object entries;
  const simdjson::padded_string padded(**text);
  if (parser.parse(padded)["entries"].get(entries) != simdjson::SUCCESS) {
    return;  // unreadable: start without, it only costs full requests
  }
  for (const auto entry : entries) {
    std::string_view etag;
    std::string_view body;
    std::string_view link;  // absent in files of older versions
    if (entry.value["etag"].get(etag) == simdjson::SUCCESS &&
        entry.value["body"].get(body) == simdjson::SUCCESS) {
      if (entry.value["link"].get(link) != simdjson::SUCCESS) {
        link = {};
      }
      // A file written before secrets were kept out, or by hand: an entry
      // with a secret in it is neither sent back nor written again.
      if (holds_secret(entry.key) || holds_secret(etag) || holds_secret(body) ||
          holds_secret(link)) {
        continue;
      }
      m_entries[std::string(entry.key)] =
          Entry{std::string(etag), std::string(body), std::string(link)};
    }
  }
}

std::optional<EtagCache::Entry> EtagCache::find(const std::string& url) {
  const std::lock_guard lock(m_mutex);
  m_used.insert(url);
  const auto it = m_entries.find(url);
  return it == m_entries.end() ? std::nullopt : std::optional<Entry>(it->second);
}

void EtagCache::store(const std::string& url, Entry entry) {
  // A body that is not UTF-8 cannot be kept in the JSON file; it is simply
  // fetched in full next time.
  if (!is_valid_utf8(entry.body) || !is_valid_utf8(entry.etag) || !is_valid_utf8(entry.link) ||
      !is_valid_utf8(url)) {
    return;
  }
  // The file is kept in CI caches and its ETag is sent back: never a secret.
  if (holds_secret(url) || holds_secret(entry.etag) || holds_secret(entry.body) ||
      holds_secret(entry.link)) {
    return;
  }
  const std::lock_guard lock(m_mutex);
  m_entries[url] = std::move(entry);
  m_used.insert(url);
}

Status EtagCache::save() const {
  const std::lock_guard lock(m_mutex);
  if (m_path.empty()) {
    return {};
  }
  std::string out = "{\"format\": \"odometer-etags\", \"entries\": {";
  bool first = true;
  for (const auto& [url, entry] : m_entries) {
    if (!m_used.contains(url)) {
      continue;
    }
    out.append(first ? "\n" : ",\n");
    append_json_string(out, url);
    out.append(": {\"etag\": ");
    append_json_string(out, entry.etag);
    out.append(", \"body\": ");
    append_json_string(out, entry.body);
    if (!entry.link.empty()) {
      out.append(", \"link\": ");
      append_json_string(out, entry.link);
    }
    out.append("}");
    first = false;
  }
  out.append("\n}}\n");
  return write_file_atomically(m_path, out);
}

}  // namespace odometer
