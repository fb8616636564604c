#pragma once
// LT_ASSERT: programmer errors (event in the past, on_end twice). Always on, in every build,
// because a simulator that silently continues past a broken invariant reports wrong numbers.
#include <cstdio>
#include <cstdlib>

#define LT_ASSERT(cond, msg)                                                                      \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, #cond, msg); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)
