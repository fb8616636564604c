#pragma once
// Real-time tests skip their timing assertions under a sanitizer, which slows code 2-20x.

namespace loadtwin::test_env {

// True when this test binary is built with ASan or TSan.
constexpr bool under_sanitizer() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#else
  return false;
#endif
}

}  // namespace loadtwin::test_env
