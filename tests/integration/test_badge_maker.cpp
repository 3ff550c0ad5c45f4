// odometer's badges against the real thing: shields' renderer, the npm
// package badge-maker (pinned in tests/oracles/package.json, installed there
// by `npm ci` in scripts/test.sh), run by tests/oracles/make_badges.mjs.
// Every badge odometer draws must be byte for byte the SVG badge-maker draws
// for the same label, message and colors, so every number in it (widths,
// text x positions, textLength, fills, text and shadow colors) is equal, not
// close. Covered:
//   - label/message pairs: ASCII, digits, punctuation, accented Latin, Greek,
//     Cyrillic, CJK, Hangul, RTL, emoji, very long, one character, empty
//     label, empty message, XML-special characters, whitespace to trim;
//   - every named color, alias and CSS name, as message and as label color;
//   - all 4096 #rgb colors, and every RGB whose brightness is at the light
//     text threshold (0.695 and its neighbours);
//   - the first and last code point of every range of the width table and
//     the code point after it (the fallback for a character the table lacks);
//   - render_badges (what `odometer render` calls) and `odometer render`
//     itself with colors in the config: each SVG equals what badge-maker
//     draws from the endpoint JSON written beside it.
// Without node or badge-maker these tests fail and say so; they never skip.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/shown.hpp"
#include "report/badge.hpp"
#include "report/badge_tables.hpp"
#include "report/visual_outputs.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"
#include "util/json_text.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::read_file;
using testing::run_command;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const std::filesystem::path k_oracles =
    std::filesystem::path(ODOMETER_FIXTURES).parent_path() / "oracles";

// One badge for both renderers.
struct Case {
  std::string group;  // for messages: which part of the comparison
  std::string label;
  std::string message;
  std::string color;
  std::optional<std::string> label_color;
};

std::string to_json(const Case& c) {
  std::string out = "{\"label\": ";
  append_json_string(out, c.label);
  out += ", \"message\": ";
  append_json_string(out, c.message);
  out += ", \"color\": ";
  append_json_string(out, c.color);
  if (c.label_color) {
    out += ", \"labelColor\": ";
    append_json_string(out, *c.label_color);
  }
  out += "}";
  return out;
}

std::string utf8(char32_t code) {
  std::string out;
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
  return out;
}

// A code point valid UTF-8 can carry and a badge accepts: no surrogate, no
// control character.
bool drawable(char32_t code) {
  return code > 0x1F && code != 0x7F && (code < 0xD800 || code > 0xDFFF) && code <= 0x10FFFF;
}

std::string hex_color(unsigned red, unsigned green, unsigned blue) {
  static constexpr std::string_view k_digits = "0123456789abcdef";
  std::string out = "#";
  for (const unsigned channel : {red, green, blue}) {
    out.push_back(k_digits[channel / 16]);
    out.push_back(k_digits[channel % 16]);
  }
  return out;
}

std::vector<std::string> label_texts() {
  std::string long_label;
  while (long_label.size() < 200) {
    long_label += "The quick brown fox jumps over the lazy dog, ";
  }
  return {
      "installs",
      "repo clones",
      "package installs",
      "downloads",
      "PyPI",
      "npm",
      "a",
      "W",
      "i",
      "",
      "Grüße über",
      "naïve café",
      "ÀÉÎÕÜ àéîõü",
      "Straße",
      "Ångström",
      "Œuvre",
      "ñandú",
      "Łódź Kraków",
      "Ελληνικά",
      "Русский язык",
      "日本語",
      "中文下载次数",
      "한국어",
      "עברית",
      "العربية",
      "हिन्दी",
      "ภาษาไทย",
      "e\xCC\x81 combining",
      "\xEF\xAC\x81 ligature",
      "½ ¼ ¾ € £ ¥ ™ © ®",
      "… — – « »",
      "emoji \xF0\x9F\x9A\x80\xF0\x9F\x8E\x89",
      "x <y> & \"z\" 'w'",
      "<script>alert(1)</script>",
      "&amp; is not an entity",
      "100%",
      "C++ / C#",
      "@scope/name",
      "~!@#$%^&*()_+{}|:?",
      "  padded  ",
      "\xC2\xA0nbsp\xC2\xA0",
      "\xE3\x80\x80全角\xE3\x80\x80",
      "soft\xC2\xADhyphen",
      "zero\xE2\x80\x8Bwidth",
      "private \xEE\x80\x80 use",
      "plane 16 \xF4\x8F\xBF\xBD",
      "MMMMMMMMMM",
      "iiiiiiiiii",
      "0123456789",
      long_label,
  };
}

