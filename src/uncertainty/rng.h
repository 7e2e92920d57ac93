// SPDX-License-Identifier: Apache-2.0
// Counter-based random numbers: a uniform number is a pure function of (seed, input key, draw,
// dimension), so draw k of an input always gets the same number whatever else the scenario
// holds, however many threads or MPI ranks share the draws and in whatever order they run
// (common random numbers). The mixing is a chain of SplitMix64 finalisers (Steele, Lea and
// Flood 2014; each step a bijection on 64 bits); it is a statistical generator, not a
// cryptographic one.
#pragma once

#include <cstdint>
#include <string_view>

namespace urbanmine::uncertainty {

// SplitMix64's output function: a bijection of 64-bit words with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31U);
}

// A stable 64-bit key for an input name (FNV-1a, then mixed), so the stream of an input depends
// on its name only, never on its position in a list.
constexpr std::uint64_t input_key(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

// 64 random bits for (seed, key, draw, dimension).
constexpr std::uint64_t random_bits(std::uint64_t seed, std::uint64_t key, std::uint64_t draw,
                                    std::uint64_t dimension = 0) {
  std::uint64_t h = mix64(seed ^ 0x6a09e667f3bcc908ULL);
  h = mix64(h ^ key);
  h = mix64(h ^ draw);
  return mix64(h ^ (dimension * 0x9e3779b97f4a7c15ULL));
}

// A uniform number strictly inside (0, 1): the top 53 bits plus one half, over 2^53.
constexpr double to_open_unit(std::uint64_t bits) {
  constexpr double kScale = 1.0 / 9007199254740992.0;  // 2^-53
  return (static_cast<double>(bits >> 11U) + 0.5) * kScale;
}

constexpr double uniform(std::uint64_t seed, std::uint64_t key, std::uint64_t draw,
                         std::uint64_t dimension = 0) {
  return to_open_unit(random_bits(seed, key, draw, dimension));
}

}  // namespace urbanmine::uncertainty
