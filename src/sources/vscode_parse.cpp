#include "sources/vscode_parse.hpp"

#include "util/json_reader.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

Result<VscodeExtension> read_extension(const JsonReader& reader, element value,
                                       const std::string& path) {
  TRY_ASSIGN(const auto fields, reader.object_of(value, path));
  TRY_ASSIGN(const auto publisher_field, reader.field(fields, "publisher", path));
  TRY_ASSIGN(const auto publisher, reader.object_of(publisher_field, path + ".publisher"));
  TRY_ASSIGN(const auto publisher_name,
             reader.string(publisher, "publisherName", path + ".publisher"));
  TRY_ASSIGN(const auto extension_name, reader.string(fields, "extensionName", path));
  VscodeExtension out;
  out.name = std::string(publisher_name) + "." + std::string(extension_name);

  TRY_ASSIGN(const auto statistics_field, reader.field(fields, "statistics", path));
  const std::string statistics_path = path + ".statistics";
  TRY_ASSIGN(const auto statistics, reader.array_of(statistics_field, statistics_path));
  std::optional<Count> installs;
  std::size_t index = 0;
  for (const element item : statistics) {
    const std::string item_path = json_index_path(statistics_path, index++);
    TRY_ASSIGN(const auto statistic, reader.object_of(item, item_path));
    TRY_ASSIGN(const auto name, reader.string(statistic, "statisticName", item_path));
    std::optional<Count>* target = name == "install"       ? &installs
                                   : name == "updateCount" ? &out.updates
                                                           : nullptr;
    if (target == nullptr) {
      continue;  // ratings, trends: not counts
    }
    if (target->has_value()) {
      return reader.fail(item_path, "a second \"" + std::string(name) + "\" statistic");
    }
    TRY_ASSIGN(const auto value_field, reader.field(statistic, "value", item_path));
    TRY_ASSIGN(*target, reader.whole_number_value(value_field, item_path + ".value"));
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
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto results_field, reader.field(top, "results", "$"));
  TRY_ASSIGN(const auto results, reader.array_of(results_field, "$.results"));
  std::vector<VscodeExtension> out;
  std::size_t result_index = 0;
  for (const element item : results) {
    const std::string path = json_index_path("$.results", result_index++);
    TRY_ASSIGN(const auto result, reader.object_of(item, path));
    TRY_ASSIGN(const auto extensions_field, reader.field(result, "extensions", path));
    TRY_ASSIGN(const auto extensions, reader.array_of(extensions_field, path + ".extensions"));
    std::size_t index = 0;
    for (const element extension : extensions) {
      TRY_ASSIGN(auto read,
                 read_extension(reader, extension, json_index_path(path + ".extensions", index++)));
      out.push_back(std::move(read));
    }
  }
  if (result_index == 0) {
    return reader.fail("$.results", "expected one result, got none");
  }
  return out;
}

}  // namespace odometer
