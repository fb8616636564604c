#pragma once
// loadtwin's version, from the CMake project (records and parts carry it).
#include <string_view>

namespace loadtwin::core {

inline constexpr std::string_view loadtwin_version = LOADTWIN_VERSION;

}  // namespace loadtwin::core
