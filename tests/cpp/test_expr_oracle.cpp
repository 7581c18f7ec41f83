// The expression oracle (expr_oracle.hpp) against closed forms and against
// the catalogue oracle (oracle.hpp), which was written separately from the
// catalogue's definitions: if both agree on z*sigmoid(z) and silu at every
// order, neither has a wrong chain rule. Also the language's precedence, the
// conventions at ties and kinks, parameters and errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "expr_oracle.hpp"
#include "oracle.hpp"

namespace {

using act::oracle::expr::Formula;
using act::oracle::expr::Jet;
using act::oracle::expr::Real;

// musl's long double functions (Emscripten) only call the double ones; there
// two formulas agree to ~2^-45 (a few bits lost to cancellation), not ~2^-60.
bool libm_is_double_only() {
  const Real probes[] = {std::exp(Real(1)), std::erfc(Real(0.3)), std::log1p(Real(0.7)), std::tanh(Real(0.4))};
  for (Real v : probes) {
    if (v != static_cast<Real>(static_cast<double>(v))) return false;
  }
  return true;
}

Real tolerance() { return libm_is_double_only() ? 0x1p-40L : 0x1p-52L; }

// |got - want| within tol relative to |want|, or to `floor` near a zero of
// want (where two stable formulas still agree absolutely, not relatively).
bool close(Real got, Real want, Real tol = tolerance(), Real floor = 0x1p-10L) {
  if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
  if (std::isinf(want) || std::isinf(got)) return got == want;
  return std::fabs(got - want) <= tol * std::fmax(std::fabs(want), floor);
}

std::vector<Real> grid(Real lo, Real hi, Real step) {
  std::vector<Real> xs;
  for (Real x = lo; x <= hi; x += step) xs.push_back(x);
  xs.push_back(0);
  return xs;
}

// The catalogue oracle's g^(order) of id at its registry defaults.
Real catalogue(const char* id, int order, Real x) {
  const act::Activation* a = act::find_activation(id);
  REQUIRE(a != nullptr);
  const act::oracle::Reference* r = act::oracle::find(id);
  REQUIRE(r != nullptr);
  std::vector<double> p(act::kMaxParams, 0.0);
  const act::Params d = act::default_params(*a);
  for (size_t i = 0; i < a->params.size(); ++i) p[i] = d.v[i];
  return r->eval[order](x, p.data());
}

// floor: the size of the terms when the wanted value is a cancellation (an identity).
void require_jet(const Jet& j, Real v, Real d, Real dd, Real floor = 0x1p-10L) {
  INFO("jet (" << static_cast<double>(j.v) << ", " << static_cast<double>(j.d) << ", " << static_cast<double>(j.dd)
               << "), want (" << static_cast<double>(v) << ", " << static_cast<double>(d) << ", "
               << static_cast<double>(dd) << ")");
  CHECK(close(j.v, v, tolerance(), floor));
  CHECK(close(j.d, d, tolerance(), floor));
  CHECK(close(j.dd, dd, tolerance(), floor));
}

// Expression and catalogue id that are the same function, at every order.
void require_same_as_catalogue(const char* source, const char* id, Real lo, Real hi) {
  const Formula f(source);
  for (Real x : grid(lo, hi, 0.37L)) {
    const Jet j = f.at(x);
    for (int order = 0; order < 3; ++order) {
      INFO(source << " vs " << id << " order " << order << " at x = " << static_cast<double>(x) << ": "
                  << static_cast<double>(j[order]) << " vs " << static_cast<double>(catalogue(id, order, x)));
      CHECK(close(j[order], catalogue(id, order, x)));
    }
  }
}

}  // namespace

