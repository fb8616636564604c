# Script mode: writes INPUT's bytes as a C++ array named SYMBOL into OUTPUT.
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
file(WRITE ${OUTPUT} "#include <cstddef>\nnamespace loadtwin::embedded {\nextern char const ${SYMBOL}[] = {${bytes} 0};\nextern std::size_t const ${SYMBOL}_size = ${size};\n}\n")