std::vector<std::string> message_texts() {
  const std::string long_message =
      std::string("a very long message that goes on and on, well past what any badge would ") +
      "show, to see textLength and the box agree";
  return {"0",      "7",         "999", "1k",      "8.1k",
          "38k",    "1.2M",      "18E", "passing", "v1.2.3",
          "100%",   "",          "ü",   "日本",    "\xF0\x9F\x9A\x80",
          "<>&\"'", "1,234,567", "∞",   "Ж",       long_message};
}

// Colors as message colors, in turn, for the pairs.
std::vector<std::string> pair_colors() {
  return {"blue",     "brightgreen",   "green",         "yellow",   "yellowgreen", "orange",
          "red",      "grey",          "lightgrey",     "gray",     "success",     "important",
          "critical", "inactive",      "informational", "#abc",     "ABC",         "#ff69b4",
          "C0FFEE",   "#fff",          "#000",          "teal",     "pink",        "gold",
          "white",    "rebeccapurple", "#0cf9f1",       "lightgray"};
}

std::vector<std::optional<std::string>> pair_label_colors() {
  return {std::nullopt, std::nullopt, "grey",  "#fff",    "white",
          "lightgrey",  "#4b0",       "black", "#0cf9f1", "gold"};
}

std::vector<Case> pair_cases() {
  std::vector<Case> cases;
  const auto labels = label_texts();
  const auto messages = message_texts();
  const auto colors = pair_colors();
  const auto label_colors = pair_label_colors();
  std::size_t n = 0;
  for (const auto& label : labels) {
    for (std::size_t k = 0; k < 5; ++k, ++n) {
      cases.push_back(Case{"pairs", label, messages[(n * 7 + k) % messages.size()],
                           colors[n % colors.size()], label_colors[(n / 3) % label_colors.size()]});
    }
  }
  return cases;
}

std::vector<Case> named_color_cases() {
  std::vector<Case> cases;
  for (const std::string_view name : badge_color_names()) {
    cases.push_back(Case{"named colors", "build", "passing", std::string(name), std::nullopt});
    cases.push_back(Case{"named colors", "label", "1.2k", "blue", std::string(name)});
    cases.push_back(Case{"named colors", "", "no label", "grey", std::string(name)});
  }
  return cases;
}

std::vector<Case> hex_cases() {
  static constexpr std::string_view k_digits = "0123456789abcdef";
  std::vector<Case> cases;
  for (unsigned i = 0; i < 4096; ++i) {
    const unsigned j = 4095 - i;
    const std::string color = {'#', k_digits[i / 256], k_digits[(i / 16) % 16], k_digits[i % 16]};
    const std::string label_color = {k_digits[j / 256], k_digits[(j / 16) % 16], k_digits[j % 16]};
    cases.push_back(Case{"#rgb colors", i % 2 == 0 ? "a" : "", "b", color, label_color});
  }
  return cases;
}

