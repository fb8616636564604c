#pragma once
// A whole file as text, for commands that read one input ("-" = standard input).
#include <optional>
#include <string>

namespace loadtwin::app {

// The bytes of `path`, or nullopt when it cannot be read.
std::optional<std::string> read_file_text(std::string const& path);

}  // namespace loadtwin::app
