#include "sources/vscode_parse.hpp"

#include "util/json_reader.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

Result<VscodeExtension> read_extension(const JsonReader& reader, element value,
                                       const std::string& path) {
  auto fields = reader.object_of(value, path);
  if (!fields) {
    return fields.error();
  }
  auto publisher_field = reader.field(*fields, "publisher", path);
  if (!publisher_field) {
    return publisher_field.error();
  }
  auto publisher = reader.object_of(*publisher_field, path + ".publisher");
  if (!publisher) {
    return publisher.error();
  }
  auto publisher_name = reader.string(*publisher, "publisherName", path + ".publisher");
  if (!publisher_name) {
    return publisher_name.error();
  }
  auto extension_name = reader.string(*fields, "extensionName", path);
  if (!extension_name) {
    return extension_name.error();
  }
  VscodeExtension out;
  out.name = std::string(*publisher_name) + "." + std::string(*extension_name);

  auto statistics_field = reader.field(*fields, "statistics", path);
  if (!statistics_field) {
    return statistics_field.error();
  }
  const std::string statistics_path = path + ".statistics";
  auto statistics = reader.array_of(*statistics_field, statistics_path);
  if (!statistics) {
    return statistics.error();
  }
  std::optional<Count> installs;
  std::size_t index = 0;
  for (const element item : *statistics) {
    const std::string item_path = json_index_path(statistics_path, index++);
    auto statistic = reader.object_of(item, item_path);
    if (!statistic) {
      return statistic.error();
    }
    auto name = reader.string(*statistic, "statisticName", item_path);
    if (!name) {
      return name.error();
    }
    std::optional<Count>* target = *name == "install"       ? &installs
                                   : *name == "updateCount" ? &out.updates
                                                            : nullptr;
    if (target == nullptr) {
      continue;  // ratings, trends: not counts
    }
    if (target->has_value()) {
      return reader.fail(item_path, "a second \"" + std::string(*name) + "\" statistic");
    }
    auto value_field = reader.field(*statistic, "value", item_path);
    if (!value_field) {
      return value_field.error();
    }
    auto number = reader.whole_number_value(*value_field, item_path + ".value");
    if (!number) {
      return number.error();
    }
    *target = *number;
  }
  if (!installs) {
    return reader.fail(statistics_path, "no \"install\" statistic");
  }
  out.installs = *installs;
  return out;
}

}  // namespace

std::string vscode_query_body(const std::vector<std::string>& extensions) {
  std::string out = R"({"filters":[{"criteria":[)";
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    out += i > 0 ? "," : "";
    out += R"({"filterType":7,"value":)";
    append_json_string(out, extensions[i]);
    out += "}";
  }
  out +=
      R"(],"pageNumber":1,"pageSize":)" + std::to_string(extensions.size()) + R"(}],"flags":914})";
  return out;
}

Result<std::vector<VscodeExtension>> parse_vscode_extensions(std::string_view body,
                                                             std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  auto results_field = reader.field(*top, "results", "$");
  if (!results_field) {
    return results_field.error();
  }
  auto results = reader.array_of(*results_field, "$.results");
  if (!results) {
    return results.error();
  }
  std::vector<VscodeExtension> out;
  std::size_t result_index = 0;
  for (const element item : *results) {
    const std::string path = json_index_path("$.results", result_index++);
    auto result = reader.object_of(item, path);
    if (!result) {
      return result.error();
    }
    auto extensions_field = reader.field(*result, "extensions", path);
    if (!extensions_field) {
      return extensions_field.error();
    }
    auto extensions = reader.array_of(*extensions_field, path + ".extensions");
    if (!extensions) {
      return extensions.error();
    }
    std::size_t index = 0;
    for (const element extension : *extensions) {
      auto read = read_extension(reader, extension, json_index_path(path + ".extensions", index++));
      if (!read) {
        return read.error();
      }
      out.push_back(std::move(*read));
    }
  }
  if (result_index == 0) {
    return reader.fail("$.results", "expected one result, got none");
  }
  return out;
}

}  // namespace odometer
