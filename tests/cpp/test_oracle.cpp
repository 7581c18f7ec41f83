// The oracle checked against itself, against its own declared data and
// against mpmath, for every registry entry:
//  - each derivative against a high-order central difference of the order
//    below, in long double, at the defaults and the declared parameter sets;
//  - the declared limits at +-inf, exact values (conventions at kinks and
//    thresholds) and saturation ranges; NaN in, NaN out;
//  - the values mpmath computed at 60 digits (tails, and g' and g'' beside
//    their interior zeros, from scripts/interior_zeros.py --test-points),
//    since a difference quotient cannot see relative errors there.
// The declared data must also fit the registry (parameter counts, ranges).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

namespace {

using act::Activation;
using act::Params;
using act::oracle::Real;
using act::oracle::Reference;
using namespace act::testing;

// musl's long double functions (Emscripten) only call the double ones, so
// there the oracle is good to ~2^-52 instead of ~2^-63 and stops at double's
// range. A value the double function could have returned, for every probe,
// tells them apart.
bool libm_is_double_only() {
  const Real probes[] = {std::exp(Real(1)), std::erfc(Real(0.3)), std::log1p(Real(0.7)), std::tanh(Real(0.4))};
  for (Real v : probes) {
    if (v != static_cast<Real>(static_cast<double>(v))) return false;
  }
  return true;
}
const bool kDoubleLibm = libm_is_double_only();
// Relative error of one function value, before any argument-conditioning.
const Real kLibmEps = kDoubleLibm ? 0x1p-52L : 0x1p-62L;
// Values below this are left out: past it the double-only libm underflows.
const Real kTiny = kDoubleLibm ? Real(DBL_MIN) * 0x1p64L : Real(LDBL_MIN) * 0x1p64L;

// --- finite differences ------------------------------------------------------
//
// Central differences of order 8 (stencil x +- h .. x +- 4h):
//   f'  = [4/5 d1 - 1/5 d2 + 4/105 d3 - 1/280 d4] / h,  d_k = f(x+kh) - f(x-kh),
//         truncation h^8 f^(9) / 630;
//   f'' = [-205/72 f0 + 8/5 s1 - 1/5 s2 + 8/315 s3 - 1/560 s4] / h^2,
//         s_k = f(x+kh) + f(x-kh), truncation h^8 f^(10) / 3150.
// Step: h = 2^-7 for |x| <= 4. Then h^8 = 2^-56, and the activations'
// derivatives grow like k!/pi^k at worst (sigmoid family; silu with beta 1.7
// adds beta^9 ~ 120), so truncation stays below ~1e-15 of the derivative.
// In the tails of gelu (e^(-x^2/2)) and gelu_tanh (e^(-0.07 |x|^3)) the
// k-th derivative grows like L^k with L up to 0.21 x^2, so h shrinks like
// 1/x^2 beyond 4, keeping L h <= 1/32 and the truncation below ~1e-15.
// Rounding: the values carry a relative error e_f, which the quotient
// amplifies to about e_f max|f| (sum of |weights| ~2.1) / h for f' and
// 6.5 e_f max|f| / h^2 for f''. e_f is taken as 16 (1 + x^2) kLibmEps: a few
// ulp, times the conditioning of exp(-x^2/2) and of sigmoid(k x^3).
//
// Tolerance: |fd - oracle| <= kRtol * scale + rounding bound, where scale is
// the largest |derivative| at x, x - 4h, x + 4h, so a point at a zero of
// the derivative is judged against the derivative's size nearby. kRtol =
// 1e-9: the largest errors measured (INFO of the summary) are 3e-13 of
// scale for first and 1.5e-12 for second differences natively, 4e-12 and
// 1.6e-11 with the double-only libm, all of them rounding; a wrong formula
// (a missing factor, a sign, beta left out, 0.0447 for 0.044715, a wrong
// Taylor coefficient) is off by 1e-5 of scale or (much) more.
constexpr Real kRtol = 1e-9L;

Real step_for(Real x) {
  Real h = 0x1p-7L;
  for (Real q = x * x / 16; q > 1; q /= 2) h /= 2;
  return h;
}

struct Difference {
  Real value;     // the difference quotient
  Real rounding;  // bound on its rounding error
};

using act::oracle::Fn;

Difference first_difference(Fn f, Real x, Real h, const double* p) {
  Real d[5], m = 0;
  for (int k = 1; k <= 4; ++k) {
    const Real a = f(x + k * h, p), b = f(x - k * h, p);
    d[k] = a - b;
    m = std::fmax(m, std::fmax(std::fabs(a), std::fabs(b)));
  }
  const Real v = (d[1] * 4 / 5 - d[2] / 5 + d[3] * 4 / 105 - d[4] / 280) / h;
  const Real ef = 16 * (1 + x * x) * kLibmEps;
  return {v, 2.1L * ef * m / h};
}

Difference second_difference(Fn f, Real x, Real h, const double* p) {
  Real s[5], m = std::fabs(f(x, p));
  for (int k = 1; k <= 4; ++k) {
    const Real a = f(x + k * h, p), b = f(x - k * h, p);
    s[k] = a + b;
    m = std::fmax(m, std::fmax(std::fabs(a), std::fabs(b)));
  }
  const Real v = (-f(x, p) * 205 / 72 + s[1] * 8 / 5 - s[2] / 5 + s[3] * 8 / 315 - s[4] / 560) / (h * h);
  const Real ef = 16 * (1 + x * x) * kLibmEps;
  return {v, 6.5L * ef * m / (h * h)};
}

// One function at one parameter set.
struct Case {
  const Activation* a;
  const Reference* r;
  std::vector<double> p;  // as the oracle reads them
  act::oracle::Points kinks;
};

// Grid of [-12, 12] offset from the dyadic points (where the kinks sit), the
// tails, and points in and around the Taylor bands of the interior zeros
// (a stencil there straddles the switch between polynomial and formula; the
// bands have half-width 2^-10 in u = scale x).
std::vector<Real> fd_points(const Case& c) {
  std::vector<Real> xs;
  for (int k = 0; k <= 480; ++k) xs.push_back(-12 + k * 0.05L + 0.0123L);
  for (Real t : {15.0L, 20.0L, 25.0L, 30.0L}) {
    xs.push_back(t);
    xs.push_back(-t);
  }
  for (Real z : points_of(c.r->interior_zeros, c.p)) {
    for (Real t : {0.0L, 1e-4L, -1e-4L, 5e-4L, -5e-4L, 9e-4L, -9e-4L, 2e-3L, -2e-3L}) xs.push_back(z + t);
  }
  return xs;
}

struct Worst {
  std::string failures;  // the first few, for the report
  Real ratio = 0;        // |fd - oracle| / tolerance
  Real rel[2] = {0, 0};  // |fd - oracle| / scale, first and second difference,
                         // where the rounding bound is below kRtol * scale
  std::string where;
};

std::string describe_case(const Case& c) {
  std::ostringstream os;
  os << c.a->id << " p = {";
  for (size_t i = 0; i < c.a->params.size(); ++i) os << (i ? ", " : "") << c.p[i];
  os << "}";
  return os.str();
}

// Compares eval[order] with the difference of eval[order - 1] (first
// difference) or of eval[order - 2] (second difference). False when the check
// fails; *compared tells whether it compared at all (not beside a kink, not
// underflowed).
bool check_difference(const Case& c, int order, bool second, Real x, Worst* worst, bool* compared) {
  *compared = false;
  const double* p = c.p.data();
  const Real h = step_for(x);
  for (Real k : c.kinks) {
    if (std::fabs(x - k) < 5 * h + 1e-3L) return true;
  }
  const Fn g = c.r->eval[order], below = c.r->eval[second ? order - 2 : order - 1];
  const Real want = g(x, p);
  const Difference d = second ? second_difference(below, x, h, p) : first_difference(below, x, h, p);
  // The difference is part of the scale too: an oracle derivative that is
  // wrongly 0 everywhere must not make the comparison vacuous.
  const Real scale = std::fmax(std::fmax(std::fabs(want), std::fabs(d.value)),
                               std::fmax(std::fabs(g(x - 4 * h, p)), std::fabs(g(x + 4 * h, p))));
  if (scale < kTiny) return true;  // underflowed, or identically 0 here
  *compared = true;
  const Real err = std::fabs(d.value - want);
  const Real tol = kRtol * scale + d.rounding;
  if (err / tol > worst->ratio) {
    worst->ratio = err / tol;
    worst->where = describe_case(c) + (second ? " second difference for order " : " order ") + std::to_string(order) +
                   " at x = " + std::to_string(static_cast<double>(x));
  }
  if (d.rounding < kRtol * scale) worst->rel[second] = std::fmax(worst->rel[second], err / scale);
  if (err <= tol) return true;
  if (std::count(worst->failures.begin(), worst->failures.end(), '\n') < 8) {
    std::ostringstream os;
    os << describe_case(c) << " order " << order << (second ? " (second difference)" : "")
       << " x = " << static_cast<double>(x) << ": oracle " << static_cast<double>(want) << ", difference "
       << static_cast<double>(d.value) << ", |err| " << static_cast<double>(err) << " > tol "
       << static_cast<double>(tol) << "\n";
    worst->failures += os.str();
  }
  return false;
}

std::string at(const Activation& a, const Params& p, int order, double x) {
  std::ostringstream os;
  os.precision(17);
  os << a.id << " [" << describe(a, p) << "] " << kOrderNames[order] << " at x = " << x;
  return os.str();
}

}  // namespace

