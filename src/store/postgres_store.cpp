// The ledger in PostgreSQL: the CRDT merge of DESIGN.md §2 written as
// upserts, so that any number of collectors can commit to one database at
// once and every guarantee of the file store still holds.
//
// The schema (version 1; docs/storage.md shows it whole) is one row per
// series and one row per stored number:
//
//   odometer_version         the schema version, one row
//   odometer_ledger          updated_at, one row
//   odometer_series          id, key, kind, additive
//   odometer_days            (series_id, day) -> value   daily and cumulative days
//   odometer_floors          (series_id, day) -> value   daily floors
//   odometer_gauge_readings  (series_id, day) -> (at, value)
//
// Why each upsert is the join. Every stored number joins with an incoming
// one by a rule that looks only at the two of them, so the merge of two
// ledgers is one independent upsert per (series, day):
//
//   days, floors    INSERT ... ON CONFLICT (series_id, day)
//                   DO UPDATE SET value = EXCLUDED.value WHERE stored.value < EXCLUDED.value
//                   -- per-day max: max(stored, incoming), written only when it grows
//   gauge readings  DO UPDATE SET at = EXCLUDED.at, value = EXCLUDED.value
//                   WHERE (EXCLUDED.at, EXCLUDED.value) > (stored.at, stored.value)
//                   -- the later reading; on a tie of `at` the larger value (join_readings)
//   updated_at      UPDATE ... SET updated_at = $1 WHERE updated_at IS NULL OR updated_at < $1
//   series          INSERT ... ON CONFLICT DO NOTHING, then the stored kind and
//                   additivity are compared with the incoming ones
//
// A missing row is the bottom of its semilattice (no count, no reading), so
// inserting is the join with bottom. The WHERE clauses make a commit that
// raises nothing write nothing.
//
// Why two writers at once lose nothing. Commits run at READ COMMITTED on
// purpose. There, ON CONFLICT DO UPDATE locks the conflicting row and
// evaluates SET and WHERE against its newest committed version, even one
// committed after the statement's snapshot; and an insert that meets
// another transaction's uncommitted insert of the same key waits for it and
// then takes the update path. So every upsert joins with what is really
// stored at that moment, never with a stale copy: each day ends at the max
// of every writer's value, in any interleaving. (At REPEATABLE READ or
// SERIALIZABLE the same race is a serialization failure instead.) A plain
// UPDATE re-evaluates its WHERE on the newest version too, so updated_at
// becomes the max. Rows are sent in (series id, day) order and series in
// key order, so writers take their row locks in one order and do not
// deadlock; if one ever does (or a serialization failure or a lost
// connection stops a commit), the transaction is rolled back and run again,
// which is safe because the merge is idempotent.
//
// Why a kind conflict cannot slip through. A series row is never updated
// or deleted: its kind and additivity are fixed by whoever inserts it
// first. The insert (ON CONFLICT DO NOTHING) either creates the row or
// waited until the transaction that created it committed; the SELECT that
// follows is a new statement with a new snapshot, so it sees the row that
// won, ours or theirs, and compares its kind with the incoming series
// before any day is written. Two writers racing to create one key with
// two kinds: one of them finds the other's kind and aborts its whole
// transaction with an error naming the key, as Ledger::merge does.
//
// Keys of any length. A btree index entry must fit in a third of a page
// (about 2,700 bytes), and a series key has no length limit, so uniqueness
// is an exclusion constraint over a hash index (EXCLUDE USING hash (key
// WITH =)): exact equality, no length limit. Exclusion constraints work as
// ON CONFLICT DO NOTHING arbiters, which is all the series insert needs.
//
// No foreign keys. The day tables refer to series ids without a REFERENCES
// clause: a foreign key check per row tripled the time of moving a large
// file ledger in (64 s against 22 s for 3.65 million days, measured). Only
// this file writes the tables, always the series row first; a load checks
// that every number belongs to a stored series of the right kind and fails
// naming the table otherwise.
//
// Loading. One READ ONLY transaction at REPEATABLE READ sees one snapshot:
// the series, then each day table streamed by COPY ... TO STDOUT (integers
// only, so no text escapes), then updated_at. Nothing a concurrent commit
// does is half-visible.
//
// The schema version. Creating or upgrading the schema holds an exclusive
// advisory lock (k_schema_lock, taken by the session before its
// transaction begins, so that the transaction sees a schema another writer
// committed meanwhile); every commit holds the same lock shared for its
// transaction and reads the version after taking it. So a newer odometer's
// upgrade waits for commits in flight, and a commit that starts after it
// sees the new version and refuses, writing nothing.
//
// Every statement is constant text; data goes only in parameters (binary
// arrays, unnested server-side: one statement per table per commit, in
// chunks of k_rows_per_statement) and comes back in results or COPY rows.

#include "store/postgres_store.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/redact.hpp"

