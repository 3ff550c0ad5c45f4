// Writes the dashboard of the fixed test ledger (tests/support/
// dashboard_fixture.hpp) to the file named by the first argument, for the
// headless-browser check.

#include <exception>
#include <fstream>
#include <iostream>

#include "report/dashboard.hpp"
#include "support/dashboard_fixture.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_dashboard OUT.html\n";
    return 2;
  }
  try {
    const odometer::Ledger ledger = odometer::testing::dashboard_fixture_ledger();
    const std::string html =
        odometer::render_dashboard(odometer::testing::dashboard_fixture_input(ledger));
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    out << html;
    out.close();
    if (!out) {
      std::cerr << "write_dashboard: cannot write " << argv[1] << "\n";
      return 1;
    }
  } catch (const std::exception& error) {
    std::cerr << "write_dashboard: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
