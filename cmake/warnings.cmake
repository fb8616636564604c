# Warnings shared by every target of ours (not by third-party headers).
add_library(loadtwin_warnings INTERFACE)
target_compile_options(loadtwin_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  # GCC 12 false positive in libstdc++ string code (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
# A unity build (CMAKE_UNITY_BUILD, as scripts/test.sh builds for CI) compiles .cpp files
# included into another file, where GCC takes anonymous-namespace types in a coroutine frame
# for a linkage problem; in the files themselves they are not.
if(CMAKE_UNITY_BUILD)
  target_compile_options(loadtwin_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
endif()
if(LOADTWIN_WERROR)
  target_compile_options(loadtwin_warnings INTERFACE -Werror)
endif()
