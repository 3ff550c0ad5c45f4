#include "report/dashboard_html.hpp"

#include "util/text.hpp"

namespace odometer {

std::string dashboard_number(Count value) {
  return with_thousands_separators(value);
}

std::string labelled_number(std::string_view label, const std::optional<Count>& value) {
  return "<td class=\"num\" data-label=\"" + std::string(label) + "\">" +
         (value ? dashboard_number(*value) : std::string("&ndash;")) + "</td>";
}

std::string days_ago(Timestamp at, Timestamp now) {
  const std::int32_t days = now.day() - at.day();
  if (days <= 0) {
    return "today";
  }
  return std::to_string(days) + (days == 1 ? " day ago" : " days ago");
}

void append_time(std::string& out, Timestamp at, const std::optional<Timestamp>& now) {
  const std::string exact = at.to_string();  // YYYY-MM-DDTHH:MM:SSZ
  out += "<time datetime=\"" + exact + "\">" + exact.substr(0, 10) + " " + exact.substr(11, 5) +
         " UTC</time>";
  if (now) {
    out += ", " + days_ago(at, *now);
  }
}

}  // namespace odometer
