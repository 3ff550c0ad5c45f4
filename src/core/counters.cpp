#include "core/counters.hpp"

#include <algorithm>
#include <string>

namespace odometer {

Count plain_metric_sum(const Ledger& ledger, std::string_view source, std::string_view metric) {
  std::string prefix;
  prefix.append(source).append(":").append(metric).append(":");
  Count sum = 0;
  for (const auto& [key, series] : ledger.series()) {
    if (!key.str().starts_with(prefix) || series.kind() == Kind::gauge) {
      continue;
    }
    if (const auto value = series.value()) {
      sum = saturating_add(sum, *value);
    }
  }
  return sum;
}

Count metric_sum(const Ledger& ledger, std::string_view source, std::string_view metric) {
  const std::string imported = std::string(metric) + "-imported";
  return std::max(plain_metric_sum(ledger, source, metric),
                  plain_metric_sum(ledger, source, imported));
}

}  // namespace odometer