TEST_CASE("expr oracle: compositions equal the catalogue's references at every order", "[expr-oracle]") {
  require_same_as_catalogue("z*sigmoid(z)", "silu", -40, 40);
  require_same_as_catalogue("z * tanh(softplus(z))", "mish", -40, 40);
  require_same_as_catalogue("max(z, 0)", "relu", -5, 5);
  require_same_as_catalogue("relu(z)", "relu", -5, 5);
  // z + sqrt(z^2 + 4) cancels on the left: only where it loses a few bits.
  require_same_as_catalogue("(z + sqrt(z^2 + 4))/2", "squareplus", -3, 40);
  require_same_as_catalogue("0.5*z*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))", "gelu_tanh", -3, 40);
  // 1 + erf cancels in the left tail: only where it loses a few bits.
  require_same_as_catalogue("0.5*z*(1 + erf(z/sqrt(2)))", "gelu", -3, 40);
  require_same_as_catalogue("z*erfc(-z/sqrt(2))/2", "gelu", -40, 40);
  require_same_as_catalogue("-softplus(-z)", "log_sigmoid", -40, 40);
  require_same_as_catalogue("where(z > 0, z, expm1(z))", "elu", -40, 40);
}

TEST_CASE("expr oracle: relu and max(z, 0) agree exactly, at 0 too", "[expr-oracle]") {
  const Formula f("max(z, 0)");
  for (Real x : {Real(-1), Real(-0.0), Real(0), Real(1e-30L), Real(3)}) {
    for (int order = 0; order < 3; ++order) CHECK(f.at(x)[order] == catalogue("relu", order, x));
  }
}

TEST_CASE("expr oracle: closed forms", "[expr-oracle]") {
  for (Real x : grid(-6, 6, 0.29L)) {
    INFO("x = " << static_cast<double>(x));
    const Real g = std::exp(-x * x);
    require_jet(Formula("exp(-z^2)").at(x), g, -2 * x * g, (4 * x * x - 2) * g);
    if (std::fabs(x) < 20) {
      const Real s = 1 / (1 + std::exp(-x));
      require_jet(Formula("log(1+exp(z))").at(x), std::log(1 + std::exp(x)), s, s * (1 - s));
    }
    const Real t = std::tanh(x);
    require_jet(Formula("tanh(z)").at(x), t, 1 - t * t, -2 * t * (1 - t * t));
    require_jet(Formula("sin(3*z)").at(x), std::sin(3 * x), 3 * std::cos(3 * x), -9 * std::sin(3 * x));
    require_jet(Formula("cos(z)^2 + sin(z)^2").at(x), 1, 0, 0);
    require_jet(Formula("z^3 - 2*z").at(x), x * x * x - 2 * x, 3 * x * x - 2, 6 * x);
    require_jet(Formula("2^z").at(x), std::pow(2.0L, x), std::log(2.0L) * std::pow(2.0L, x),
                std::log(2.0L) * std::log(2.0L) * std::pow(2.0L, x));
    require_jet(Formula("1/(1+z^2)").at(x), 1 / (1 + x * x), -2 * x / ((1 + x * x) * (1 + x * x)),
                (6 * x * x - 2) / ((1 + x * x) * (1 + x * x) * (1 + x * x)));
    const Real e = std::exp(x);
    require_jet(Formula("expm1(z) - exp(z) + 1").at(x), 0, 0, 0, e);
    require_jet(Formula("log1p(exp(z)) - softplus(z)").at(x), 0, 0, 0, 1 + std::fabs(x));
    require_jet(Formula("erf(z) + erfc(z)").at(x), 1, 0, 0);
    require_jet(Formula("sigmoid(z) + sigmoid(-z)").at(x), 1, 0, 0);
    require_jet(Formula("e^z").at(x), e, e, e);
    if (x > 0) {
      require_jet(Formula("log(z)").at(x), std::log(x), 1 / x, -1 / (x * x));
      require_jet(Formula("sqrt(z)").at(x), std::sqrt(x), 0.5L / std::sqrt(x), -0.25L / (x * std::sqrt(x)));
      require_jet(Formula("z^1.5").at(x), std::pow(x, 1.5L), 1.5L * std::sqrt(x), 0.75L / std::sqrt(x));
      require_jet(Formula("z^z").at(x), std::pow(x, x), std::pow(x, x) * (std::log(x) + 1),
                  std::pow(x, x) * ((std::log(x) + 1) * (std::log(x) + 1) + 1 / x));
    }
  }
}

