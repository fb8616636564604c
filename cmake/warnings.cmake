# Warnings shared by every target of ours (not by third-party headers).
add_library(loadtwin_warnings INTERFACE)
target_compile_options(loadtwin_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  # GCC 12 false positive in libstdc++ string code (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(LOADTWIN_WERROR)
  target_compile_options(loadtwin_warnings INTERFACE -Werror)
endif()