// Every RGB whose brightness sum is 177224, 177225 (the double nearest
// 0.695) or 177226.
std::vector<Case> threshold_cases() {
  std::vector<Case> cases;
  for (const unsigned sum : {177224U, 177225U, 177226U}) {
    for (unsigned red = 0; red < 256; ++red) {
      for (unsigned green = 0; green < 256; ++green) {
        const unsigned partial = red * 299 + green * 587;
        if (partial > sum || (sum - partial) % 114 != 0 || (sum - partial) / 114 > 255) {
          continue;
        }
        const std::string color = hex_color(red, green, (sum - partial) / 114);
        cases.push_back(Case{"brightness threshold", "label", "message", color, color});
      }
    }
  }
  return cases;
}

std::vector<Case> width_table_cases() {
  std::vector<Case> cases;
  const auto table = badge_tables::verdana_11px();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& range = table[i];
    std::string label;
    for (const char32_t code : {range.first, range.last}) {
      if (drawable(code)) {
        label += utf8(code);
      }
    }
    // The code point after the range: a gap (measured as "m") unless the
    // next range starts there.
    const char32_t next = range.last + 1;
    const bool gap = i + 1 == table.size() || table[i + 1].first != next;
    std::string message = gap && drawable(next) ? "x" + utf8(next) : "x";
    cases.push_back(Case{"width table", label, message, "blue", std::nullopt});
  }
  cases.push_back(Case{"width table", utf8(0x10FFFF), utf8(0x10FFFE), "blue", std::nullopt});
  return cases;
}

std::optional<std::string> find_node() {
  const char* path = std::getenv("PATH");  // NOLINT(concurrency-mt-unsafe)
  std::stringstream folders(path == nullptr ? "" : path);
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    const std::filesystem::path candidate = std::filesystem::path(folder) / "node";
    if (!folder.empty() && access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return std::nullopt;
}

constexpr const char* k_no_node =
    "node is not on PATH: the badge comparison needs node and npm (scripts/test.sh installs "
    "Debian's nodejs and npm, then runs npm ci in tests/oracles)";

void expect_oracle_installed() {
  EXPECT_TRUE(std::filesystem::exists(k_oracles / "node_modules" / "badge-maker" / "package.json"))
      << "badge-maker is not installed in " << k_oracles.string()
      << "/node_modules: run `npm ci` there (scripts/test.sh does)";
}

// badge-maker's SVG for each of the endpoint-document-like JSON objects.
std::vector<std::string> badge_maker_svgs(const std::vector<std::string>& objects) {
  const auto node = find_node();
  if (!node) {
    ADD_FAILURE() << k_no_node;
    return {};
  }
  std::string input = "[";
  for (std::size_t i = 0; i < objects.size(); ++i) {
    input += (i == 0 ? "\n" : ",\n") + objects[i];
  }
  input += "\n]\n";
  const CommandResult result =
      run_command({*node, (k_oracles / "make_badges.mjs").string()}, input);
  if (result.exit_code != 0) {
    ADD_FAILURE() << "tests/oracles/make_badges.mjs failed (exit " << result.exit_code
                  << "): " << result.err;
    return {};
  }
  std::vector<std::string> svgs;
  std::size_t start = 0;
  for (std::size_t end = result.out.find('\n'); end != std::string::npos;
       end = result.out.find('\n', start)) {
    svgs.push_back(result.out.substr(start, end - start));
    start = end + 1;
  }
  EXPECT_EQ(svgs.size(), objects.size()) << "make_badges.mjs wrote a line per badge";
  return svgs;
}

// The attributes of an SVG in order, as name=value, for a readable message.
std::vector<std::string> attributes_of(std::string_view svg) {
  std::vector<std::string> out;
  std::string_view element;
  for (std::size_t at = 0; at < svg.size(); ++at) {
    if (svg[at] == '<') {
      const std::size_t end = svg.find_first_of(" />", at + 1);
      element = svg.substr(at + 1, end == std::string_view::npos ? 0 : end - at - 1);
    } else if (svg[at] == '=' && at + 1 < svg.size() && svg[at + 1] == '"') {
      std::size_t name_start = svg.rfind(' ', at);
      const std::size_t value_end = svg.find('"', at + 2);
      if (name_start == std::string_view::npos || value_end == std::string_view::npos) {
        break;
      }
      out.push_back(std::string(element) + " " +
                    std::string(svg.substr(name_start + 1, at - name_start - 1)) + "=" +
                    std::string(svg.substr(at + 2, value_end - at - 2)));
      at = value_end;
    }
  }
  return out;
}

// What differs between ours and theirs, for a failure message.
std::string describe_difference(const std::string& ours, const std::string& theirs) {
  const auto a = attributes_of(ours);
  const auto b = attributes_of(theirs);
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) {
      return "first differing attribute: ours " + a[i] + ", badge-maker " + b[i];
    }
  }
  std::size_t at = 0;
  while (at < ours.size() && at < theirs.size() && ours[at] == theirs[at]) {
    ++at;
  }
  const std::size_t from = at < 60 ? 0 : at - 60;
  return "first difference at byte " + std::to_string(at) + ":\n    ours:        ..." +
         ours.substr(from, 140) + "\n    badge-maker: ..." + theirs.substr(from, 140);
}