TEST_CASE("oracle: one reference per registry entry, and none for anything else", "[oracle]") {
  std::set<std::string> ids;
  for (const Activation& a : catalogue()) {
    ids.insert(a.id);
    const Reference* r = act::oracle::find(a.id);
    INFO("registry entry '" << a.id << "': the oracle (tests/cpp/oracle.cpp) needs a reference for it");
    CHECK(r != nullptr);
    if (r == nullptr) continue;
    CHECK(std::string(r->id) == a.id);
    for (int order = 0; order < 3; ++order) CHECK(r->eval[order] != nullptr);
  }
  std::set<std::string> references;
  for (const Reference& r : act::oracle::all()) {
    INFO("oracle reference '" << r.id << "' names no registry entry");
    CHECK(ids.count(r.id) == 1);
    CHECK(references.insert(r.id).second);  // one reference per id
  }
  CHECK(act::oracle::find("") == nullptr);
  CHECK(act::oracle::find("no such activation") == nullptr);
}

TEST_CASE("oracle: the declared data fits the registry", "[oracle]") {
  for (const Activation& a : catalogue()) {
    const Reference& r = reference_of(a);
    INFO(a.id);
    CHECK(r.limits.has_value());  // required: every function has limits at +-inf
    // These throw (and so fail) on an order out of range, a set of the wrong
    // size, a value that is not a float32, or parameters check_params
    // rejects.
    const std::vector<Params> sets = declared_parameter_sets(a, r);
    CHECK(sets.size() == r.params.size() + 1);
    auto fits = [&](int order, const act::oracle::ParamSet& set) {
      checked_order(a, order);
      const Params p = params_of(a, set);
      INFO(describe(a, p));
      CHECK(act::check_params(a, p).empty());
    };
    for (const act::oracle::Exact& e : r.exact) fits(e.order, e.p);
    for (const act::oracle::Saturation& s : r.saturation) {
      fits(s.order, s.p);
      CHECK(s.from < s.to);
    }
    for (const act::oracle::Known& k : r.known) fits(k.order, k.p);
    for (const Params& p : sets) {
      for (Real x : points_of(r.kinks, as_doubles(a, p))) CHECK(std::isfinite(x));
      for (Real x : points_of(r.interior_zeros, as_doubles(a, p))) CHECK(std::isfinite(x));
    }
  }
}

