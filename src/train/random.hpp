// The trainer's one source of randomness: a seeded generator whose every
// draw is the same on every platform and build (integer arithmetic, and
// floating point only through IEEE operations in a fixed order), so that a
// run is reproducible bit for bit across the SIMD and baseline builds.
#pragma once

#include <cstdint>

namespace act::train {

class Random {
 public:
  explicit Random(uint64_t seed);
  uint64_t next();             // 64 uniform bits (splitmix64 then xoshiro256**)
  double uniform();            // in [0, 1), 53 bits
  double normal();             // standard normal (Box–Muller with the project's own log, cos, sin)
  uint32_t below(uint32_t n);  // uniform in [0, n), unbiased; n > 0

 private:
  uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace act::train