// Compares every pair; one failure listing the first differences and the
// count, never a silent pass for an empty comparison.
void expect_identical(const std::vector<std::string>& what, const std::vector<std::string>& ours,
                      const std::vector<std::string>& theirs) {
  ASSERT_FALSE(ours.empty());
  ASSERT_EQ(ours.size(), theirs.size());
  std::size_t differences = 0;
  std::string report;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    if (ours[i] == theirs[i]) {
      continue;
    }
    if (++differences <= 10) {
      report += "\n  " + what[i] + "\n    " + describe_difference(ours[i], theirs[i]);
    }
  }
  EXPECT_EQ(differences, 0U) << differences << " of " << ours.size()
                             << " badges differ from badge-maker's:" << report;
}

TEST(BadgeMaker, EveryBadgeIsByteForByteBadgeMakers) {
  expect_oracle_installed();
  std::vector<Case> cases;
  for (auto part :
       {pair_cases(), named_color_cases(), hex_cases(), threshold_cases(), width_table_cases()}) {
    cases.insert(cases.end(), part.begin(), part.end());
  }
  std::vector<std::string> objects;
  std::vector<std::string> what;
  std::vector<std::string> ours;
  std::map<std::string, std::size_t> per_group;
  for (const auto& c : cases) {
    auto svg = badge_svg(c.label, c.message, BadgeColors{c.color, c.label_color});
    ASSERT_TRUE(svg.ok()) << to_json(c) << ": " << svg.error().message;
    // Bidi controls from API text are shown as U+FFFD (core/shown.hpp), so
    // badge-maker is asked for the text as ours shows it.
    Case shown = c;
    shown.label = without_bidi_controls(c.label);
    shown.message = without_bidi_controls(c.message);
    objects.push_back(to_json(shown));
    what.push_back(c.group + " " + objects.back());
    ours.push_back(std::move(*svg));
    ++per_group[c.group];
  }
  EXPECT_GE(per_group["pairs"], 200U);
  const auto theirs = badge_maker_svgs(objects);
  expect_identical(what, ours, theirs);
  std::cout << "compared " << ours.size() << " badges with badge-maker:";
  for (const auto& [group, count] : per_group) {
    std::cout << " " << count << " " << group << ";";
  }
  std::cout << "\n";
}