TEST_CASE("oracle: derivatives agree with finite differences", "[oracle]") {
  Worst worst;
  int failures = 0, checks = 0;
  for (const Activation& a : catalogue()) {
    const Reference& r = reference_of(a);
    for (const Params& params : declared_parameter_sets(a, r)) {
      Case c{&a, &r, as_doubles(a, params), {}};
      c.kinks = points_of(r.kinks, c.p);
      for (Real x : fd_points(c)) {
        for (int order = 1; order <= 2; ++order) {
          bool compared;
          failures += !check_difference(c, order, false, x, &worst, &compared);
          checks += compared;
        }
        bool compared;
        failures += !check_difference(c, 2, true, x, &worst, &compared);
        checks += compared;
      }
    }
  }
  INFO("libm: " << (kDoubleLibm ? "double only" : "long double") << "; " << checks
                << " comparisons; largest |error| / scale: first differences " << static_cast<double>(worst.rel[0])
                << ", second differences " << static_cast<double>(worst.rel[1])
                << "; largest |error| / tolerance: " << static_cast<double>(worst.ratio) << " (" << worst.where << ")");
  INFO(worst.failures);
  REQUIRE(checks > 0);
  CHECK(failures == 0);
  // Margin (measured: 0.013 natively, 0.015 with the double-only libm), so
  // that a tolerance grown by accident does not go unnoticed.
  CHECK(worst.ratio < 0.1L);
}

