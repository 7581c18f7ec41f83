// The double-lane elementary functions of src/expr/elementary.hpp against
// the long double libm, over every binade, dense sweeps, the hard cases of
// sin/cos reduction, subnormals and specials; V = double and f64x2 must
// agree bit for bit.
//
// The references are glibc's x87 long double functions (64-bit mantissa,
// their own exact reduction for sinl/cosl): 2^11 times finer than a double
// ULP, so the measured errors are the kernels'. Under Emscripten, long
// double is quad but musl's long double functions call the double ones: the
// bounds then get one ULP more for the reference's own error (oracle.hpp).
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "expr/elementary.hpp"

namespace {

namespace elem = act::expr::elem;
using Real = long double;

constexpr bool kPreciseReference = LDBL_MANT_DIG == 64;

double from_bits(uint64_t b) {
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
}
uint64_t bits_of(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// |got − want| in ULP of the double nearest want (2^-1074 in the subnormal
// range); an infinity counts as exact only where want rounds to it.
double ulp_error(double got, Real want) {
  if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got) ? 0.0 : INFINITY;
  if (std::isinf(got) || std::isinf(static_cast<double>(want))) {
    return static_cast<double>(want) == got ? 0.0 : INFINITY;
  }
  if (want == 0) return got == 0 ? 0.0 : std::fabs(got) / 0x1p-1074;
  int exponent = 0;
  std::frexp(want, &exponent);
  const Real unit = std::ldexp(1.0L, std::max(exponent - 53, -1074));
  return static_cast<double>(std::fabs(static_cast<Real>(got) - want) / unit);
}

struct Fn {
  const char* name;
  double (*scalar)(double);
#if ACT_HAVE_VECTOR
  // Two lanes through memory: an indirect call whose signature has a v128
  // fails in Emscripten 3.1.6 ("type incompatibility when transforming
  // from/to JS"), so the f64x2 function is called directly in pair<F>.
  void (*vector)(const double* in, double* out);
#endif
  Real (*reference)(Real);
  double max_ulp;  // measured (native) and rounded up: the figure elementary.hpp states
};

Real ref_sigmoid(Real x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }
Real ref_softplus(Real x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

#if ACT_HAVE_VECTOR
template <act::simd::f64x2 (*F)(act::simd::f64x2)> void pair(const double* in, double* out) {
  act::simd::f64x2 v;
  std::memcpy(&v, in, sizeof v);
  v = F(v);
  std::memcpy(out, &v, sizeof v);
}
// clang-format off
#define ACT_FN(name, ref, ulp) Fn{#name, elem::name<double>, pair<elem::name<act::simd::f64x2>>, ref, ulp}
#else
#define ACT_FN(name, ref, ulp) Fn{#name, elem::name<double>, ref, ulp}
// clang-format on
#endif

const std::vector<Fn>& functions() {
  static const std::vector<Fn> fns = {
      ACT_FN(
          exp, [](Real x) { return std::exp(x); }, 1.0),
      ACT_FN(
          expm1, [](Real x) { return std::expm1(x); }, 2.0),
      ACT_FN(
          log, [](Real x) { return std::log(x); }, 1.5),
      ACT_FN(
          log1p, [](Real x) { return std::log1p(x); }, 1.5),
      ACT_FN(
          tanh, [](Real x) { return std::tanh(x); }, 2.5),
      ACT_FN(
          sin, [](Real x) { return std::sin(x); }, 1.0),
      ACT_FN(
          cos, [](Real x) { return std::cos(x); }, 1.0),
      ACT_FN(
          erf, [](Real x) { return std::erf(x); }, 1.75),
      ACT_FN(
          erfc, [](Real x) { return std::erfc(x); }, 3.0),
      ACT_FN(sigmoid, ref_sigmoid, 2.25),
      ACT_FN(softplus, ref_softplus, 1.5),
  };
  return fns;
}

// Inputs for every function: both signs of every binade (random mantissas),
// dense sweeps where the functions are not saturated, the ends of the
// ranges (overflow, underflow, subnormals), and points near the zeros of
// sin and cos, up to the hardest double for the reduction.
std::vector<double> inputs() {
#ifdef __EMSCRIPTEN__
  const int per_binade = 8, dense = 4000;
#else
  const int per_binade = 64, dense = 100000;
#endif
  std::vector<double> xs;
  std::mt19937_64 rng(20261205);
  for (uint64_t sign = 0; sign < 2; ++sign) {
    for (uint64_t biased = 0; biased < 2047; ++biased) {
      const uint64_t base = (sign << 63) | (biased << 52);
      xs.push_back(from_bits(base));
      xs.push_back(from_bits(base | 0xfffffffffffff));
      for (int i = 0; i < per_binade; ++i) xs.push_back(from_bits(base | (rng() & 0xfffffffffffff)));
    }
  }
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (const double width : {1.0, 8.0, 40.0, 760.0}) {
    for (int i = 0; i < dense; ++i) xs.push_back(width * unit(rng));
  }
  // Overflow, underflow, saturation and branch ends, with neighbours.
  for (const double x : {709.782712893384,
                         709.7827128933840,
                         709.78271289338397,
                         -745.1332191019411,
                         -745.13321910194122,
                         -708.39641853226408,
                         -744.44007192138126,
                         0.34657359027997264,
                         40.0,
                         19.06,
                         20.0,
                         27.2,
                         26.55,
                         27.3,
                         5.93,
                         0.125,
                         1.0,
                         0.5,
                         0x1.8p20,
                         0x1p-1022,
                         0x1p-1074,
                         std::sqrt(2.0),
                         1.0 / std::sqrt(2.0),
                         1e300,
                         1e22,
                         6381956970095103.0 * 0x1p797}) {
    double up = x, down = x;
    for (int i = 0; i < 4; ++i) {
      for (const double s : {1.0, -1.0}) {
        xs.push_back(s * up);
        xs.push_back(s * down);
      }
      up = std::nextafter(up, INFINITY);
      down = std::nextafter(down, 0.0);
    }
  }
  // The doubles nearest k·π/2 and their neighbours: the largest cancellation
  // in the reduction, below and above the Cody–Waite bound.
  const Real half_pi = 1.5707963267948966192313216916397514L;
  std::vector<Real> ks;
  for (int k = 1; k < 2000; ++k) ks.push_back(k);
  for (int j = 11; j < 63; ++j) {
    ks.push_back(std::ldexp(1.0L, j) - 1);
    ks.push_back(std::ldexp(1.0L, j) + 1);
    ks.push_back(std::floor(std::ldexp(1.0L, j) / 3));
  }
  for (const Real k : ks) {
    const double x = static_cast<double>(k * half_pi);  // k·π/2 is exact enough: x is what matters
    for (const double y : {x, std::nextafter(x, 0.0), std::nextafter(x, INFINITY)}) {
      xs.push_back(y);
      xs.push_back(-y);
    }
  }
  return xs;
}

struct Worst {
  double ulp = 0, relative = 0, x = 0;
  double got = 0;
  Real want = 0;
  size_t count = 0;
};

Worst measure(const Fn& f, const std::vector<double>& xs) {
  Worst w;
  for (const double x : xs) {
    const Real want = f.reference(x);
    const double got = f.scalar(x);
    const double e = ulp_error(got, want);
    if (std::isfinite(static_cast<double>(want)) && std::fabs(want) >= 0x1p-1022L) {
      w.relative = std::max(w.relative, static_cast<double>(std::fabs((got - want) / want)));
    }
    if (!(e <= w.ulp)) {
      w.ulp = e;
      w.x = x;
      w.got = got;
      w.want = want;
    }
    ++w.count;
  }
  return w;
}

}  // namespace

TEST_CASE("elementary functions are within their documented ULP over every double", "[elementary]") {
  const std::vector<double> xs = inputs();
  for (const Fn& f : functions()) {
    const Worst w = measure(f, xs);
    INFO(f.name << ": max " << w.ulp << " ULP (relative 2^" << std::log2(w.relative) << ") at x = " << w.x << " ("
                << std::hexfloat << w.x << std::defaultfloat << "): got " << w.got << ", want "
                << static_cast<double>(w.want) << " over " << w.count << " inputs");
    REQUIRE(w.count > 1000);
    if (kPreciseReference) {
      CHECK(w.ulp <= f.max_ulp);
      CHECK(w.relative <= 0x1p-50);
    } else {
      CHECK(w.ulp <= f.max_ulp + 1.0);
    }
  }
}

TEST_CASE("sin and cos of the hard cases for argument reduction", "[elementary]") {
  // Known values (mpmath, 40 digits): the classic sin(1e22), and the double
  // closest to a multiple of π/2 (its remainder is 4.69e-19).
  CHECK(elem::sin(1e22) == -0.8522008497671888);
  CHECK(elem::cos(1e22) == 0.523214785395139);
  const double hard = 6381956970095103.0 * 0x1p797;
  const Real hard_cos = -4.6871659242546276111e-19L;
  CHECK(std::fabs(elem::cos(hard) / hard_cos - 1) < 0x1p-52);
  CHECK(elem::sin(hard) == 1.0);
  CHECK(elem::sin(0x1p1023) == static_cast<double>(std::sin(0x1p1023L)));
  CHECK(elem::cos(DBL_MAX) == static_cast<double>(std::cos(static_cast<Real>(DBL_MAX))));
  if (kPreciseReference) {
    for (const Real k : {1.0L, 2.0L, 3.0L, 1e6L, 0x1p20L, 0x1p40L, 1e15L}) {
      const double x = static_cast<double>(k * 1.5707963267948966192313216916397514L);
      CHECK(ulp_error(elem::sin(x), std::sin(static_cast<Real>(x))) <= 1.0);
      CHECK(ulp_error(elem::cos(x), std::cos(static_cast<Real>(x))) <= 1.0);
    }
  }
}

TEST_CASE("elementary functions at special values", "[elementary]") {
  const double inf = INFINITY, nan = NAN;
  for (const Fn& f : functions()) {
    INFO(f.name);
    CHECK(std::isnan(f.scalar(nan)));
    CHECK(std::isnan(f.scalar(-nan)));
  }
  const auto same = [](double a, double b) { return bits_of(a) == bits_of(b) || (a != a && b != b); };
  // The values C's libm gives, sign of zero included.
  struct Case {
    double (*f)(double);
    const char* name;
    double x, want;
  };
  const Case cases[] = {
      {elem::exp<double>, "exp", inf, inf},
      {elem::exp<double>, "exp", -inf, 0.0},
      {elem::exp<double>, "exp", 0.0, 1.0},
      {elem::exp<double>, "exp", -0.0, 1.0},
      {elem::exp<double>, "exp", 710.0, inf},
      {elem::exp<double>, "exp", -746.0, 0.0},
      {elem::exp<double>, "exp", -745.0, std::exp(-745.0)},
      {elem::exp<double>, "exp", 1e308, inf},
      {elem::expm1<double>, "expm1", -0.0, -0.0},
      {elem::expm1<double>, "expm1", 0.0, 0.0},
      {elem::expm1<double>, "expm1", -inf, -1.0},
      {elem::expm1<double>, "expm1", inf, inf},
      {elem::expm1<double>, "expm1", -1e300, -1.0},
      {elem::expm1<double>, "expm1", 1e300, inf},
      {elem::expm1<double>, "expm1", 0x1p-1074, 0x1p-1074},
      {elem::log<double>, "log", 0.0, -inf},
      {elem::log<double>, "log", -0.0, -inf},
      {elem::log<double>, "log", -1.0, nan},
      {elem::log<double>, "log", -inf, nan},
      {elem::log<double>, "log", inf, inf},
      {elem::log<double>, "log", 1.0, 0.0},
      {elem::log1p<double>, "log1p", -1.0, -inf},
      {elem::log1p<double>, "log1p", -1.5, nan},
      {elem::log1p<double>, "log1p", -0.0, -0.0},
      {elem::log1p<double>, "log1p", 0.0, 0.0},
      {elem::log1p<double>, "log1p", inf, inf},
      {elem::log1p<double>, "log1p", -0x1p-1074, -0x1p-1074},
      {elem::tanh<double>, "tanh", -0.0, -0.0},
      {elem::tanh<double>, "tanh", inf, 1.0},
      {elem::tanh<double>, "tanh", -inf, -1.0},
      {elem::tanh<double>, "tanh", -1e300, -1.0},
      {elem::tanh<double>, "tanh", 0x1p-1074, 0x1p-1074},
      {elem::sin<double>, "sin", -0.0, -0.0},
      {elem::sin<double>, "sin", inf, nan},
      {elem::sin<double>, "sin", -inf, nan},
      {elem::sin<double>, "sin", -0x1p-1074, -0x1p-1074},
      {elem::cos<double>, "cos", -0.0, 1.0},
      {elem::cos<double>, "cos", inf, nan},
      {elem::erf<double>, "erf", -0.0, -0.0},
      {elem::erf<double>, "erf", inf, 1.0},
      {elem::erf<double>, "erf", -inf, -1.0},
      {elem::erfc<double>, "erfc", 0.0, 1.0},
      {elem::erfc<double>, "erfc", inf, 0.0},
      {elem::erfc<double>, "erfc", -inf, 2.0},
      {elem::erfc<double>, "erfc", 30.0, 0.0},
      {elem::sigmoid<double>, "sigmoid", inf, 1.0},
      {elem::sigmoid<double>, "sigmoid", -inf, 0.0},
      {elem::sigmoid<double>, "sigmoid", -0.0, 0.5},
      {elem::sigmoid<double>, "sigmoid", -745.0, std::exp(-745.0)},
      {elem::sigmoid<double>, "sigmoid", -1e300, 0.0},
      {elem::softplus<double>, "softplus", inf, inf},
      {elem::softplus<double>, "softplus", -inf, 0.0},
      {elem::softplus<double>, "softplus", -800.0, 0.0},
      {elem::softplus<double>, "softplus", 1e300, 1e300},
      {elem::softplus<double>, "softplus", DBL_MAX, DBL_MAX},
  };
  for (const Case& c : cases) {
    INFO(c.name << "(" << c.x << ") = " << c.f(c.x) << ", want " << c.want);
    CHECK(same(c.f(c.x), c.want));
  }
  // No overflow to inf or NaN anywhere for finite x where the result is finite.
  for (double x = -DBL_MAX; std::isfinite(x); x = x < 0 ? x / 1.7 + (x > -1e-300 ? 1e300 : 0) : x * 1.7 + 1e-300) {
    for (const Fn& f : functions()) {
      const double y = f.scalar(x);
      const double want = static_cast<double>(f.reference(x));
      INFO(f.name << "(" << x << ") = " << y);
      if (std::isfinite(want)) CHECK(std::isfinite(y));
    }
  }
}

#if ACT_HAVE_VECTOR
TEST_CASE("elementary functions: f64x2 lanes give the scalar bits", "[elementary]") {
  std::vector<double> xs = inputs();
  for (const double s : {double(INFINITY), -double(INFINITY), double(NAN), 0.0, -0.0}) xs.push_back(s);
  for (const Fn& f : functions()) {
    size_t mismatches = 0;
    double first = 0;
    for (size_t i = 0; i + 1 < xs.size(); ++i) {
      // Pairs of neighbours, so each lane sees every input with varied partners.
      double y[2];
      f.vector(&xs[i], y);
      for (int lane = 0; lane < 2; ++lane) {
        const double want = f.scalar(xs[i + lane]);
        if (bits_of(y[lane]) != bits_of(want) && !(want != want && y[lane] != y[lane])) {
          if (mismatches++ == 0) first = xs[i + lane];
        }
      }
    }
    INFO(f.name << ": first mismatch at " << first);
    CHECK(mismatches == 0);
  }
}
#endif
