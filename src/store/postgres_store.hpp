#pragma once

#include <memory>
#include <string_view>

#include "store/store.hpp"

namespace odometer {

// The schema version this build creates and writes (docs/storage.md). A
// database of a newer version is refused, never written.
inline constexpr int k_postgres_schema_version = 1;

// The ledger in the PostgreSQL database at url: any libpq connection URI
// (postgres://user@host:port/db?sslmode=require&...), the password from the
// URI, PGPASSWORD or ~/.pgpass as libpq reads them. The store connects on
// first use and keeps that one connection; the first commit creates the
// schema when there is none. Every message shows the URL with its password
// hidden (util/redact.hpp). Not thread-safe: one thread per store object.
std::unique_ptr<Store> make_postgres_store(std::string_view url);

}  // namespace odometer
