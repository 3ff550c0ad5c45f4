#pragma once

// How the dashboard looks and what it may load: its stylesheet and its
// Content-Security-Policy, both inlined in the page.

#include <string_view>

namespace odometer {

// The page's whole stylesheet, for its <style> element: light and dark
// colors through custom properties (the SVG charts use the same classes, so
// they follow the reader's color scheme too), a fluid layout, and tables
// that scroll inside their box on a phone. Static text; never fails.
std::string_view dashboard_css();

// The page's Content-Security-Policy: nothing but its own inline style, so
// no script runs and nothing is fetched even if some text ever escaped its
// escaping. Static text, for a <meta http-equiv> attribute (no quotes in it).
std::string_view dashboard_content_security_policy();

}  // namespace odometer
