#pragma once

// The pure parts of the [vscode] source: the extensionquery request body,
// and its response in, each extension's statistics out, or an error naming
// the URL and the JSON path.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// The body of `POST {api}/_apis/public/gallery/extensionquery` asking for
// every extension ("publisher.extension", filterType 7) in one filter, with
// a page large enough for all of them, and flags 914 (statistics included).
std::string vscode_query_body(const std::vector<std::string>& extensions);

struct VscodeExtension {
  std::string name;  // "publisher.extension" as the Marketplace spells it
  Count installs = 0;
  std::optional<Count> updates;  // absent when the Marketplace lists no updateCount
  bool operator==(const VscodeExtension&) const = default;
};

// Every extension of `results[].extensions[]`: the `install` statistic
// (required) and `updateCount`. Statistics may be written as floats
// (1234.0); a whole number is taken, any other fraction is an error. An
// empty list is no extensions, not an error.
Result<std::vector<VscodeExtension>> parse_vscode_extensions(std::string_view body,
                                                             std::string_view url);

}  // namespace odometer
