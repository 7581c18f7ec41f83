// Long-double reference for user-defined activations (src/expr/expression.hpp
// defines the language): g, g' and g'' of an expression in z at one point,
// by forward-mode jets of order 2 in long double. Written apart from the
// engine: its own recursive-descent parser, its own jet rules, each
// elementary function's f, f', f'' from its definition in numerically stable
// form (sigmoid via e^-|x|, softplus = max(x, 0) + log1p(e^-|x|), tanh' =
// 4e/(1+e)^2 with e = e^-2|x|, ...); catalogue ids called as functions go
// through the catalogue oracle (oracle.hpp) at the registry's defaults, by
// the chain rule.
//
// Conventions, as expression.hpp documents them: max/min at a tie take the
// one-sided slope of least magnitude (0 when the sides' slopes have opposite
// signs) with g'' from that side; with equal slopes both sides follow the
// larger (max) or smaller (min) curvature. abs at 0: (0, 0, 0). where: the
// jet of the branch its comparison selects. u^n for a constant integer n is
// u·u·…; u^c for another constant or a parameter is IEEE pow; u^v with v
// depending on z is exp(v·log u). Where the header says nothing the oracle
// chooses, and the tests hold the engine to it: NaN in gives NaN out at every
// order (also through max, min and where); a jet whose value is NaN is NaN
// throughout (log'(-1) does not exist); a product with an exactly zero factor
// is 0 (a constant times exp(z) = inf has slope 0·... = 0, not NaN).
//
// Precision: with x87 long double (64-bit mantissa) and glibc's long double
// libm, each operation is good to ~2^-63 relative to the size of its terms.
// Under Emscripten long double is IEEE quad but the libm's long double
// functions are only double precision (see oracle.hpp): ~2^-52 per function.
// Either is far below a float32 ULP except where the expression itself
// cancels, which spread() measures.
//
// Test code: malformed sources, unknown functions and missing parameter
// values throw std::invalid_argument with a message naming the problem.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace act::oracle::expr {

using Real = long double;

// Value and first two derivatives with respect to z.
struct Jet {
  Real v = 0, d = 0, dd = 0;
  Real operator[](int order) const { return order == 0 ? v : order == 1 ? d : dd; }
};

// How a float64 evaluation of the same expression could differ from the
// exact one: every rounding operation's result (each jet component) moved by
// `relative` times the size of the terms it sums, in a direction drawn from
// `seed`. +, -, *, / and sqrt whose exact results are doubles are left
// alone (IEEE rounds them exactly); library functions always move.
struct Perturbation {
  Real relative = 0;
  uint64_t seed = 0;
};

struct Outcome {
  Jet jet;
  // Some intermediate is finite here but beyond float64's range: a float64
  // evaluation of the expression as written overflows where the oracle does not.
  bool beyond_double = false;
};

class Formula {
 public:
  explicit Formula(std::string_view source);
  Formula(Formula&&) noexcept;
  Formula& operator=(Formula&&) noexcept;
  ~Formula();

  const std::string& source() const;
  // Parameter names in order of first appearance (the engine's order).
  const std::vector<std::string>& parameters() const;
  // Values in parameters() order from values by name; throws when one is
  // missing or a name is not a parameter of this expression.
  std::vector<Real> bind(const std::map<std::string, double>& by_name) const;

  // g, g', g'' at x; params in parameters() order.
  Outcome eval(Real x, const std::vector<Real>& params, const Perturbation* perturb = nullptr) const;
  Jet at(Real x, const std::vector<Real>& params = {}) const { return eval(x, params).jet; }
  Jet at(Real x, const std::map<std::string, double>& by_name) const { return at(x, bind(by_name)); }

  // The conditioning of the expression as written at x: per order, the
  // largest change of the result over `trials` perturbed evaluations
  // (Perturbation with the given relative size). Infinite when a trial turns
  // the result into NaN or another infinity.
  Jet spread(Real x, const std::vector<Real>& params, Real relative, int trials = 4) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace act::oracle::expr
