// The [manual] source: hand-kept all-time numbers that no API gives
// (GitHub container pulls, Maven Central), each a full series key with an
// integer (docs/series-keys.md). No request is made.
//
// A hand-kept number is an all-time total read off a web page, so it is
// stored as `cumulative`, one observation of the run's day: merge keeps the
// highest value, and a number typed lower than the ledger's (a typo, an
// older page) never lowers it. The keys are full series keys, so the user
// chooses source and metric ("ghcr:pulls:owner/image").

#include <string>
#include <utility>
#include <vector>

#include "sources/source.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[manual]";

struct Entry {
  SeriesKey key;
  Count value = 0;
};

class ManualSource final : public Source {
public:
  explicit ManualSource(std::vector<Entry> entries) : m_entries(std::move(entries)) {}

  std::string name() const override { return "manual"; }

  SourceResult collect(SourceContext& context) override {
    SourceResult result;
    result.entities = m_entries.size();
    for (const auto& entry : m_entries) {
      result.observations.push_back(Observation{.key = entry.key,
                                                .kind = Kind::cumulative,
                                                .day = context.now.day(),
                                                .value = static_cast<std::int64_t>(entry.value)});
    }
    if (context.progress) {
      context.progress(m_entries.size(), m_entries.size());
    }
    return result;
  }

private:
  std::vector<Entry> m_entries;
};

}  // namespace

std::unique_ptr<Source> make_manual_source(const toml::table& table, const GetEnv& /*getenv*/,
                                           ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  std::vector<Entry> entries;
  for (const auto& [name, node] : table) {
    const std::string text(name.str());
    auto key = SeriesKey::parse(text);
    if (!key) {
      problems.add(node, std::string(k_where) + " \"" + text +
                             "\" is not a series key such as \"ghcr:pulls:owner/image\": " +
                             key.error().message);
      continue;
    }
    const auto* integer = node.as_integer();
    const auto value = integer != nullptr ? checked_count(integer->get()) : Result<Count>(Error{});
    if (!value) {
      problems.add(
          node, std::string(k_where) + " \"" + text + "\" must be a whole number from 0 to 10^15");
      continue;
    }
    entries.push_back(Entry{std::move(*key), *value});
  }
  if (problems.messages().size() != known_problems) {
    return nullptr;
  }
  return std::make_unique<ManualSource>(std::move(entries));
}

}  // namespace odometer
