#pragma once
// Keyed randomness. Every draw comes from a stream derived from what it is for, never from
// a shared generator, so adding a scenario or a VU shifts nobody else's draws and the live
// mock can reproduce sim's draws from the key the runner sends.
//
// Derivation (documented contract, SPEC "Randomness"):
//   h0 = mix(seed ^ fnv1a64(scenario))
//   h1 = mix(h0 ^ a)          a = VU index in the scenario, or the arrival index
//   h2 = mix(h1 ^ b)          b = iteration number of that VU (0 for arrival-rate)
//   h3 = mix(h2 ^ purpose)    purpose = which draws (response script, think time)
// where mix is splitmix64's finaliser. The engine is SplitMix64 seeded with h3: two words
// of state, so keying a fresh stream per request costs nothing (mt19937_64 would fill 312
// words each time). Distributions on top of it are Boost.Random's, which are the same on
// every standard library.
#include <cstdint>
#include <limits>
#include <string_view>

namespace loadtwin::core {

// splitmix64 finaliser: a bijection on 64-bit words with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a over bytes: a stable string hash (std::hash is not stable across libraries).
constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// A UniformRandomBitGenerator (and Boost.Random engine) with 64 bits of state.
class Rng {
 public:
  using result_type = std::uint64_t;
  explicit constexpr Rng(std::uint64_t state) : state_(state) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  constexpr result_type operator()() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // A double uniform in [0, 1) from the top 53 bits.
  constexpr double uniform01() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// Which draws a stream is for; part of the key so they never overlap.
enum class DrawPurpose : std::uint64_t { response = 1, think_time = 2, corpus_pick = 3 };

// What identifies one request's draws: scenario plus two indices (see the header comment).
struct DrawKey {
  std::uint64_t scenario_hash = 0;  // fnv1a64(scenario name)
  std::uint64_t a = 0;              // VU index within the scenario, or arrival index
  std::uint64_t b = 0;              // iteration of that VU, or 0
};

constexpr Rng rng_for(std::uint64_t seed, DrawKey key, DrawPurpose purpose) {
  std::uint64_t h = mix64(seed ^ key.scenario_hash);
  h = mix64(h ^ key.a);
  h = mix64(h ^ key.b);
  h = mix64(h ^ static_cast<std::uint64_t>(purpose));
  return Rng{h};
}

// Seed of replication k of `--runs N` started with --seed S: mix64(S ^ mix64(k + 1)).
// Replication 0 therefore does not reuse S itself.
constexpr std::uint64_t replication_seed(std::uint64_t seed, std::uint64_t k) {
  return mix64(seed ^ mix64(k + 1));
}

}  // namespace loadtwin::core