TEST_CASE("expr oracle: tails stay relative-accurate where the naive forms fail", "[expr-oracle]") {
  // sigmoid(-100) = e^-100/(1+e^-100), not 1 - (1 - tiny).
  const Jet s = Formula("sigmoid(z)").at(-100);
  CHECK(close(s.v, std::exp(Real(-100))));
  CHECK(close(s.d, std::exp(Real(-100))));
  CHECK(close(s.dd, std::exp(Real(-100))));
  const Jet t = Formula("tanh(z)").at(30);
  CHECK(close(t.d, 4 * std::exp(Real(-60))));
  CHECK(Formula("softplus(z)").at(-60).v > 0);
  CHECK(close(Formula("softplus(z)").at(-60).v, std::exp(Real(-60))));
  CHECK(close(Formula("erfc(z)").at(10).v, 2.0884875837625447570007862949577886e-45L));
  // A constant times an overflowing exp has slope 2·inf = inf, not 0·inf + 2·inf = NaN.
  CHECK(Formula("2*exp(z)").at(1e30L).d == std::numeric_limits<Real>::infinity());
}

TEST_CASE("expr oracle: precedence and associativity", "[expr-oracle]") {
  CHECK(Formula("-z^2").at(3).v == -9);
  CHECK(Formula("-2^2").at(0).v == -4);
  CHECK(Formula("2^-z").at(1).v == 0.5L);
  CHECK(close(Formula("2^-z^2").at(2).v, 1.0L / 16));  // exp(-4 log 2)
  CHECK(Formula("2^3^2").at(0).v == 512);
  CHECK(Formula("(2^3)^2").at(0).v == 64);
  CHECK(Formula("2*3^2").at(0).v == 18);
  CHECK(Formula("1 - 2 - 3").at(0).v == -4);
  CHECK(Formula("8/4/2").at(0).v == 1);
  CHECK(Formula("-+-z").at(5).v == 5);
  CHECK(Formula("2 + 3*z").at(2).v == 8);
  CHECK(Formula(".5 + 1e-3 + 2.5E+2 + 1.").at(0).v == 0.5L + 1e-3L + 250 + 1);
  CHECK(close(Formula("pi + e").at(0).v, 3.14159265358979323846L + 2.71828182845904523536L));
  // z^-1: an integer constant exponent, so repeated multiplication for either sign.
  require_jet(Formula("z^-1").at(4), 0.25L, -1.0L / 16, 2.0L / 64);
  require_jet(Formula("z^-1").at(-2), -0.5L, -0.25L, -0.25L);
  require_jet(Formula("z^3").at(-2), -8, 12, -12);
  require_jet(Formula("z^(4/2)").at(-3), 9, -6, 2);
  // A non-integer constant follows IEEE pow, a z-dependent exponent exp(v log u): NaN below 0.
  CHECK(std::isnan(Formula("z^0.5").at(-1).v));
  CHECK(std::isnan(Formula("z^z").at(-2).d));
}

TEST_CASE("expr oracle: conventions at ties and kinks", "[expr-oracle]") {
  // Slopes of opposite signs: 0, curvature 0.
  require_jet(Formula("abs(z)").at(0), 0, 0, 0);
  require_jet(Formula("abs(z)").at(-0.0L), 0, 0, 0);
  require_jet(Formula("max(z, -z)").at(0), 0, 0, 0);
  require_jet(Formula("min(z, -z)").at(0), 0, 0, 0);
  // One slope 0: the side with slope 0 (relu'(0) = 0), its curvature.
  require_jet(Formula("max(z, 0)").at(0), 0, 0, 0);
  require_jet(Formula("min(z, 0)").at(0), 0, 0, 0);
  require_jet(Formula("min(relu(z), 6)").at(6), 6, 0, 0);
  // Same signs: the smaller slope, with its side's curvature.
  require_jet(Formula("max(a*z, z)").at(0, {{"a", 0.25}}), 0, 0.25L, 0);
  require_jet(Formula("max(z^2, 2*z)").at(2), 4, 2, 0);
  require_jet(Formula("min(z^2, 2*z)").at(2), 4, 2, 0);
  require_jet(Formula("max(z^2 + z, 3*z)").at(0), 0, 1, 2);
  // Equal slopes: both sides follow the larger (max) or smaller (min) curvature.
  require_jet(Formula("max(z, z + z^2)").at(0), 0, 1, 2);
  require_jet(Formula("min(z, z + z^2)").at(0), 0, 1, 0);
  require_jet(Formula("max(z^2, -z^2)").at(0), 0, 0, 2);
  // Away from ties, the larger or the smaller.
  require_jet(Formula("max(z^2, 2*z)").at(3), 9, 6, 2);
  require_jet(Formula("max(z^2, 2*z)").at(1), 2, 2, 0);
  // where: the branch the comparison selects, ties included.
  require_jet(Formula("where(z < 0, -z, z^2)").at(0), 0, 0, 2);
  require_jet(Formula("where(z <= 0, -z, z^2)").at(0), 0, -1, 0);
  require_jet(Formula("where(z > 1, z^3, z)").at(1), 1, 1, 0);
  require_jet(Formula("where(z >= 1, z^3, z)").at(1), 1, 3, 6);
  // abs away from 0 and of a quadratic at its zero (slope 0, curvature 0 by the rule).
  require_jet(Formula("abs(z)").at(-2), 2, -1, 0);
  require_jet(Formula("abs(z^2 - 1)").at(1), 0, 0, 0);
}

