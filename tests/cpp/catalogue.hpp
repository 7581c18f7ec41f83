// What the Catch2 tests share on top of sweep.hpp: the registry to iterate
// (never empty, so a loop over it cannot pass vacuously), each entry's oracle
// reference, and comparisons that respect NaN and the sign of zero.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <vector>

#include "sweep.hpp"

namespace act::testing {

inline const std::vector<Activation>& catalogue() {
  REQUIRE_FALSE(activations().empty());
  return activations();
}

// Both tiers' views of every entry (fast first), for the tests that check
// kernels: each tier is held to its own documented bounds.
inline std::vector<std::reference_wrapper<const Activation>> every_tier() {
  std::vector<std::reference_wrapper<const Activation>> all;
  for (int t = 0; t < kTiers; ++t) {
    for (const Activation& a : activations(static_cast<Tier>(t))) all.emplace_back(a);
  }
  REQUIRE(all.size() == kTiers * catalogue().size());
  return all;
}

// The oracle's g^(order)(x) for a at parameters p.
inline long double oracle_value(const Activation& a, int order, const Params& p, long double x) {
  return reference_of(a).eval[checked_order(a, order)](x, as_doubles(a, p).data());
}

// Bit for bit, except that any NaN equals any NaN (IEEE fixes no NaN sign or
// payload).
inline bool same_bits(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// The oracle's value rounded to float32 equals want (+0 and -0 alike).
inline bool rounds_to(long double v, float want) {
  const float f = static_cast<float>(v);
  return std::isnan(want) ? std::isnan(f) : f == want;
}

}  // namespace act::testing
