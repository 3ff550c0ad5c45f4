// Writes the dashboard fixture (tests/support/dashboard_fixture.hpp: a
// ledger, its config and a last-run note) into the folder named by the first
// argument, for the headless-browser check, which renders it with the real
// `odometer render`.

#include <exception>
#include <filesystem>
#include <iostream>

#include "support/dashboard_fixture.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_dashboard_fixture DIR\n";
    return 2;
  }
  try {
    std::filesystem::create_directories(argv[1]);
    std::cout << odometer::testing::write_dashboard_fixture(argv[1]).string() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "write_dashboard_fixture: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
