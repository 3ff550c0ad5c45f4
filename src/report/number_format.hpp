#pragma once

#include <cstdint>
#include <string>

namespace odometer {

// 8116 -> "8,116"; 18446744073709551615 -> "18,446,744,073,709,551,615".
std::string with_thousands_separators(std::uint64_t value);

}  // namespace odometer
