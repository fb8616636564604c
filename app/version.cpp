#include "app/version.hpp"

#include <fmt/format.h>

#include <boost/version.hpp>

#include "build_info.hpp"

namespace loadtwin::app {
namespace {

std::string compiler() {
#if defined(__clang__)
  return fmt::format("clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("GCC {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown";
#endif
}

}  // namespace

std::string version_text() {
  return fmt::format(
      "loadtwin {}\nbuild id: {}\ncompiler: {} (C++ {})\nBoost: {}.{}.{}\nfmt: {}.{}.{}",
      LOADTWIN_VERSION, LOADTWIN_BUILD_ID, compiler(), __cplusplus, BOOST_VERSION / 100000,
      BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100, FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
      FMT_VERSION % 100);
}

}  // namespace loadtwin::app
