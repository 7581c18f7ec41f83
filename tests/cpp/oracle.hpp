// Long-double reference for every activation and its first two derivatives,
// kept apart from the kernels: written from the mathematical definitions in
// numerically stable form, sharing no code with src/core (it reads only the
// generated table of interior zeros, which is plain constants).
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

#include <string_view>
#include <vector>

namespace act::oracle {

using Real = long double;

struct Reference {
  const char* id;
  // eval[0] = g, eval[1] = g', eval[2] = g''. p = the activation's parameters
  // in registry order, as doubles (exactly the float32 values the kernel
  // used). Unused slots are 0; p may be null for an activation without any.
  Real (*eval[3])(Real x, const double* p);
};

// nullptr when the oracle has no reference for this id.
const Reference* find(std::string_view id);

// Every reference: identity, sigmoid, tanh, relu, leaky_relu, relu6,
// hardtanh, elu, selu, celu, gelu, gelu_tanh, silu, mish, softplus, softsign,
// hardsigmoid, hardswish, log_sigmoid.
const std::vector<Reference>& all();

}  // namespace act::oracle
