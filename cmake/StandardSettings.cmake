# Interface targets applied to first-party code only, so third-party headers
# never break the -Werror build.
add_library(standard_warnings INTERFACE)
target_compile_options(standard_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  # Structs here give every member a default; leaving some out is the point.
  # (-Wnull-dereference is left out: at -O2 it flags checked variant
  # accesses; the ASan test build catches real null dereferences.)
  -Wno-missing-field-initializers)
if(ODOMETER_WERROR)
  target_compile_options(standard_warnings INTERFACE -Werror)
endif()

add_library(standard_settings INTERFACE)
if(ODOMETER_SANITIZE)
  target_compile_options(standard_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(standard_settings INTERFACE -fsanitize=address,undefined)
endif()
