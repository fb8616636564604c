# loadtwin_add_test(name [SERIAL] SOURCES ... LIBS ...): one GoogleTest binary, every case a
# ctest test. SERIAL: real-time tests that ctest runs with nothing else beside them, so that
# `ctest -j` on a 2-core machine does not starve their timers.
function(loadtwin_add_test name)
  cmake_parse_arguments(T "SERIAL" "" "SOURCES;LIBS" ${ARGN})
  set(serial)
  if(T_SERIAL)
    set(serial RUN_SERIAL TRUE)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main loadtwin_warnings)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE LOADTWIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "LOADTWIN_BIN=$<TARGET_FILE:loadtwin>;LOADTWIN_SOURCE=${PROJECT_SOURCE_DIR}"
               ${serial})
endfunction()