TEST_CASE("oracle: NaN in, NaN out; the declared limits at +-inf; finite at +-FLT_MAX", "[oracle]") {
  const Real inf = std::numeric_limits<Real>::infinity();
  for (const Activation& a : catalogue()) {
    const Reference& r = reference_of(a);
    INFO(a.id);
    REQUIRE(r.limits.has_value());
    const std::vector<double> defaults = as_doubles(a, act::default_params(a));
    for (int order = 0; order < 3; ++order) {
      const Real minus = r.eval[order](-inf, defaults.data()), plus = r.eval[order](inf, defaults.data());
      INFO(kOrderNames[order] << ": oracle " << static_cast<double>(minus) << " at -inf, " << static_cast<double>(plus)
                              << " at +inf; declared " << r.limits->minus[order] << ", " << r.limits->plus[order]);
      CHECK(rounds_to(minus, r.limits->minus[order]));
      CHECK(rounds_to(plus, r.limits->plus[order]));
    }
    for (const Params& params : parameter_sets(a, r)) {
      const std::vector<double> p = as_doubles(a, params);
      for (int order = 0; order < 3; ++order) {
        INFO(kOrderNames[order] << " [" << describe(a, params) << "]");
        CHECK(std::isnan(r.eval[order](std::numeric_limits<Real>::quiet_NaN(), p.data())));
        // The largest float32s: finite, and no inf * 0 on the way.
        CHECK_FALSE(std::isnan(r.eval[order](-FLT_MAX, p.data())));
        CHECK_FALSE(std::isnan(r.eval[order](FLT_MAX, p.data())));
      }
    }
  }
}

TEST_CASE("oracle: the declared exact values", "[oracle]") {
  int checked = 0;
  for (const Activation& a : catalogue()) {
    for (const act::oracle::Exact& e : reference_of(a).exact) {
      const Params p = params_of(a, e.p);
      const Real got = oracle_value(a, e.order, p, e.x);
      INFO(at(a, p, e.order, e.x) << ": oracle " << static_cast<double>(got) << ", declared " << e.want);
      CHECK(rounds_to(got, e.want));
      ++checked;
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("oracle: the declared saturation ranges", "[oracle]") {
  size_t checked = 0;
  for (const Activation& a : catalogue()) {
    const Reference& r = reference_of(a);
    for (const act::oracle::Saturation& s : r.saturation) {
      const Params p = params_of(a, s.p);
      const std::vector<double> dp = as_doubles(a, p);
      int wrong = 0;
      float first = 0;
      const std::vector<float> xs = dense_range(s.from, s.to, 1u << 12);
      for (float x : xs) {
        if (!rounds_to(r.eval[checked_order(a, s.order)](x, dp.data()), s.want) && wrong++ == 0) first = x;
      }
      checked += xs.size();
      INFO(a.id << " " << kOrderNames[s.order] << " over [" << s.from << ", " << s.to << "]: " << wrong << " of "
                << xs.size() << " do not round to " << s.want << ", the first at x = " << first);
      CHECK(wrong == 0);
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("oracle: relative accuracy at the mpmath values (tails, beside interior zeros)", "[oracle]") {
  // Measured: ~2^-53 natively (the Taylor coefficients are doubles), ~2^-44
  // with the double-only libm, where just outside the bands the direct
  // formula keeps 1/2^10 of the double precision.
  const Real bound = kDoubleLibm ? 0x1p-40L : 0x1p-48L;
  int checked = 0;
  Real worst = 0;
  for (const Activation& a : catalogue()) {
    for (const act::oracle::Known& k : reference_of(a).known) {
      const Params p = params_of(a, k.p);
      const Real got = oracle_value(a, k.order, p, k.x);
      const Real rel = std::fabs(got - k.want) / std::fabs(k.want);
      worst = std::fmax(worst, rel);
      INFO(at(a, p, k.order, k.x) << ": got " << static_cast<double>(got) << ", mpmath " << static_cast<double>(k.want)
                                  << ", relative error " << static_cast<double>(rel));
      CHECK(std::fabs(got - k.want) <= bound * std::fabs(k.want));
      ++checked;
    }
  }
  INFO("largest relative error " << static_cast<double>(worst));
  REQUIRE(checked > 0);
}