namespace odometer {

namespace {

// A server that does not answer within this is reported as unreachable;
// a connect_timeout in the URL overrides it.
constexpr const char* k_connect_timeout_seconds = "10";
// How often a commit is run when a deadlock, a serialization failure or a
// lost connection stops it.
constexpr int k_commit_attempts = 3;
// The advisory lock of schema changes: "odometer" in ASCII.
constexpr std::int64_t k_schema_lock = 0x6f646f6d65746572;
// Rows per upsert statement: bounds the server's memory for the unnested
// arrays when a large file ledger is moved in.
constexpr std::size_t k_rows_per_statement = 50'000;
// Day::parse accepts the years 0001 to 9999; a date outside them in the
// database is an error, not a Day.
constexpr std::int64_t k_first_day = -719'162;  // 0001-01-01
constexpr std::int64_t k_last_day = 2'932'896;  // 9999-12-31
constexpr std::int64_t k_first_second = k_first_day * 86'400;
constexpr std::int64_t k_last_second = (k_last_day + 1) * 86'400 - 1;

// Built-in type OIDs (pg_type.dat; the same in every PostgreSQL).
constexpr Oid k_bool_oid = 16;
constexpr Oid k_int8_oid = 20;
constexpr Oid k_int4_oid = 23;
constexpr Oid k_text_oid = 25;

// SQLSTATEs after which a commit is run again.
constexpr std::string_view k_serialization_failure = "40001";
constexpr std::string_view k_deadlock_detected = "40P01";

// The schema, version 1. docs/storage.md shows the same text.
constexpr const char* k_create_schema = R"sql(
CREATE TABLE odometer_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version integer NOT NULL
);
CREATE TABLE odometer_ledger (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  updated_at timestamptz
);
INSERT INTO odometer_ledger DEFAULT VALUES;
CREATE TABLE odometer_series (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('daily', 'cumulative', 'gauge')),
  additive boolean NOT NULL CHECK (additive OR kind = 'daily'),
  CONSTRAINT odometer_series_key EXCLUDE USING hash (key WITH =)
);
CREATE TABLE odometer_days (
  series_id bigint NOT NULL,
  day date NOT NULL,
  value bigint NOT NULL CHECK (value BETWEEN 0 AND 1000000000000000),
  PRIMARY KEY (series_id, day)
);
CREATE TABLE odometer_floors (
  series_id bigint NOT NULL,
  day date NOT NULL,
  value bigint NOT NULL CHECK (value BETWEEN 0 AND 1000000000000000),
  PRIMARY KEY (series_id, day)
);
CREATE TABLE odometer_gauge_readings (
  series_id bigint NOT NULL,
  day date NOT NULL,
  at timestamptz NOT NULL,
  value bigint NOT NULL CHECK (value BETWEEN 0 AND 1000000000000000),
  PRIMARY KEY (series_id, day)
);
)sql";

struct Statement {
  const char* name;
  const char* sql;
};

constexpr Statement k_insert_version{"odometer_insert_version",
                                     "INSERT INTO odometer_version (version) VALUES ($1::int4)"};
constexpr Statement k_lock_schema{"odometer_lock_schema", "SELECT pg_advisory_lock($1::int8)"};
constexpr Statement k_unlock_schema{"odometer_unlock_schema",
                                    "SELECT pg_advisory_unlock($1::int8)"};
constexpr Statement k_lock_schema_shared{"odometer_lock_schema_shared",
                                         "SELECT pg_advisory_xact_lock_shared($1::int8)"};
constexpr Statement k_schema_exists{"odometer_schema_exists",
                                    "SELECT to_regclass('odometer_version') IS NOT NULL"};
constexpr Statement k_select_version{"odometer_select_version",
                                     "SELECT version FROM odometer_version"};
constexpr Statement k_insert_series{"odometer_insert_series", R"sql(
INSERT INTO odometer_series (key, kind, additive)
SELECT t.key, t.kind, t.additive
FROM unnest($1::text[], $2::text[], $3::bool[]) AS t(key, kind, additive)
ON CONFLICT ON CONSTRAINT odometer_series_key DO NOTHING)sql"};
constexpr Statement k_select_series_ids{"odometer_select_series_ids", R"sql(
SELECT t.ord, s.id, s.kind, s.additive
FROM unnest($1::text[]) WITH ORDINALITY AS t(key, ord)
JOIN odometer_series AS s ON s.key = t.key)sql"};
constexpr Statement k_upsert_days{"odometer_upsert_days", R"sql(
INSERT INTO odometer_days AS stored (series_id, day, value)
SELECT t.series_id, DATE '1970-01-01' + t.day, t.value
FROM unnest($1::int8[], $2::int4[], $3::int8[]) AS t(series_id, day, value)
ON CONFLICT (series_id, day) DO UPDATE SET value = EXCLUDED.value
WHERE stored.value < EXCLUDED.value)sql"};
constexpr Statement k_upsert_floors{"odometer_upsert_floors", R"sql(
INSERT INTO odometer_floors AS stored (series_id, day, value)
SELECT t.series_id, DATE '1970-01-01' + t.day, t.value
FROM unnest($1::int8[], $2::int4[], $3::int8[]) AS t(series_id, day, value)
ON CONFLICT (series_id, day) DO UPDATE SET value = EXCLUDED.value
WHERE stored.value < EXCLUDED.value)sql"};
constexpr Statement k_upsert_readings{"odometer_upsert_readings", R"sql(
INSERT INTO odometer_gauge_readings AS stored (series_id, day, at, value)
SELECT t.series_id, DATE '1970-01-01' + t.day, to_timestamp(t.at), t.value
FROM unnest($1::int8[], $2::int4[], $3::int8[], $4::int8[]) AS t(series_id, day, at, value)
ON CONFLICT (series_id, day) DO UPDATE SET at = EXCLUDED.at, value = EXCLUDED.value
WHERE (EXCLUDED.at, EXCLUDED.value) > (stored.at, stored.value))sql"};
constexpr Statement k_raise_updated_at{"odometer_raise_updated_at", R"sql(
UPDATE odometer_ledger SET updated_at = to_timestamp($1::int8)
WHERE updated_at IS NULL OR updated_at < to_timestamp($1::int8))sql"};
constexpr Statement k_count_series{"odometer_count_series", "SELECT count(*) FROM odometer_series"};
constexpr Statement k_select_updated_at{"odometer_select_updated_at",
                                        "SELECT extract(epoch FROM updated_at)::int8 "
                                        "FROM odometer_ledger"};
constexpr Statement k_select_all_series{"odometer_select_all_series",
                                        "SELECT id, key, kind, additive FROM odometer_series"};
