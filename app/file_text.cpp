#include "app/file_text.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace loadtwin::app {

std::optional<std::string> read_file_text(std::string const& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    buffer << in.rdbuf();
  }
  return buffer.str();
}

}  // namespace loadtwin::app
