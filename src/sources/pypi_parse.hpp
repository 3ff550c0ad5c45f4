#pragma once

// A pure parser for pypistats' `overall` endpoint, and PyPI name
// normalisation. Errors start with the URL and name the JSON path
// ("$.data[4].downloads").

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "sources/daily_count.hpp"

namespace odometer {

// PEP 503: lowercase, and every run of '-', '_' and '.' becomes one '-'
// ("Zope.Interface" -> "zope-interface").
std::string normalize_pypi_name(std::string_view name);

// Whether name is a valid distribution name (PEP 508): letters, digits,
// '-', '_', '.', starting and ending with a letter or digit.
bool is_pypi_name(std::string_view name);

// `GET {api}/api/packages/{name}/overall?mirrors=false`: one count per day
// from the rows whose category is `without_mirrors`, in the order given.
// Rows of any other category are left out, never added: with_mirrors
// counts the same downloads again. A day that appears twice is an error.
Result<std::vector<DailyCount>> parse_pypistats_overall(std::string_view body,
                                                        std::string_view url);

}  // namespace odometer