constexpr Statement k_select_days_of{"odometer_select_days_of", R"sql(
SELECT series_id, day - DATE '1970-01-01', value FROM odometer_days
WHERE series_id = ANY($1::int8[]))sql"};
constexpr Statement k_select_floors_of{"odometer_select_floors_of", R"sql(
SELECT series_id, day - DATE '1970-01-01', value FROM odometer_floors
WHERE series_id = ANY($1::int8[]))sql"};
constexpr Statement k_select_readings_of{"odometer_select_readings_of", R"sql(
SELECT series_id, day - DATE '1970-01-01', extract(epoch FROM at)::int8, value
FROM odometer_gauge_readings WHERE series_id = ANY($1::int8[]))sql"};

// Whole tables, for load(): COPY cannot be prepared, and needs no parameter.
constexpr const char* k_copy_days =
    "COPY (SELECT series_id, day - DATE '1970-01-01', value FROM odometer_days) TO STDOUT";
constexpr const char* k_copy_floors =
    "COPY (SELECT series_id, day - DATE '1970-01-01', value FROM odometer_floors) TO STDOUT";
constexpr const char* k_copy_readings =
    "COPY (SELECT series_id, day - DATE '1970-01-01', extract(epoch FROM at)::int8, value "
    "FROM odometer_gauge_readings) TO STDOUT";

struct ConnectionClose {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using Connection = std::unique_ptr<PGconn, ConnectionClose>;

struct ResultClear {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultClear>;

// A message of libpq or the server on one line, without its trailing newline.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') {
        out.push_back(' ');
      }
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

// A one-dimensional array in PostgreSQL's binary format: the header
// (dimensions, no nulls, element type, length, lower bound 1), then each
// element as a big-endian length and its bytes.
class BinaryArray {
public:
  BinaryArray(Oid element, std::size_t count) {
    put32(count == 0 ? 0 : 1);
    put32(0);
    put32(static_cast<std::uint32_t>(element));
    if (count > 0) {
      put32(static_cast<std::uint32_t>(count));
      put32(1);
    }
  }

  void add_int8(std::int64_t value) {
    put32(8);
    put64(static_cast<std::uint64_t>(value));
  }
  void add_int4(std::int32_t value) {
    put32(4);
    put32(static_cast<std::uint32_t>(value));
  }
  void add_bool(bool value) {
    put32(1);
    m_bytes.push_back(value ? '\1' : '\0');
  }
  void add_text(std::string_view text) {
    put32(static_cast<std::uint32_t>(text.size()));
    m_bytes.append(text);
  }
  std::string take() { return std::move(m_bytes); }

private:
  void put32(std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      m_bytes.push_back(static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU));
    }
  }
  void put64(std::uint64_t value) {
    put32(static_cast<std::uint32_t>(value >> 32U));
    put32(static_cast<std::uint32_t>(value & 0xFFFFFFFFU));
  }

  std::string m_bytes;
};

// The parameters of one statement: each sent as text or in binary.
class Params {
public:
  Params& text(std::string value) { return add(std::move(value), 0); }
  Params& binary(std::string value) { return add(std::move(value), 1); }
  Params& int8(std::int64_t value) { return text(std::to_string(value)); }

  int count() const { return static_cast<int>(m_values.size()); }
  const char* const* values() {
    m_pointers.clear();
    for (const auto& value : m_values) {
      m_pointers.push_back(value.data());
    }
    return m_pointers.data();
  }
  const int* lengths() {
    m_lengths.clear();
    for (const auto& value : m_values) {
      m_lengths.push_back(static_cast<int>(value.size()));
    }
    return m_lengths.data();
  }
  const int* formats() const { return m_formats.data(); }

private:
  Params& add(std::string value, int format) {
    m_values.push_back(std::move(value));
    m_formats.push_back(format);
    return *this;
  }

  std::vector<std::string> m_values;
  std::vector<int> m_formats;
  std::vector<const char*> m_pointers;
  std::vector<int> m_lengths;
};

