// One collect run: every source on its own thread, all of them sharing one
// HttpClient (so per-host limits and rate-limit waits are global), and all
// their observations folded into ONE store commit at the end. A source that
// fails does not stop the others, and whatever succeeded is committed; an
// observation that contradicts the stored ledger (another kind under the
// same key) is refused on its own instead of failing the whole commit.

#include "collect/collect.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "collect/exit_code.hpp"
#include "collect/last_run.hpp"
#include "core/counters.hpp"
#include "net/curl_transport.hpp"
#include "net/etag_cache.hpp"
#include "net/recording.hpp"
#include "store/store.hpp"
#include "util/redact.hpp"

namespace odometer {

namespace {

// The counter SOURCE:METRIC:* of ledger, nullopt when it counts no series.
std::optional<Count> group_counter(const Ledger& ledger, std::string_view source,
                                   std::string_view metric) {
  const CounterSpec spec{"", "", {std::string(source) + ":" + std::string(metric) + ":*"}};
  if (counted_series(ledger, spec).empty()) {
    return std::nullopt;
  }
  return evaluate(ledger, spec).value;
}

// One entry per SOURCE:METRIC the run observed (change), with the counter
// of each as it stood in `before`; the caller fills in `after` with
// fill_after once the change is merged.
std::vector<GroupChange> observed_groups(const Ledger& change, const Ledger& before) {
  std::map<std::pair<std::string, std::string>, std::size_t> series;
  for (const auto& [key, one] : change.series()) {
    series[{std::string(key.source()), std::string(key.metric())}] += 1;
  }
  std::vector<GroupChange> out;
  for (const auto& [source_metric, count] : series) {
    const auto& [source, metric] = source_metric;
    out.push_back(
        GroupChange{source + ":" + metric, true, group_counter(before, source, metric), 0, count});
  }
  return out;
}

// Sets after (and whether the group has a total at all) from the ledger
// with the run's observations in it.
void fill_after(GroupChange& group, const Ledger& after) {
  const auto colon = group.group.find(':');
  const auto counted = group_counter(after, std::string_view(group.group).substr(0, colon),
                                     std::string_view(group.group).substr(colon + 1));
  group.summed = counted.has_value();
  group.after = counted.value_or(0);
  if (!group.summed) {
    group.before.reset();
  }
}

Result<std::vector<Source*>> choose_sources(Config& config, const CollectOptions& options) {
  const auto configured = [&](const std::string& name) -> Source* {
    for (auto& source : config.sources) {
      if (source->name() == name) {
        return source.get();
      }
    }
    return nullptr;
  };
  std::vector<Source*> chosen;
  for (const auto& name : options.only) {
    Source* source = configured(name);
    if (source == nullptr) {
      return make_error("--only " + name + ": there is no [" + name + "] in " +
                        config.file.string());
    }
    chosen.push_back(source);
  }
  if (options.only.empty()) {
    for (auto& source : config.sources) {
      chosen.push_back(source.get());
    }
  }
  for (const auto& name : options.require) {
    Source* source = configured(name);
    if (source == nullptr || std::find(chosen.begin(), chosen.end(), source) == chosen.end()) {
      return make_error("--require " + name + ": [" + name + "] is not configured" +
                        (source != nullptr ? " among --only" : " in " + config.file.string()));
    }
    if (const auto missing = source->missing_requirement()) {
      return make_error("--require " + name + ": " + *missing);
    }
  }
  if (chosen.empty()) {
    return make_error(config.file.string() +
                      " configures no source (add a [github], [npm], [pypi] or [manual] table)");
  }
  return chosen;
}

ClientOptions client_options(const Config& config, const std::vector<Source*>& sources) {
  ClientOptions options;
  options.budget = config.http.budget;
  options.max_attempts = config.http.max_attempts;
  for (const Source* source : sources) {
    if (auto secret = source->secret(); secret && options.token.empty()) {
      options.token = secret->token;
      options.token_host = secret->host;
    }
    for (const auto& policy : source->host_policies()) {
      auto& interval = options.min_interval_per_host[policy.host];
      interval = std::max(interval, policy.min_interval);
    }
  }
  return options;
}

// The keys of outcome's observations that neither the stored ledger nor
// the run so far (change) holds.
std::set<SeriesKey> new_keys(const SourceOutcome& outcome, const Ledger& stored,
                             const Ledger& change) {
  std::set<SeriesKey> keys;
  for (const auto& observation : outcome.result.observations) {
    if (stored.find(observation.key) == nullptr && change.find(observation.key) == nullptr) {
      keys.insert(observation.key);
    }
  }
  return keys;
}

// Every text a source reports goes to the terminal, the last-run note and
// the dashboard: a secret a server echoed is hidden here, once for all.
void hide_secrets_of(SourceResult& result) {
  result.reason = hide_secrets(std::move(result.reason));
  for (auto& problem : result.problems) {
    problem.entity = hide_secrets(std::move(problem.entity));
    problem.reason = hide_secrets(std::move(problem.reason));
  }
}

// Folds one source's observations into change, refusing (as a problem of
// that source) any that contradict the stored ledger's kind for the key,
// any whose key holds a secret, and every new series when the source
// would take the run past max_new_series (new_series counts the run's new
// series so far). A cumulative observation below the stored value is kept
// out of nothing (merge keeps the max) but reported as a drop.
std::size_t fold(SourceOutcome& outcome, const Ledger& stored, Ledger& change,
                 std::vector<Drop>& drops, std::size_t max_new_series, std::size_t& new_series) {
  std::size_t folded = 0;
  const std::set<SeriesKey> fresh = new_keys(outcome, stored, change);
  const bool over_cap = new_series + fresh.size() > max_new_series;
  if (over_cap) {
    outcome.result.problems.push_back(EntityProblem{
        "", SourceState::failed,
        std::to_string(fresh.size()) + " new series from " + outcome.name +
            (new_series > 0 ? " (after " + std::to_string(new_series) + " from other sources)"
                            : "") +
            " would pass [ledger] max_new_series = " + std::to_string(max_new_series) +
            "; none of them is stored (raise the limit if they are real)"});
  } else {
    new_series += fresh.size();
  }
  for (const auto& observation : outcome.result.observations) {
    if (over_cap && fresh.contains(observation.key)) {
      continue;
    }
    Status ok;
    if (holds_secret(observation.key.str())) {
      ok = make_error("a series key holds a secret; not stored");
    } else if (const Series* existing = stored.find(observation.key)) {
      ok = existing->check_mergeable(Series::empty(observation.kind, observation.additivity));
      if (!ok) {
        ok = make_error(observation.key.str() + ": " + ok.error().message);
      } else if (observation.kind == Kind::cumulative && observation.value >= 0) {
        const Count kept = existing->value().value_or(0);
        if (static_cast<Count>(observation.value) < kept) {
          drops.push_back(Drop{outcome.name, observation.key.str(),
                               static_cast<Count>(observation.value), kept});
        }
      }
    }
    if (ok) {
      ok = change.observe(observation);
    }
    if (ok) {
      ++folded;
    } else {
      outcome.result.problems.push_back(EntityProblem{hide_secrets(observation.key.str()),
                                                      SourceState::failed,
                                                      hide_secrets(ok.error().message)});
    }
  }
  return folded;
}

bool succeeded(const SourceResult& result) {
  return result.state == SourceState::ok && result.problems.empty();
}

}  // namespace

Result<CollectReport> run_collect(Config& config, const CollectOptions& options,
                                  Transport* transport, const ProgressSink& progress) {
  auto chosen = choose_sources(config, options);
  if (!chosen) {
    return chosen.error();
  }
  auto store = open_store(ledger_location(config));
  if (!store) {
    return store.error();
  }
  auto stored = (*store)->load();
  if (!stored) {
    return stored.error();
  }

  std::unique_ptr<Transport> owned;
  if (options.replay) {
    auto replay = make_replay_transport(*options.replay);
    if (!replay) {
      return replay.error();
    }
    owned = std::move(*replay);
    transport = owned.get();
  } else if (transport == nullptr) {
    CurlTransportOptions limits;
    limits.default_in_flight_per_host = options.jobs.value_or(config.http.in_flight_per_host);
    if (!options.jobs) {
      limits.in_flight_per_host = config.http.hosts;
    }
    owned = make_curl_transport(limits);
    transport = owned.get();
  }
  // One clock reading for the whole run: observations and a recording's
  // start agree, so a replay reproduces the ledger exactly.
  const Timestamp now = Timestamp::from_unix_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(transport->now().time_since_epoch())
          .count());
  ClientOptions client_settings = client_options(config, *chosen);
  std::unique_ptr<Recorder> recorder;
  if (options.record) {
    auto recording =
        make_recording_transport(*transport, *options.record, {client_settings.token}, now);
    if (!recording) {
      return recording.error();
    }
    recorder = std::move(*recording);
    transport = recorder.get();
  }
  // Recordings hold full bodies, so neither recording nor replay is conditional.
  std::optional<EtagCache> etags;
  if (!options.record && !options.replay) {
    etags.emplace(config.ledger.string() + ".etags.json");
  }
  HttpClient client(*transport, client_settings, etags ? &*etags : nullptr);