TEST_CASE("expr oracle: NaN in gives NaN out, and undefined points have no derivatives", "[expr-oracle]") {
  const Real nan = std::numeric_limits<Real>::quiet_NaN();
  for (const char* src : {"z", "1 + 0*z", "max(z, 0)", "where(z < 0, 1, 2)", "abs(z)", "relu(z)", "z^0", "exp(-z^2)"}) {
    const Jet j = Formula(src).at(nan);
    INFO(src);
    CHECK(std::isnan(j.v));
    CHECK(std::isnan(j.d));
    CHECK(std::isnan(j.dd));
  }
  for (const char* src : {"log(z)", "sqrt(z)", "log1p(z - 1)", "z^0.5"}) {
    const Jet j = Formula(src).at(-2);
    INFO(src);
    CHECK(std::isnan(j.v));
    CHECK(std::isnan(j.d));
    CHECK(std::isnan(j.dd));
  }
}

TEST_CASE("expr oracle: infinities and exact zeros", "[expr-oracle]") {
  const Real inf = std::numeric_limits<Real>::infinity();
  require_jet(Formula("sigmoid(z)").at(inf), 1, 0, 0);
  require_jet(Formula("sigmoid(z)").at(-inf), 0, 0, 0);
  require_jet(Formula("softplus(z)").at(-inf), 0, 0, 0);
  require_jet(Formula("tanh(z)").at(-inf), -1, 0, 0);
  require_jet(Formula("erf(z)").at(inf), 1, 0, 0);
  require_jet(Formula("sqrt(z)").at(0), 0, inf, -inf);
  require_jet(Formula("log(z)").at(0), -inf, inf, -inf);
}

TEST_CASE("expr oracle: catalogue calls by the chain rule", "[expr-oracle]") {
  for (Real x : grid(-8, 8, 0.31L)) {
    INFO("x = " << static_cast<double>(x));
    require_jet(Formula("gelu(2*z)").at(x), catalogue("gelu", 0, 2 * x), 2 * catalogue("gelu", 1, 2 * x),
                4 * catalogue("gelu", 2, 2 * x));
    // h = F(u) with u = z^2: h'' = F''(u) (2z)^2 + F'(u)·2.
    const Real u = x * x;
    require_jet(Formula("selu(z^2)").at(x), catalogue("selu", 0, u), catalogue("selu", 1, u) * 2 * x,
                catalogue("selu", 2, u) * 4 * u + 2 * catalogue("selu", 1, u));
    require_jet(
        Formula("mish(z) * hardswish(z)").at(x), catalogue("mish", 0, x) * catalogue("hardswish", 0, x),
        catalogue("mish", 1, x) * catalogue("hardswish", 0, x) + catalogue("mish", 0, x) * catalogue("hardswish", 1, x),
        catalogue("mish", 2, x) * catalogue("hardswish", 0, x) +
            2 * catalogue("mish", 1, x) * catalogue("hardswish", 1, x) +
            catalogue("mish", 0, x) * catalogue("hardswish", 2, x));
  }
  // leaky_relu at its default slope, through the catalogue's convention at 0.
  require_jet(Formula("leaky_relu(z)").at(0), catalogue("leaky_relu", 0, 0), catalogue("leaky_relu", 1, 0),
              catalogue("leaky_relu", 2, 0));
}