template <typename T>
bool parse_integer(std::string_view text, T& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// The tab-separated integers of one COPY text row ("1\t20123\t45\n").
template <std::size_t N>
bool parse_copy_row(const char* row, std::size_t length, std::array<std::int64_t, N>& fields) {
  const char* at = row;
  const char* end = row + length;
  if (at != end && end[-1] == '\n') {
    --end;
  }
  for (std::size_t i = 0; i < N; ++i) {
    const auto [next, error] = std::from_chars(at, end, fields[i]);
    if (error != std::errc()) {
      return false;
    }
    at = next;
    if (i + 1 < N) {
      if (at == end || *at != '\t') {
        return false;
      }
      ++at;
    }
  }
  return at == end;
}

// Which table a stored number comes from, for building and for messages.
enum class Table { days, floors, readings };

std::string_view table_name(Table table) {
  switch (table) {
    case Table::days:
      return "odometer_days";
    case Table::floors:
      return "odometer_floors";
    case Table::readings:
      return "odometer_gauge_readings";
  }
  return "?";
}

// The series of a load or a readback, built from rows in any order: every
// row is checked (a stored series of the right kind, a day and a count
// odometer can hold) before it becomes part of a Ledger.
class LedgerBuilder {
public:
  Status add_series(std::int64_t id, std::string_view key, std::string_view kind, bool additive) {
    auto parsed_key = SeriesKey::parse(key);
    if (!parsed_key) {
      return make_error("odometer_series id " + std::to_string(id) + ": " +
                        parsed_key.error().message);
    }
    auto parsed_kind = parse_kind(kind);
    if (!parsed_kind) {
      return make_error("odometer_series " + parsed_key->str() + ": " +
                        parsed_kind.error().message);
    }
    if (!m_index.emplace(id, m_series.size()).second) {
      return make_error("odometer_series holds id " + std::to_string(id) + " twice");
    }
    m_series.push_back(Pending{std::move(*parsed_key), *parsed_kind,
                               additive ? Additivity::additive : Additivity::non_additive});
    return {};
  }

  Status add_number(Table table, std::int64_t id, std::int64_t day, std::int64_t value) {
    auto* series = find(id);
    if (series == nullptr) {
      return unknown_series(table, id);
    }
    auto checked = check(table, *series, day, value);
    if (!checked) {
      return checked.error();
    }
    auto& entries = table == Table::days ? series->days : series->floors;
    entries.emplace_back(Day::from_days_since_epoch(static_cast<std::int32_t>(day)), *checked);
    return {};
  }

  Status add_reading(std::int64_t id, std::int64_t day, std::int64_t at, std::int64_t value) {
    auto* series = find(id);
    if (series == nullptr) {
      return unknown_series(Table::readings, id);
    }
    auto checked = check(Table::readings, *series, day, value);
    if (!checked) {
      return checked.error();
    }
    if (at < k_first_second || at > k_last_second) {
      return make_error("odometer_gauge_readings " + series->key.str() + ": the reading time " +
                        std::to_string(at) + " is outside the years 0001 to 9999");
    }
    series->readings.emplace_back(Day::from_days_since_epoch(static_cast<std::int32_t>(day)),
                                  GaugeReading{Timestamp::from_unix_seconds(at), *checked});
    return {};
  }

  std::size_t size() const { return m_series.size(); }

  // The ledger of every series added, with updated_at.
  Result<Ledger> finish(std::optional<std::int64_t> updated_at) {
    Ledger ledger;
    for (auto& pending : m_series) {
      Series series = Series::empty(pending.kind, pending.additivity);
      if (auto* daily = series.daily()) {
        daily->set(DayMap<Count>::from_unique_entries(std::move(pending.days)),
                   DayMap<Count>::from_unique_entries(std::move(pending.floors)));
      } else if (auto* cumulative = series.cumulative()) {
        cumulative->set(DayMap<Count>::from_unique_entries(std::move(pending.days)));
      } else {
        series.gauge()->set(DayMap<GaugeReading>::from_unique_entries(std::move(pending.readings)));
      }
      (void)ledger.merge_series(pending.key, std::move(series));  // keys are unique
    }
    if (updated_at) {
      if (*updated_at < k_first_second || *updated_at > k_last_second) {
        return make_error("odometer_ledger: updated_at " + std::to_string(*updated_at) +
                          " is outside the years 0001 to 9999");
      }
      ledger.touch(Timestamp::from_unix_seconds(*updated_at));
    }
    return ledger;
  }

private:
  struct Pending {
    SeriesKey key;
    Kind kind;
    Additivity additivity;
    std::vector<DayMap<Count>::Entry> days;
    std::vector<DayMap<Count>::Entry> floors;
    std::vector<DayMap<GaugeReading>::Entry> readings;
  };

  Pending* find(std::int64_t id) {
    // Rows come grouped by series (heap order of bulk-written tables), so
    // the last series found is usually the next one too.
    if (m_last.has_value() && m_last_id == id) {
      return &m_series[*m_last];
    }
    const auto it = m_index.find(id);
    if (it == m_index.end()) {
      return nullptr;
    }
    m_last = it->second;
    m_last_id = id;
    return &m_series[it->second];
  }

  static Error unknown_series(Table table, std::int64_t id) {
    return make_error(std::string(table_name(table)) + " holds numbers of series id " +
                      std::to_string(id) + ", which odometer_series does not hold");
  }

  // The value as a Count, after checking that the table fits the series'
  // kind and that the day is one odometer can hold. Messages are built only
  // on failure: a load checks millions of rows.
  static Result<Count> check(Table table, const Pending& series, std::int64_t day,
                             std::int64_t value) {
    const bool fits = table == Table::readings ? series.kind == Kind::gauge
                      : table == Table::floors
                          ? series.kind == Kind::daily && series.additivity == Additivity::additive
                          : series.kind != Kind::gauge;
    if (fits && day >= k_first_day && day <= k_last_day && value >= 0 &&
        static_cast<Count>(value) <= k_max_count) {
      return static_cast<Count>(value);
    }
    const std::string where = std::string(table_name(table)) + " " + series.key.str();
    if (!fits) {
      const bool non_additive = series.additivity == Additivity::non_additive;
      return make_error(where + ": a " + std::string(non_additive ? "non-additive " : "") +
                        std::string(to_string(series.kind)) + " series has no rows here");
    }
    if (day < k_first_day || day > k_last_day) {
      return make_error(where + ": day " + std::to_string(day) +
                        " (days since 1970-01-01) is outside the years 0001 to 9999");
    }
    const Day on = Day::from_days_since_epoch(static_cast<std::int32_t>(day));
    return make_error(where + " " + on.to_string() + ": " + checked_count(value).error().message);
  }

  std::vector<Pending> m_series;
  std::unordered_map<std::int64_t, std::size_t> m_index;
  std::optional<std::size_t> m_last;
  std::int64_t m_last_id = 0;
};

// One series of a change, with the id the database gave its key.
struct ChangeSeries {
  const SeriesKey* key;
  const Series* series;
  std::int64_t id = 0;
};

// What one commit leaves in hand.
struct Committed {
  Ledger merged;           // the series of the change, read back (Readback::series)
  std::size_t series = 0;  // the number of series stored (Readback::none)
};

enum class Readback { series, none };

class PostgresStore final : public Store {
public:
  explicit PostgresStore(std::string url)
      : m_url(std::move(url)), m_shown(redact_url(m_url)), m_secrets(url_secrets(m_url)) {}

  Result<Ledger> load() override { return load_ledger(Missing::empty); }

  Result<Ledger> load_existing() override { return load_ledger(Missing::error); }

  Result<Ledger> commit(const Ledger& ledger) override {
    auto committed = run_commit(ledger, Readback::series);
    if (!committed) {
      return committed.error();
    }
    return std::move(committed->merged);
  }

  Result<CommitSummary> commit_without_readback(const Ledger& ledger) override {
    auto committed = run_commit(ledger, Readback::none);
    if (!committed) {
      return committed.error();
    }
    return CommitSummary{committed->series};
  }

  Result<std::string> init() override {
    if (auto ok = connect(); !ok) {
      return ok.error();
    }
    auto done = ensure_schema();
    if (!done) {
      return done.error();
    }
    return m_shown + ": " + *done;
  }

  std::string describe() const override { return m_shown; }

private:
  enum class Missing { empty, error };

  // An error about this store: the URL without its password, then what.
  Error fail(const std::string& what) const {
    return make_error(m_shown + ": " + redact_secrets(what, m_secrets));
  }

  // The server's message of a failed statement.
  Error fail(const std::string& what, const PGresult* result) const {
    const char* primary =
        result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string message =
        primary != nullptr ? std::string(primary) : one_line(PQerrorMessage(m_connection.get()));
    if (result != nullptr) {
      if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
        message += " (" + std::string(detail) + ")";
      }
    }
    return fail(what + ": " + one_line(message));
  }

  bool connected() const {
    return m_connection != nullptr && PQstatus(m_connection.get()) == CONNECTION_OK;
  }

  Status connect() {
    if (connected()) {
      return {};
    }
    m_prepared.clear();
    // Later keywords win: the URL's connect_timeout over ours, and always
    // UTF-8 on the wire, which is what keys are.
    const std::array<const char*, 5> keywords{"connect_timeout", "fallback_application_name",
                                              "dbname", "client_encoding", nullptr};
    const std::array<const char*, 5> values{k_connect_timeout_seconds, "odometer", m_url.c_str(),
                                            "UTF8", nullptr};
    m_connection.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
    if (m_connection == nullptr) {
      return fail("cannot connect: out of memory");
    }
    if (PQstatus(m_connection.get()) != CONNECTION_OK) {
      const std::string message = one_line(PQerrorMessage(m_connection.get()));
      m_connection.reset();
      return fail("cannot connect: " + message);
    }
    // Notices (none are expected) are not odometer's output.
    PQsetNoticeProcessor(
        m_connection.get(), [](void*, const char*) {}, nullptr);
    const char* encoding = PQparameterStatus(m_connection.get(), "server_encoding");
    if (encoding == nullptr || std::string_view(encoding) != "UTF8") {
      const std::string found = encoding == nullptr ? "unknown" : encoding;
      m_connection.reset();
      return fail("the database's encoding is " + found +
                  "; odometer needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')");
    }
    return {};
  }

  // Runs a constant statement without parameters (BEGIN, COMMIT, DDL).
  Status exec(const char* sql, const char* what) {
    const PgResult result(PQexec(m_connection.get(), sql));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      keep_sqlstate(result.get());
      return fail(what, result.get());
    }
    return {};
  }

  void keep_sqlstate(const PGresult* result) {
    const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
    m_last_sqlstate = state == nullptr ? "" : state;
  }

  void rollback() {
    if (connected() && PQtransactionStatus(m_connection.get()) != PQTRANS_IDLE) {
      const PgResult result(PQexec(m_connection.get(), "ROLLBACK"));
    }
  }

  // Runs a prepared statement (preparing it on first use on this
  // connection); text results.
  Result<PgResult> run(const Statement& statement, Params params, const char* what) {
    if (std::find(m_prepared.begin(), m_prepared.end(), statement.name) == m_prepared.end()) {
      const PgResult prepared(
          PQprepare(m_connection.get(), statement.name, statement.sql, 0, nullptr));
      if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
        keep_sqlstate(prepared.get());
        return fail(what, prepared.get());
      }
      m_prepared.push_back(statement.name);
    }
    PgResult result(PQexecPrepared(m_connection.get(), statement.name, params.count(),
                                   params.values(), params.lengths(), params.formats(), 0));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      keep_sqlstate(result.get());
      return fail(what, result.get());
    }
    return result;
  }

  // Whether the schema is there and at which version; an error when it is
  // newer than this build's or not one odometer ever wrote.
  Result<std::optional<int>> schema_version() {
    auto exists = run(k_schema_exists, Params(), "cannot look for odometer's tables");
    if (!exists) {
      return exists.error();
    }
    if (std::string_view(PQgetvalue(exists->get(), 0, 0)) != "t") {
      return std::optional<int>();
    }
    auto row = run(k_select_version, Params(), "cannot read the schema version");
    if (!row) {
      return row.error();
    }
    int version = 0;
    if (PQntuples(row->get()) != 1 || !parse_integer(PQgetvalue(row->get(), 0, 0), version)) {
      return fail("odometer_version must hold exactly one version; it holds " +
                  std::to_string(PQntuples(row->get())) + " rows");
    }
    if (version > k_postgres_schema_version) {
      return fail("the ledger's schema is version " + std::to_string(version) +
                  ", newer than this odometer's " + std::to_string(k_postgres_schema_version) +
                  ": upgrade odometer to read or write it (nothing was changed)");
    }
    if (version < 1) {
      return fail("odometer_version holds version " + std::to_string(version) +
                  ", which no odometer ever wrote");
    }
    return std::optional<int>(version);
  }

  // Creates the schema when there is none (upgrades would go here), under
  // the exclusive schema lock. Returns what it did.
  Result<std::string> ensure_schema() {
    auto version = schema_version();
    if (!version) {
      return version.error();
    }
    if (version->has_value()) {
      return "schema version " + std::to_string(**version) + ", current; nothing to do";
    }
    // The lock is the session's, taken before the transaction: a
    // transaction begun after another writer's schema committed sees it
    // (a check inside one begun earlier could still find no table, from a
    // cached lookup).
    if (auto locked = run(k_lock_schema, Params().int8(k_schema_lock), "cannot lock the schema");
        !locked) {
      return locked.error();
    }
    auto created = create_schema_locked();
    if (!created) {
      rollback();
    }
    if (connected()) {
      (void)run(k_unlock_schema, Params().int8(k_schema_lock), "cannot unlock the schema");
    }
    return created;
  }

  Result<std::string> create_schema_locked() {
    if (auto ok = exec("BEGIN", "cannot begin creating the schema"); !ok) {
      return ok.error();
    }
    // Another writer may have created it while this one waited.
    auto version = schema_version();
    if (!version) {
      return version.error();
    }
    std::string done;
    if (version->has_value()) {
      done = "schema version " + std::to_string(**version) + ", current; nothing to do";
    } else {
      if (auto ok = exec(k_create_schema, "cannot create the schema"); !ok) {
        return ok.error();
      }
      if (auto ok = run(k_insert_version, Params().text(std::to_string(k_postgres_schema_version)),
                        "cannot record the schema version");
          !ok) {
        return ok.error();
      }
      done = "created the schema, version " + std::to_string(k_postgres_schema_version);
    }
    if (auto ok = exec("COMMIT", "cannot commit the schema"); !ok) {
      return ok.error();
    }
    return done;
  }

  Result<Ledger> load_ledger(Missing missing) {
    if (auto ok = connect(); !ok) {
      return ok.error();
    }
    if (auto ok = exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "cannot begin a load");
        !ok) {
      return ok.error();
    }
    auto ledger = load_in_transaction(missing);
    rollback();  // read only: nothing to commit
    return ledger;
  }

  Result<Ledger> load_in_transaction(Missing missing) {
    auto version = schema_version();
    if (!version) {
      return version.error();
    }
    if (!version->has_value()) {
      if (missing == Missing::empty) {
        return Ledger();
      }
      return fail(
          "no odometer ledger in this database (its tables are missing; `odometer store init` "
          "creates them)");
    }
    LedgerBuilder builder;
    auto all = run(k_select_all_series, Params(), "cannot read odometer_series");
    if (!all) {
      return all.error();
    }
    for (int row = 0; row < PQntuples(all->get()); ++row) {
      if (auto ok = add_series_row(builder, all->get(), row, 0); !ok) {
        return ok.error();
      }
    }
    const std::array<std::pair<const char*, Table>, 2> numbers{
        {{k_copy_days, Table::days}, {k_copy_floors, Table::floors}}};
    for (const auto& [sql, table] : numbers) {
      auto ok = copy_rows<3>(sql, table, [&builder, table = table](const auto& f) {
        return builder.add_number(table, f[0], f[1], f[2]);
      });
      if (!ok) {
        return ok.error();
      }
    }
    auto readings = copy_rows<4>(k_copy_readings, Table::readings, [&builder](const auto& f) {
      return builder.add_reading(f[0], f[1], f[2], f[3]);
    });
    if (!readings) {
      return readings.error();
    }
    return finish(builder);
  }

  // One row of (id, key, kind, additive) from column `first` on.
  Status add_series_row(LedgerBuilder& builder, const PGresult* result, int row, int first) {
    std::int64_t id = 0;
    if (!parse_integer(PQgetvalue(result, row, first), id)) {
      return fail("odometer_series: an id that is not an integer");
    }
    const std::string_view key(PQgetvalue(result, row, first + 1),
                               static_cast<std::size_t>(PQgetlength(result, row, first + 1)));
    const std::string_view additive = PQgetvalue(result, row, first + 3);
    if (auto ok = builder.add_series(id, key, PQgetvalue(result, row, first + 2), additive == "t");
        !ok) {
      return fail(ok.error().message);
    }
    return {};
  }

  // The builder's ledger with the stored updated_at.
  Result<Ledger> finish(LedgerBuilder& builder) {
    auto row = run(k_select_updated_at, Params(), "cannot read updated_at");
    if (!row) {
      return row.error();
    }
    if (PQntuples(row->get()) != 1) {
      return fail("odometer_ledger must hold exactly one row; it holds " +
                  std::to_string(PQntuples(row->get())));
    }
    std::optional<std::int64_t> updated_at;
    if (PQgetisnull(row->get(), 0, 0) == 0) {
      std::int64_t seconds = 0;
      if (!parse_integer(PQgetvalue(row->get(), 0, 0), seconds)) {
        return fail("odometer_ledger: updated_at is not a time");
      }
      updated_at = seconds;
    }
    auto ledger = builder.finish(updated_at);
    if (!ledger) {
      return fail(ledger.error().message);
    }
    return ledger;
  }

  // Streams `COPY (...) TO STDOUT` and hands each row's N integers to add.
  // After an error the rest of the rows are read (and dropped) so that the
  // connection stays usable.
  template <std::size_t N, typename Add>
  Status copy_rows(const char* sql, Table table, Add add) {
    PGconn* connection = m_connection.get();
    const std::string what = "cannot read " + std::string(table_name(table));
    {
      const PgResult started(PQexec(connection, sql));
      if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
        return fail(what, started.get());
      }
    }
    Status rows_ok;
    std::array<std::int64_t, N> fields{};
    char* buffer = nullptr;
    int length = 0;
    while ((length = PQgetCopyData(connection, &buffer, 0)) > 0) {
      if (rows_ok) {
        if (!parse_copy_row(buffer, static_cast<std::size_t>(length), fields)) {
          rows_ok = make_error(std::string(table_name(table)) + ": a row odometer cannot read");
        } else {
          rows_ok = add(fields);
        }
      }
      PQfreemem(buffer);
    }
    if (length == -2) {
      return fail(what + ": " + one_line(PQerrorMessage(connection)));
    }
    for (PgResult done(PQgetResult(connection)); done != nullptr;
         done.reset(PQgetResult(connection))) {
      if (PQresultStatus(done.get()) != PGRES_COMMAND_OK) {
        return fail(what, done.get());
      }
    }
    if (!rows_ok) {
      return fail(rows_ok.error().message);
    }
    return {};
  }

  Result<Committed> run_commit(const Ledger& change, Readback readback) {
    std::optional<Error> failure;
    for (int attempt = 1; attempt <= k_commit_attempts; ++attempt) {
      if (auto ok = connect(); !ok) {
        return ok.error();
      }
      if (!m_schema_ready) {
        if (auto ok = ensure_schema(); !ok) {
          return ok.error();
        }
        m_schema_ready = true;
      }
      m_last_sqlstate.clear();
      auto committed = commit_once(change, readback);
      if (committed) {
        return committed;
      }
      // Another attempt may succeed after a deadlock or a serialization
      // failure, or on a new connection; it is safe, the merge being
      // idempotent.
      const bool retry = m_last_sqlstate == k_serialization_failure ||
                         m_last_sqlstate == k_deadlock_detected || !connected();
      rollback();
      failure = committed.error();
      if (!retry) {
        break;
      }
    }
    return *failure;
  }

  Result<Committed> commit_once(const Ledger& change, Readback readback) {
    if (auto ok = exec("BEGIN ISOLATION LEVEL READ COMMITTED", "cannot begin a commit"); !ok) {
      return (ok.error());
    }
    // Shared with other commits, exclusive against schema changes; the
    // version is read after the lock is held (a new statement, a new
    // snapshot), so an upgrade that committed meanwhile is seen.
    if (auto locked =
            run(k_lock_schema_shared, Params().int8(k_schema_lock), "cannot lock the schema");
        !locked) {
      return (locked.error());
    }
    auto version = schema_version();
    if (!version) {
      return (version.error());
    }
    if (!version->has_value()) {
      return (fail("odometer's tables vanished during the commit"));
    }
    std::vector<ChangeSeries> series;
    series.reserve(change.series().size());
    for (const auto& [key, one] : change.series()) {
      series.push_back(ChangeSeries{&key, &one});
    }
    if (auto ok = store_series(series); !ok) {
      return (ok.error());
    }
    if (auto ok = upsert_numbers(series); !ok) {
      return (ok.error());
    }
    if (const auto& updated_at = change.updated_at()) {
      if (auto ok = run(k_raise_updated_at, Params().int8(updated_at->unix_seconds()),
                        "cannot raise updated_at");
          !ok) {
        return (ok.error());
      }
    }
    Committed committed;
    if (readback == Readback::series) {
      auto merged = read_back(series);
      if (!merged) {
        return (merged.error());
      }
      committed.merged = std::move(*merged);
    } else {
      auto count = run(k_count_series, Params(), "cannot count the series");
      if (!count) {
        return (count.error());
      }
      std::size_t stored = 0;
      (void)parse_integer(PQgetvalue(count->get(), 0, 0), stored);
      committed.series = stored;
    }
    if (auto ok = exec("COMMIT", "cannot commit"); !ok) {
      return (ok.error());
    }
    return committed;
  }

  // Inserts the series that are new, then reads every series' id, kind and
  // additivity and compares them with the change: a conflict fails the
  // commit, naming the key, before any number is written.
  Status store_series(std::vector<ChangeSeries>& series) {
    for (std::size_t first = 0; first < series.size(); first += k_rows_per_statement) {
      const std::size_t count = std::min(k_rows_per_statement, series.size() - first);
      BinaryArray keys(k_text_oid, count);
      BinaryArray kinds(k_text_oid, count);
      BinaryArray additive(k_bool_oid, count);
      for (std::size_t i = first; i < first + count; ++i) {
        keys.add_text(series[i].key->str());
        kinds.add_text(to_string(series[i].series->kind()));
        const auto* daily = series[i].series->daily();
        additive.add_bool(daily == nullptr || daily->additivity() == Additivity::additive);
      }
      std::string key_array = keys.take();
      if (auto ok = run(k_insert_series,
                        Params().binary(key_array).binary(kinds.take()).binary(additive.take()),
                        "cannot store the series");
          !ok) {
        return ok.error();
      }
      auto stored =
          run(k_select_series_ids, Params().binary(std::move(key_array)), "cannot read the series");
      if (!stored) {
        return stored.error();
      }
      const PGresult* rows = stored->get();
      if (static_cast<std::size_t>(PQntuples(rows)) != count) {
        return fail("found " + std::to_string(PQntuples(rows)) + " of " + std::to_string(count) +
                    " series just stored");
      }
      for (int row = 0; row < PQntuples(rows); ++row) {
        std::size_t ordinal = 0;
        std::int64_t id = 0;
        if (!parse_integer(PQgetvalue(rows, row, 0), ordinal) || ordinal < 1 || ordinal > count ||
            !parse_integer(PQgetvalue(rows, row, 1), id)) {
          return fail("odometer_series: an id that is not an integer");
        }
        ChangeSeries& one = series[first + ordinal - 1];
        one.id = id;
        auto kind = parse_kind(PQgetvalue(rows, row, 2));
        if (!kind) {
          return fail("odometer_series " + one.key->str() + ": " + kind.error().message);
        }
        const bool additive_stored = std::string_view(PQgetvalue(rows, row, 3)) == "t";
        const Series stored_series =
            Series::empty(*kind, additive_stored ? Additivity::additive : Additivity::non_additive);
        if (auto ok = stored_series.check_mergeable(*one.series); !ok) {
          return fail(one.key->str() + ": " + ok.error().message);
        }
      }
    }
    return {};
  }

  // The upserts of every day, floor and reading of the change, in (series
  // id, day) order.
  Status upsert_numbers(std::vector<ChangeSeries>& series) {
    std::sort(series.begin(), series.end(),
              [](const ChangeSeries& a, const ChangeSeries& b) { return a.id < b.id; });
    struct Row {
      std::int64_t id;
      Day day;
      Count value;
      Timestamp at;
    };
    std::vector<Row> days;
    std::vector<Row> floors;
    std::vector<Row> readings;
    for (const auto& one : series) {
      if (const auto* daily = one.series->daily()) {
        for (const auto& [day, value] : daily->days()) {
          days.push_back(Row{one.id, day, value, {}});
        }
        for (const auto& [day, value] : daily->floors()) {
          floors.push_back(Row{one.id, day, value, {}});
        }
      } else if (const auto* cumulative = one.series->cumulative()) {
        for (const auto& [day, value] : cumulative->days()) {
          days.push_back(Row{one.id, day, value, {}});
        }
      } else {
        for (const auto& [day, reading] : one.series->gauge()->days()) {
          readings.push_back(Row{one.id, day, reading.value, reading.at});
        }
      }
    }
    const std::array<std::tuple<const std::vector<Row>*, const Statement*, const char*>, 3> tables{
        {{&days, &k_upsert_days, "cannot store the days"},
         {&floors, &k_upsert_floors, "cannot store the floors"},
         {&readings, &k_upsert_readings, "cannot store the gauge readings"}}};
    for (const auto& [rows, statement, what] : tables) {
      const bool gauge = statement == &k_upsert_readings;
      for (std::size_t first = 0; first < rows->size(); first += k_rows_per_statement) {
        const std::size_t count = std::min(k_rows_per_statement, rows->size() - first);
        BinaryArray ids(k_int8_oid, count);
        BinaryArray on(k_int4_oid, count);
        BinaryArray at(k_int8_oid, gauge ? count : 0);
        BinaryArray values(k_int8_oid, count);
        for (std::size_t i = first; i < first + count; ++i) {
          const Row& row = (*rows)[i];
          ids.add_int8(row.id);
          on.add_int4(row.day.days_since_epoch());
          if (gauge) {
            at.add_int8(row.at.unix_seconds());
          }
          values.add_int8(static_cast<std::int64_t>(row.value));
        }
        Params params;
        params.binary(ids.take()).binary(on.take());
        if (gauge) {
          params.binary(at.take());
        }
        params.binary(values.take());
        if (auto ok = run(*statement, std::move(params), what); !ok) {
          return ok.error();
        }
      }
    }
    return {};
  }

  // The merged state of the change's series, as stored now (inside the
  // commit, so it holds this commit and every one committed before).
  Result<Ledger> read_back(const std::vector<ChangeSeries>& series) {
    LedgerBuilder builder;
    for (const auto& one : series) {
      const auto* daily = one.series->daily();
      const bool additive = daily == nullptr || daily->additivity() == Additivity::additive;
      if (auto ok =
              builder.add_series(one.id, one.key->str(), to_string(one.series->kind()), additive);
          !ok) {
        return fail(ok.error().message);
      }
    }
    for (std::size_t first = 0; first < series.size(); first += k_rows_per_statement) {
      const std::size_t count = std::min(k_rows_per_statement, series.size() - first);
      BinaryArray ids(k_int8_oid, count);
      for (std::size_t i = first; i < first + count; ++i) {
        ids.add_int8(series[i].id);
      }
      const std::string id_array = ids.take();
      const std::array<std::pair<const Statement*, Table>, 3> tables{
          {{&k_select_days_of, Table::days},
           {&k_select_floors_of, Table::floors},
           {&k_select_readings_of, Table::readings}}};
      for (const auto& [statement, table] : tables) {
        auto rows = run(*statement, Params().binary(id_array), "cannot read the merged series");
        if (!rows) {
          return rows.error();
        }
        const PGresult* result = rows->get();
        const int columns = table == Table::readings ? 4 : 3;
        for (int row = 0; row < PQntuples(result); ++row) {
          std::array<std::int64_t, 4> f{};
          for (int column = 0; column < columns; ++column) {
            if (!parse_integer(PQgetvalue(result, row, column),
                               f[static_cast<std::size_t>(column)])) {
              return fail(std::string(table_name(table)) + ": a row odometer cannot read");
            }
          }
          Status ok = table == Table::readings ? builder.add_reading(f[0], f[1], f[2], f[3])
                                               : builder.add_number(table, f[0], f[1], f[2]);
          if (!ok) {
            return fail(ok.error().message);
          }
        }
      }
    }
    return finish(builder);
  }

  std::string m_url;
  std::string m_shown;                 // the URL with its password hidden
  std::vector<std::string> m_secrets;  // what redact_secrets hides in messages
  Connection m_connection;
  std::vector<const char*> m_prepared;  // names of the statements prepared on m_connection
  bool m_schema_ready = false;
  std::string m_last_sqlstate;  // of the last statement that failed
};

}  // namespace

std::unique_ptr<Store> make_postgres_store(std::string_view url) {
  return std::make_unique<PostgresStore>(std::string(url));
}

}  // namespace odometer
