#pragma once

// The data shields' badge renderer (the npm package badge-maker) draws with,
// as tables: generated from the pinned badge-maker by
// tests/oracles/generate_badge_tables.mjs into badge_tables.cpp, so the
// product needs no node. report/badge.cpp holds the rules that read them.

#include <cstdint>
#include <span>
#include <string_view>

namespace odometer::badge_tables {

// Code points first..last are `hundredths` / 100 px wide in Verdana 11px.
struct WidthRange {
  char32_t first;
  char32_t last;
  std::uint16_t hundredths;
};

// A shields color name and the fill it draws with ("#4b0").
struct ShieldsColor {
  std::string_view name;
  std::string_view fill;
};

// Another name for a shields color ("success" is "brightgreen").
struct ShieldsAlias {
  std::string_view alias;
  std::string_view name;
};

// A CSS color name badge-maker also accepts, and its RGB value.
struct CssColor {
  std::string_view name;
  std::uint8_t red;
  std::uint8_t green;
  std::uint8_t blue;
};

// anafanafo's '11px Verdana' table: sorted, disjoint ranges. A code point in
// none of them is measured as one 'm'. Like the spans below, static storage
// that never changes: thread-safe.
std::span<const WidthRange> verdana_11px();

// badge-maker's namedColors, in its order.
std::span<const ShieldsColor> shields_colors();

// badge-maker's aliases, in its order.
std::span<const ShieldsAlias> shields_aliases();

// The CSS color names, sorted.
std::span<const CssColor> css_colors();

}  // namespace odometer::badge_tables
