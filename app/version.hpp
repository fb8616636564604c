#pragma once
// What `loadtwin --version` prints: version, build id (git describe at configure time, or
// "unknown" outside a git checkout), compiler, and the Boost and fmt the binary was built
// with.
#include <string>

namespace loadtwin::app {

// Several lines, the first "loadtwin X.Y.Z"; no newline at the end.
std::string version_text();

}  // namespace loadtwin::app
