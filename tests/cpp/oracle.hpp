// Long-double reference for every activation and its first two derivatives,
// kept apart from the kernels: written from the mathematical definitions in
// numerically stable form, sharing no code with src/core (it reads only the
// generated table of interior zeros, which is plain constants).
//
// Each reference also carries what the tests need to know about its function
// (parameter sets, kinks, limits, exact values, saturation ranges, values
// computed with mpmath), so that the tests iterate the registry and read this
// data: adding an activation means one registry entry, one kernel and one
// reference here, and no test file changes.
//
// Precision where long double is the x87 80-bit format (64-bit mantissa) and
// the libm's long double functions are good to an ulp or two (glibc),
// measured against mpmath at float32 inputs across [-40, 40]: relative error
// near 2^-62 for most functions; about 2^-53 inside the Taylor bands around
// the interior zeros of g' and g'' (the generated coefficients are doubles)
// and just outside them; and growing with the conditioning of exp in the far
// left tails of gelu (x^2 2^-64) and gelu_tanh (0.07 |x|^3 2^-64): 2^-50 at
// x = -38, where the values (1e-300, 1e-1500) are far out of float32's range.
// That is more than 2^20 below a float32 ULP, so these values serve as the
// truth in ULP measurements, including a few ULP from an interior zero.
//
// Under Emscripten long double is IEEE quad, but musl's long double libm
// (expl, erfcl, log1pl, tanhl...) only calls the double functions: there the
// values are good to about 2^-52, to 2^-43 at worst (just outside the Taylor
// bands, and in gelu's left tail), and values below double's range (~1e-308)
// come out as 0 or subnormal. Still far below a float32 ULP.
#pragma once

#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace act::oracle {

using Real = long double;

// g^(order)(x) for order 0, 1, 2. p = the activation's parameters in registry
// order, as doubles (exactly the float32 values the kernel used); unused
// slots are 0 and p may be null for an activation without any. NaN in gives
// NaN out.
using Fn = Real (*)(Real x, const double* p);

// Parameter values in registry order, each a float32 (what the kernels
// take). Empty: the registry's defaults, so that the data here does not copy
// them.
using ParamSet = std::vector<double>;

// Points that move with the parameters (hardtanh's kinks are its bounds).
using Points = std::vector<Real>;
using PointsOf = Points (*)(const double* p);

inline constexpr float kInf = std::numeric_limits<float>::infinity();

// Every declared float below is the value the kernels return, bit for bit
// (so the sign of a zero counts), and the oracle's value rounded to float32
// must equal it (there the sign of a zero is not compared: the kernels'
// choice is a convention, not always the side the limit comes from).

// g, g', g'' as x -> -inf and x -> +inf, at the default parameters; at other
// parameters they are Exact points at +-inf.
struct Limits {
  float minus[3];
  float plus[3];
};

// One value at one input: a convention at a kink, at zero, at a subnormal,
// at a threshold, or a limit at non-default parameters.
struct Exact {
  int order;
  float x;
  float want;
  ParamSet p = {};
};

// Every float32 x in [from, to] gives want: where the function has rounded
// to its asymptote (exact saturation over whole ranges).
struct Saturation {
  int order;
  float from, to;
  float want;
  ParamSet p = {};
};

// A value computed independently of the oracle with mpmath at 60 digits:
// checks the oracle's relative accuracy where cancellation or underflow
// threaten it (tails, interior zeros of g' and g''), and the kernels at the
// points that are float32 (the others, just outside the oracle's Taylor
// bands, are doubles).
struct Known {
  int order;
  double x;
  Real want;
  ParamSet p = {};
};

struct Reference {
  const char* id;
  Fn eval[3];
  // Parameter sets to exercise besides the defaults: moderate values, so
  // that finite differences at a fixed step apply (the sweeps add each
  // parameter's registry minimum and maximum on their own).
  std::vector<ParamSet> params = {};
  // Where some order jumps or a branch switches: finite differences skip
  // them, and the kernels are checked at and beside each. Null: none.
  PointsOf kinks = nullptr;
  // Where g' or g'' crosses zero away from a kink (the oracle switches to a
  // Taylor polynomial around each): finite differences probe around them.
  PointsOf interior_zeros = nullptr;
  // Required: a test fails for a reference without them.
  std::optional<Limits> limits = std::nullopt;
  std::vector<Exact> exact = {};
  std::vector<Saturation> saturation = {};
  // Besides these, every row of the generated table of interior-zero points
  // (oracle_zero_points.inc) with this id, at the default parameters.
  std::vector<Known> known = {};
};

// nullptr when the oracle has no reference for this id.
const Reference* find(std::string_view id);

// Every reference (the tests iterate the registry and look each one up).
const std::vector<Reference>& all();

}  // namespace act::oracle