TEST_CASE("expr oracle: parameters by name, in order of first appearance", "[expr-oracle]") {
  const Formula f("b*z + a*z^2 + b");
  REQUIRE(f.parameters() == std::vector<std::string>{"b", "a"});
  require_jet(f.at(2, {{"a", 3}, {"b", 5}}), 27, 17, 6);
  CHECK_THROWS_WITH(f.at(2, {{"a", 3}}), Catch::Contains("no value for parameter 'b'"));
  CHECK_THROWS_WITH(f.at(2, {{"a", 3}, {"b", 5}, {"c", 1}}), Catch::Contains("no parameter 'c'"));
  // An exponent that is a parameter follows IEEE pow even at an integer value.
  require_jet(Formula("z^n").at(-2, {{"n", 3}}), -8, 12, -12);
  CHECK(Formula("z^n").parameters() == std::vector<std::string>{"n"});
  CHECK(Formula("sin(w*z)").parameters() == std::vector<std::string>{"w"});
}

TEST_CASE("expr oracle: malformed sources and unknown names fail clearly", "[expr-oracle]") {
  CHECK_THROWS_WITH(Formula("z +"), Catch::Contains("source ended"));
  CHECK_THROWS_WITH(Formula("foo(z)"), Catch::Contains("unknown function 'foo'"));
  CHECK_THROWS_WITH(Formula("max(z)"), Catch::Contains("expected ','"));
  CHECK_THROWS_WITH(Formula("exp(z, 1)"), Catch::Contains("'exp' takes 1 argument"));
  CHECK_THROWS_WITH(Formula("where(z, 1, 2)"), Catch::Contains("comparison"));
  CHECK_THROWS_WITH(Formula("exp z"), Catch::Contains("'exp' needs its arguments"));
  CHECK_THROWS_WITH(Formula("(z"), Catch::Contains("expected ')'"));
  CHECK_THROWS_WITH(Formula("z z"), Catch::Contains("column 3"));
  CHECK_THROWS_WITH(Formula("1e"), Catch::Contains("exponent needs a digit"));
  CHECK_THROWS_WITH(Formula("z # 2"), Catch::Contains("unexpected '#'"));
}

TEST_CASE("expr oracle: spread sees cancellation in the expression as written", "[expr-oracle]") {
  const std::vector<Real> none;
  constexpr Real kRel = 0x1p-50L;
  // sqrt(z^2+1) - 1 at z = 1e-5 cancels 10 digits: a float64 evaluation is
  // good to ~1e-6 relative there, which spread sees.
  const Formula cancel("sqrt(z^2 + 1) - 1");
  const Real v = cancel.at(1e-5L).v;
  CHECK(close(v, 5e-11L, 1e-9L));
  CHECK(cancel.spread(1e-5L, none, kRel).v > 1e-8L * v);
  // z*sigmoid(z) at 1 does not cancel: the spread is a few steps of kRel.
  const Formula silu("z*sigmoid(z)");
  const Jet s = silu.spread(1, none, kRel);
  const Jet j = silu.at(1);
  for (int order = 0; order < 3; ++order) {
    CHECK(s[order] > 0);
    CHECK(s[order] < 8 * kRel * std::fabs(j[order]));
  }
  // 30*z is exact in float64 for a float32 z, so sin(30 z) is not ill
  // conditioned as evaluated, even at z = 2^70.
  const Real big = 0x1p70L;
  const Jet w = Formula("sin(30*z)").spread(big, none, kRel);
  CHECK(w.v <= 2 * kRel);
  CHECK(w.d <= 2 * 30 * kRel);
  // Exact arithmetic does not move at all.
  const Jet exact = Formula("z*z - 2*z + 0.5").spread(3, none, kRel);
  CHECK(exact.v == 0);
  CHECK(exact.d == 0);
  CHECK(exact.dd == 0);
  // An intermediate beyond float64's range is reported (where long double
  // functions reach beyond it: not with a double-only libm).
  if (!libm_is_double_only()) CHECK(Formula("exp(z)/exp(z)").eval(800, none).beyond_double);
  CHECK_FALSE(Formula("exp(z)/exp(z)").eval(700, none).beyond_double);
}