  CollectReport report;
  report.sources.resize(chosen->size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < chosen->size(); ++i) {
      Source* source = (*chosen)[i];
      report.sources[i].name = source->name();
      threads.emplace_back([&, source, i] {
        SourceContext context{client, now, *stored,
                              [&, name = source->name()](std::size_t done, std::size_t total) {
                                if (progress) {
                                  progress(name, done, total);
                                }
                              },
                              options.shard};
        report.sources[i].result = source->collect(context);
      });
    }
  }

  Ledger change;
  std::size_t new_series = 0;
  for (auto& outcome : report.sources) {
    hide_secrets_of(outcome.result);
    report.observations +=
        fold(outcome, *stored, change, report.drops, config.max_new_series, new_series);
  }
  // updated_at says when the counts last changed (the dashboard shows it as
  // "collected at"): a run that adds nothing leaves the ledger's bytes alone.
  if (!stored->includes(change)) {
    change.touch(now);
  }
  if (!options.dry_run) {
    // The store need not read the merged series back: the report below
    // shows what this run changed, not a concurrent writer's counts.
    auto committed = (*store)->commit_without_readback(change);
    if (!committed) {
      return committed.error();
    }
    report.committed = true;
    if (etags) {
      (void)etags->save();  // only an optimisation: a failure costs full requests next time
    }
  }

  // Before and after of each group this run observed: the ledger it read,
  // then the same with its observations merged in (in place: a copy of a
  // large ledger costs more than the merge).
  report.changes = observed_groups(change, *stored);
  (void)stored->merge(change);  // kinds were checked against stored in fold()
  for (auto& group : report.changes) {
    fill_after(group, *stored);
  }
  report.http = client.stats();
  const bool all_ok = std::all_of(report.sources.begin(), report.sources.end(),
                                  [](const SourceOutcome& o) { return succeeded(o.result); });
  const bool required_ok =
      std::all_of(options.require.begin(), options.require.end(), [&](const std::string& name) {
        return std::any_of(report.sources.begin(), report.sources.end(),
                           [&](const auto& o) { return o.name == name && succeeded(o.result); });
      });
  report.exit_code = !required_ok ? k_exit_error : (all_ok ? k_exit_ok : k_exit_partial);
  if (recorder) {
    if (auto failure = recorder->failure()) {
      // The ledger is committed; the recording the user asked for is not whole.
      report.recording_error =
          "the recording in " + options.record->string() + " is incomplete: " + *failure;
      report.exit_code = k_exit_error;
    }
  }
  if (!options.dry_run) {
    // Read by render's dashboard ("what failed last time"); the ledger is
    // committed already, so a failure here only loses that note.
    if (auto written = write_last_run(last_run_path(config.ledger), last_run_of(report, now));
        !written) {
      report.last_run_error = written.error().message;
    }
  }
  return report;
}

}  // namespace odometer
