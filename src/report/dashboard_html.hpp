#pragma once

// Small pieces of the dashboard's HTML that several of its sections write:
// numbers, a number's cell in a table that becomes cards on a phone, and a
// readable time with how long before the page's time it was.

#include <optional>
#include <string>
#include <string_view>

#include "core/series.hpp"
#include "core/timestamp.hpp"

namespace odometer {

// 12,345.
std::string dashboard_number(Count value);

// A number's cell in a table of class "cards", which a narrow screen shows
// as one card per row with each cell's label beside its value (the column
// headings are then off screen): nothing needs a sideways scroll. "–" for
// nullopt. label is written as given (a fixed heading, not escaped).
std::string labelled_number(std::string_view label, const std::optional<Count>& value);

// How many calendar days (UTC) before now the instant at was: "today",
// "1 day ago", "3 days ago"; "today" also for an instant on a later day
// than now (a clock ahead of render's --now).
std::string days_ago(Timestamp at, Timestamp now);

// A time as a reader reads it, "2026-11-28 05:14 UTC", in a <time> whose
// datetime attribute keeps the exact RFC 3339 form, followed by ", 3 days
// ago" (days_ago) when now is given.
void append_time(std::string& out, Timestamp at, const std::optional<Timestamp>& now);

}  // namespace odometer
