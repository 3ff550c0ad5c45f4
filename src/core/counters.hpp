#pragma once

#include <string_view>

#include "core/ledger.hpp"

namespace odometer {

// The sum over SOURCE:METRIC:* of every series that has a total (daily and
// cumulative; gauges and non-additive series are never summed), raised to
// the sum over SOURCE:METRIC-imported:* when that is larger. An imported
// figure (a sum over several packages from the replaced system's cache) is
// a floor for the per-package series collected later: neither counted twice
// nor lost. Saturates instead of wrapping.
Count metric_sum(const Ledger& ledger, std::string_view source, std::string_view metric);

// The plain sum over SOURCE:METRIC:* of series with a total; saturating.
Count plain_metric_sum(const Ledger& ledger, std::string_view source, std::string_view metric);

}  // namespace odometer
