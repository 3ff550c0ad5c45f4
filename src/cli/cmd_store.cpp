// odometer store init: a store made ready ahead of its first commit, so that
// a database's tables can be created by a role allowed to create them and
// collectors can then run with a role that may only write rows.

#include <fmt/core.h>

#include <memory>
#include <string>

#include "cli/command.hpp"
#include "store/store.hpp"

namespace odometer::cli {

namespace {

Result<int> run_store_init(const std::string& location) {
  auto store = open_store(location);
  if (!store) {
    return store.error();
  }
  auto done = (*store)->init();
  if (!done) {
    return done.error();
  }
  fmt::print("{}\n", *done);
  return k_exit_ok;
}

}  // namespace

void add_store_command(CLI::App& app, CommandRunner& chosen) {
  auto* store = app.add_subcommand("store", "Prepare a ledger store (docs/storage.md)");
  store->require_subcommand(1);
  auto location = std::make_shared<std::string>();
  auto* init = store->add_subcommand(
      "init",
      "Create the schema of a PostgreSQL store (or upgrade it to this odometer's version; a "
      "newer one is refused), or write an empty ledger file; prints what it did");
  init->add_option("URL", *location, "postgres://user@host/db (any libpq URI), or a ledger file")
      ->required();
  init->callback(
      [location, &chosen] { chosen = [location] { return run_store_init(*location); }; });
}

}  // namespace odometer::cli
