# embed_file(TARGET target INPUT file SYMBOL name): compiles the bytes of `file` into
# `target` as `extern char const name[]` plus `name_size`, so the binary needs no data
# directory (models/baseline.json runs from anywhere).
function(embed_file)
  cmake_parse_arguments(EMBED "" "TARGET;INPUT;SYMBOL" "" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${EMBED_SYMBOL}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${EMBED_INPUT} -DOUTPUT=${out} -DSYMBOL=${EMBED_SYMBOL}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file_run.cmake
    DEPENDS ${EMBED_INPUT} ${PROJECT_SOURCE_DIR}/cmake/embed_file_run.cmake
    VERBATIM)
  target_sources(${EMBED_TARGET} PRIVATE ${out})
endfunction()

# embed_text_without_urls(TARGET target INPUT file SYMBOL name): embed_file of a copy of
# `file` with every "http://" and "https://" removed (see strip_urls_run.cmake).
function(embed_text_without_urls)
  cmake_parse_arguments(EMBED "" "TARGET;INPUT;SYMBOL" "" ${ARGN})
  set(stripped ${CMAKE_CURRENT_BINARY_DIR}/${EMBED_SYMBOL}.txt)
  add_custom_command(
    OUTPUT ${stripped}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${EMBED_INPUT} -DOUTPUT=${stripped}
            -P ${PROJECT_SOURCE_DIR}/cmake/strip_urls_run.cmake
    DEPENDS ${EMBED_INPUT} ${PROJECT_SOURCE_DIR}/cmake/strip_urls_run.cmake
    VERBATIM)
  embed_file(TARGET ${EMBED_TARGET} INPUT ${stripped} SYMBOL ${EMBED_SYMBOL})
endfunction()
