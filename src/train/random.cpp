// splitmix64 seeding, xoshiro256** (Blackman and Vigna's published
// algorithms) and Box–Muller through the project's own log/sin/cos: libm's
// differ between glibc and musl, which would make a native run and a wasm run
// of the same seed part ways at the first normal draw.
#include "train/random.hpp"

#include <cmath>

#include "expr/elementary.hpp"

namespace act::train {

namespace {

inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// One step of splitmix64: consecutive outputs of distinct states are distinct,
// so the four words it gives never are all zero (xoshiro's one bad state).
inline uint64_t splitmix64(uint64_t& x) {
  x += 0x9e3779b97f4a7c15;
  uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

}  // namespace

Random::Random(uint64_t seed) {
  for (uint64_t& w : s_) w = splitmix64(seed);
}

uint64_t Random::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

// The top 53 bits (xoshiro's low bits are its weakest), each value k·2^-53
// exact, so the result never rounds up to 1.
double Random::uniform() { return static_cast<double>(next() >> 11) * 0x1p-53; }

// Lemire's multiply-and-reject: the high half of x·n is uniform in [0, n)
// once the low halves in [0, 2^32 mod n) are thrown away; the division that
// computes that bound is only paid in the rare case the low half is small.
uint32_t Random::below(uint32_t n) {
  uint64_t m = (next() >> 32) * n;
  uint32_t low = static_cast<uint32_t>(m);
  if (low < n) {
    const uint32_t threshold = (0u - n) % n;  // 2^32 mod n
    while (low < threshold) {
      m = (next() >> 32) * n;
      low = static_cast<uint32_t>(m);
    }
  }
  return static_cast<uint32_t>(m >> 32);
}

// Box–Muller gives two independent normals per pair of uniforms; the second
// is kept for the next call. 1 − uniform() is in (0, 1], so the log is finite.
double Random::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  namespace elem = act::expr::elem;
  const double u = 1.0 - uniform();
  const double v = uniform();
  // std::sqrt is IEEE's correctly rounded square root everywhere.
  const double r = std::sqrt(-2.0 * elem::log(u));
  const double theta = 0x1.921fb54442d18p+2 * v;  // 2π rounded, times v in [0, 1)
  spare_ = r * elem::sin(theta);
  has_spare_ = true;
  return r * elem::cos(theta);
}

}  // namespace act::train
