#include "cli/app.hpp"

int main(int argc, char** argv) {
  return odometer::cli::run(argc, argv);
}