// render_badges, which `odometer render` calls: each SVG equals what
// badge-maker draws from the endpoint JSON written beside it.
TEST(BadgeMaker, RenderedSvgIsWhatShieldsDrawsFromTheEndpointJson) {
  expect_oracle_installed();
  std::vector<CounterValue> values;
  BadgeColorScheme scheme;
  scheme.defaults = BadgeColorChoice{"informational", std::nullopt};
  const std::vector<std::pair<std::string, BadgeColorChoice>> choices = {
      {"default", {}},
      {"green", {"success", std::nullopt}},
      {"light", {"#0cf9f1", "white"}},
      {"css", {"teal", "gold"}},
      {"bare-hex", {"C0FFEE", "333"}},
      {"label-only", {std::nullopt, "lightgrey"}},
      {"empty-label", {"orange", "#abc"}},
  };
  const std::vector<Count> counts = {
      0, 7, 999, 1'000, 8'116, 37'701, 999'950, 1'234'567'890, 18'446'744'073'709'551'615ULL};
  for (const auto& [name, choice] : choices) {
    for (const Count count : counts) {
      const std::string counter = name + "-" + std::to_string(values.size());
      const std::string label = name == "empty-label" ? "" : "Grüße " + name;
      values.push_back(CounterValue{counter, label, count, std::nullopt});
      if (choice != BadgeColorChoice{}) {
        scheme.counters[counter] = choice;
      }
    }
  }
  auto files = render_badges(values, scheme);
  ASSERT_TRUE(files.ok()) << files.error().message;
  std::vector<std::string> objects;
  std::vector<std::string> what;
  std::vector<std::string> ours;
  for (const auto& file : *files) {
    if (file.name.extension() == ".json") {
      objects.push_back(file.text);
      what.push_back(file.name.string() + " " + file.text);
    } else {
      ours.push_back(file.text);
    }
  }
  ASSERT_EQ(ours.size(), values.size());
  expect_identical(what, ours, badge_maker_svgs(objects));
}

// `odometer render` with badge colors in the config, end to end.
TEST(BadgeMaker, OdometerRenderWritesShieldsBadges) {
  expect_oracle_installed();
  TempDir dir;
  const std::string ledger = (dir / "ledger.json").string();
  for (const auto& [key, value] :
       {std::pair{"npm:downloads:left-pad", "8116"}, std::pair{"github:clones:o/r", "37701"}}) {
    ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--day", "2026-05-01",
                            key, value})
                  .exit_code,
              0);
  }
  write_file(dir / "odometer.toml",
             "[ledger]\npath = \"ledger.json\"\n"
             "[outputs]\nsummary = false\nbadge_color = \"success\"\n"
             "badge_label_color = \"#333\"\n"
             "[[counter]]\nname = \"installs\"\nlabel = \"package installs\"\n"
             "sum = [\"npm:downloads:*\"]\n"
             "[[counter]]\nname = \"clones\"\nlabel = \"Klone <über> & 'so'\"\n"
             "sum = [\"github:clones:*\"]\ncolor = \"#0CF9F1\"\nlabel_color = \"white\"\n"
             "[[counter]]\nname = \"none\"\nlabel = \"日本語のラベル\"\nsum = [\"none:*\"]\n"
             "color = \"lightgrey\"\n");
  const CommandResult result = run_odometer(
      {"render", "--config", (dir / "odometer.toml").string(), "--now", "2026-05-02T12:00:00Z"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> objects;
  std::vector<std::string> what;
  std::vector<std::string> ours;
  for (const std::string name : {"installs", "clones", "none"}) {
    const auto badges = dir / "odometer-out" / "badges";
    objects.push_back(read_file(badges / (name + ".json")));
    what.push_back("badges/" + name + ".json " + objects.back());
    ours.push_back(read_file(badges / (name + ".svg")));
  }
  EXPECT_EQ(objects[1],
            "{\"schemaVersion\": 1, \"label\": \"Klone <über> & 'so'\", \"message\": \"38k\", "
            "\"color\": \"#0cf9f1\", \"labelColor\": \"white\"}\n");
  expect_identical(what, ours, badge_maker_svgs(objects));
}

// The committed width and color tables are what the pinned badge-maker has.
TEST(BadgeMaker, GeneratedTablesMatchThePinnedBadgeMaker) {
  expect_oracle_installed();
  const auto node = find_node();
  ASSERT_TRUE(node) << k_no_node;
  const CommandResult result =
      run_command({*node, (k_oracles / "generate_badge_tables.mjs").string(), "--check"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace odometer
