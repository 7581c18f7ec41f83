#include "oracle.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/interior_zeros.hpp"

namespace act::oracle {

namespace {

// sqrt(2) = kSqrt2Hi + kSqrt2Lo: the high part has 64 bits, so it is exact in
// both the x87 and the quad format and |x| - kSqrt2Hi is exact near sqrt(2).
constexpr Real kSqrt2Hi = 0xb.504f333f9de6484p-3L;
constexpr Real kSqrt2Lo = 3.79006511778651415931012393429e-20L;
constexpr Real kSqrtHalf = 0.7071067811865475244008443621048490392848L;
constexpr Real kInvSqrt2Pi = 0.3989422804014326779399460599343818684759L;
constexpr Real kSqrt2OverPi = 0.7978845608028653558798921198687637369517L;
constexpr Real kGeluTanhC = 0.044715L;
constexpr Real kSeluLambda = 1.0507009873554804934193349852946L;
constexpr Real kSeluAlpha = 1.6732632423543772848170429916717L;

// Half-width of the band around an interior zero where the Taylor polynomial
// replaces the direct formula. The generator reports the degree-5 polynomial
// within 2^-50 for |t| <= 1.69e-3 at the worst zero, so at 2^-10 its
// truncation error is below 2^-54 and the double coefficients (2^-53) set its
// precision. Outside the band the direct formula loses log2(|terms| / |f|),
// at most ~10 bits, to cancellation: measured 2^-53 with an x87 libm, 2^-43
// with a double-only libm (Emscripten).
constexpr Real kBand = 0x1p-10L;

// f near one of the zeros zs (in the variable u), or false when u is in no band.
template <std::size_t N> bool near_zero(const zeros::InteriorZero (&zs)[N], Real u, Real* f) {
  for (const zeros::InteriorZero& z : zs) {
    // u - hi is exact inside the band (Sterbenz); only - lo rounds.
    const Real t = (u - static_cast<Real>(z.hi)) - static_cast<Real>(z.lo);
    if (std::fabs(t) < kBand) {
      const Real c1 = z.c[1], c2 = z.c[2], c3 = z.c[3], c4 = z.c[4], c5 = z.c[5];
      *f = t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * c5))));
      return true;
    }
  }
  return false;
}

Real param(const double* p, int i) { return static_cast<Real>(p[i]); }

// --- sigmoid and its relatives ---------------------------------------------

// e^x/(1+e^x) for x < 0 keeps the left tail relative-accurate.
Real sig(Real x) {
  if (x >= 0) return 1 / (1 + std::exp(-x));
  const Real e = std::exp(x);
  return e / (1 + e);
}
// s(1-s) = e^-|x| / (1+e^-|x|)^2: neither product nor difference of s and 1-s.
Real sig_d(Real x) {
  const Real e = std::exp(-std::fabs(x));
  return e / ((1 + e) * (1 + e));
}

Real identity(Real x, const double*) { return x; }
Real identity_d(Real, const double*) { return 1; }
Real zero(Real, const double*) { return 0; }

Real sigmoid(Real x, const double*) { return sig(x); }
Real sigmoid_d(Real x, const double*) { return sig_d(x); }
// 1 - 2s = -tanh(x/2): the difference would cancel near 0.
Real sigmoid_dd(Real x, const double*) { return -sig_d(x) * std::tanh(x / 2); }

Real tanh_v(Real x, const double*) { return std::tanh(x); }
// 1 - tanh^2 = 4e/(1+e)^2 with e = e^-2|x|: no cancellation as tanh -> +-1.
Real tanh_d(Real x, const double*) {
  const Real e = std::exp(-2 * std::fabs(x));
  return 4 * e / ((1 + e) * (1 + e));
}
Real tanh_dd(Real x, const double* p) { return -2 * std::tanh(x) * tanh_d(x, p); }

// --- piecewise linear --------------------------------------------------------

Real relu(Real x, const double*) { return x > 0 ? x : 0; }
Real relu_d(Real x, const double*) { return x > 0 ? 1 : 0; }

Real leaky(Real x, const double* p) {
  if (x >= 0) return x;
  // α = 0: the limit of αx as x → −∞ is 0, not 0·(−∞) = NaN.
  return param(p, 0) == 0 ? -0.0L : param(p, 0) * x;
}
Real leaky_d(Real x, const double* p) { return x > 0 ? 1 : param(p, 0); }

Real relu6(Real x, const double*) { return x > 0 ? (x < 6 ? x : 6) : 0; }
Real relu6_d(Real x, const double*) { return x > 0 && x < 6 ? 1 : 0; }

Real hardtanh(Real x, const double* p) {
  const Real lo = param(p, 0), hi = param(p, 1);
  return x < lo ? lo : (x > hi ? hi : x);
}
Real hardtanh_d(Real x, const double* p) { return x > param(p, 0) && x < param(p, 1) ? 1 : 0; }

Real hardsigmoid(Real x, const double*) { return x <= -3 ? 0 : (x >= 3 ? 1 : x / 6 + 0.5L); }
Real hardsigmoid_d(Real x, const double*) { return x > -3 && x < 3 ? 1 / 6.0L : 0; }

Real hardswish(Real x, const double*) { return x <= -3 ? 0 : (x >= 3 ? x : x * (x + 3) / 6); }
Real hardswish_d(Real x, const double*) { return x < -3 ? 0 : (x > 3 ? 1 : (2 * x + 3) / 6); }
Real hardswish_dd(Real x, const double*) { return x >= -3 && x <= 3 ? 1 / 3.0L : 0; }

// --- exponential linear units ----------------------------------------------

Real elu(Real x, const double* p) { return x > 0 ? x : param(p, 0) * std::expm1(x); }
Real elu_d(Real x, const double* p) { return x > 0 ? 1 : param(p, 0) * std::exp(x); }
Real elu_dd(Real x, const double* p) { return x > 0 ? 0 : param(p, 0) * std::exp(x); }

Real selu(Real x, const double*) { return x > 0 ? kSeluLambda * x : kSeluLambda * kSeluAlpha * std::expm1(x); }
Real selu_d(Real x, const double*) { return x > 0 ? kSeluLambda : kSeluLambda * kSeluAlpha * std::exp(x); }
Real selu_dd(Real x, const double*) { return x > 0 ? 0 : kSeluLambda * kSeluAlpha * std::exp(x); }

Real celu(Real x, const double* p) {
  const Real a = param(p, 0);
  return x > 0 ? x : a * std::expm1(x / a);
}
Real celu_d(Real x, const double* p) { return x > 0 ? 1 : std::exp(x / param(p, 0)); }
Real celu_dd(Real x, const double* p) {
  const Real a = param(p, 0);
  return x > 0 ? 0 : std::exp(x / a) / a;
}

// --- GELU (erf form) ---------------------------------------------------------

// erfc of a positive argument for x < 0: the left tail stays relative-accurate.
Real Phi(Real x) { return std::erfc(-x * kSqrtHalf) / 2; }
Real phi(Real x) { return std::exp(-x * x / 2) * kInvSqrt2Pi; }

// At -inf, x * Phi(x) would be -inf * 0; the limits are taken by hand here and
// in the other x * (something that vanishes) forms below.
Real gelu(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? x : 0;
  return x * Phi(x);
}
Real gelu_d(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  Real f;
  if (near_zero(zeros::kGeluD1, x, &f)) return f;
  return Phi(x) + x * phi(x);
}
// 2 - x^2 = (sqrt2 - |x|)(sqrt2 + |x|) with sqrt2 in two parts: exact
// cancellation at +-sqrt2, so no Taylor band is needed for this one.
Real gelu_dd(Real x, const double*) {
  if (std::isinf(x)) return 0;
  const Real a = std::fabs(x);
  return phi(x) * (((kSqrt2Hi - a) + kSqrt2Lo) * (kSqrt2Hi + a));
}

// --- GELU (tanh approximation) ---------------------------------------------
// g = x (1 + tanh u)/2 = x S with S = sigmoid(2u), u = k(x + c x^3); then
// S' = 2 S(1-S) u' and (1 - 2S) = -tanh u, so g' and g'' need no 1 - tanh^2.

struct GeluTanh {
  Real S, SR, du, d2u, th;  // S, S(1-S), u', u'', tanh u
};
GeluTanh gelu_tanh_parts(Real x) {
  const Real u = kSqrt2OverPi * (x + kGeluTanhC * x * x * x);
  return {sig(2 * u), sig_d(2 * u), kSqrt2OverPi * (1 + 3 * kGeluTanhC * x * x), 6 * kSqrt2OverPi * kGeluTanhC * x,
          std::tanh(u)};
}
Real gelu_tanh(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? x : 0;
  return x * gelu_tanh_parts(x).S;
}
Real gelu_tanh_d(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  Real f;
  if (near_zero(zeros::kGeluTanhD1, x, &f)) return f;
  const GeluTanh q = gelu_tanh_parts(x);
  return q.S + 2 * x * q.SR * q.du;
}
Real gelu_tanh_dd(Real x, const double*) {
  if (std::isinf(x)) return 0;
  Real f;
  if (near_zero(zeros::kGeluTanhD2, x, &f)) return f;
  const GeluTanh q = gelu_tanh_parts(x);
  return 2 * q.SR * (2 * q.du - 2 * x * q.du * q.du * q.th + x * q.d2u);
}

// --- SiLU / swish ------------------------------------------------------------
// g' = h1(u), g'' = beta h2(u) of u = beta x; beta x is exact for float32
// operands (48-bit product), so the Taylor variable u - z0 loses nothing.

Real silu(Real x, const double* p) {
  if (std::isinf(x)) return x > 0 ? x : 0;
  return x * sig(param(p, 0) * x);
}
Real silu_d(Real x, const double* p) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  const Real u = param(p, 0) * x;
  Real f;
  if (near_zero(zeros::kSiluD1, u, &f)) return f;
  return sig(u) * (1 + u * sig(-u));  // s + u s (1-s)
}
Real silu_dd(Real x, const double* p) {
  if (std::isinf(x)) return 0;
  const Real beta = param(p, 0);
  const Real u = beta * x;
  Real f;
  if (near_zero(zeros::kSiluD2, u, &f)) return beta * f;
  return beta * sig_d(u) * (2 - u * std::tanh(u / 2));  // 1 - 2s = -tanh(u/2)
}

// --- Mish --------------------------------------------------------------------
// T = tanh(softplus x) = w(w+2)/(w^2+2w+2) with w = e^x, and 1 - T =
// 2/(w^2+2w+2); for x > 0 the same in v = e^-x. 1 - T^2 = (1-T)(1+T) then
// stays relative-accurate in both tails, where tanh would round to +-1.

struct Mish {
  Real T, C, s, r;  // T, 1 - T, sigmoid(x), sigmoid(-x)
};
Mish mish_parts(Real x) {
  Real T, C;
  if (x <= 0) {
    const Real w = std::exp(x);
    const Real d = w * w + 2 * w + 2;
    T = w * (w + 2) / d;
    C = 2 / d;
  } else {
    const Real v = std::exp(-x);
    const Real d = 1 + 2 * v + 2 * v * v;
    T = (1 + 2 * v) / d;
    C = 2 * v * v / d;
  }
  return {T, C, sig(x), sig(-x)};
}
Real mish(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? x : 0;
  return x * mish_parts(x).T;
}
// g' = T + x (1 - T^2) s, since T' = sech^2(softplus x) softplus'(x).
Real mish_d(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  Real f;
  if (near_zero(zeros::kMishD1, x, &f)) return f;
  const Mish m = mish_parts(x);
  return m.T + x * m.C * (1 + m.T) * m.s;
}
// g'' = (1 - T^2) s (2 + x (1 - s - 2 T s)).
Real mish_dd(Real x, const double*) {
  if (std::isinf(x)) return 0;
  Real f;
  if (near_zero(zeros::kMishD2, x, &f)) return f;
  const Mish m = mish_parts(x);
  return m.C * (1 + m.T) * m.s * (2 + x * (m.r - 2 * m.T * m.s));
}

// --- softplus, softsign, log-sigmoid ---------------------------------------

// The threshold test uses the exact product beta x (exact for float32
// operands), not a float32-rounded one.
Real softplus(Real x, const double* p) {
  const Real beta = param(p, 0), bx = beta * x;
  if (bx > param(p, 1)) return x;
  return (std::fmax(bx, Real(0)) + std::log1p(std::exp(-std::fabs(bx)))) / beta;
}
Real softplus_d(Real x, const double* p) {
  const Real bx = param(p, 0) * x;
  return bx > param(p, 1) ? 1 : sig(bx);
}
Real softplus_dd(Real x, const double* p) {
  const Real beta = param(p, 0), bx = beta * x;
  return bx > param(p, 1) ? 0 : beta * sig_d(bx);
}

Real softsign(Real x, const double*) {
  if (std::isinf(x)) return x > 0 ? 1 : -1;
  return x / (1 + std::fabs(x));
}
Real softsign_d(Real x, const double*) {
  const Real d = 1 + std::fabs(x);
  return 1 / (d * d);
}
Real softsign_dd(Real x, const double*) {
  if (x == 0) return 0;
  const Real d = 1 + std::fabs(x);
  return (x > 0 ? -2 : 2) / (d * d * d);
}

Real log_sigmoid(Real x, const double*) { return std::fmin(x, Real(0)) - std::log1p(std::exp(-std::fabs(x))); }
Real log_sigmoid_d(Real x, const double*) { return sig(-x); }
Real log_sigmoid_dd(Real x, const double*) { return -sig_d(x); }

// --- squareplus ---------------------------------------------------------------

// g = (x + r)/2, r = sqrt(x^2 + b): for x < 0 the sum cancels, and
// (x + r)(r - x) = b gives g = b / (2 (r - x)), g' = b / (2 r (r - x)).
// At b = 0 (relu) g' and g'' are 0/0 at x = 0: relu's convention, 0.
Real squareplus(Real x, const double* p) {
  if (std::isinf(x)) return x > 0 ? x : 0;
  const Real b = param(p, 0), r = std::sqrt(x * x + b);
  return x < 0 ? b / (2 * (r - x)) : (x + r) / 2;
}
Real squareplus_d(Real x, const double* p) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  const Real b = param(p, 0), s = x * x + b;
  if (s == 0) return 0;
  const Real r = std::sqrt(s);
  return x < 0 ? b / (2 * r * (r - x)) : (r + x) / (2 * r);
}
Real squareplus_dd(Real x, const double* p) {
  const Real b = param(p, 0), s = x * x + b;
  if (std::isinf(x) || s == 0) return 0;
  return b / (2 * s * std::sqrt(s));
}

// NaN in, NaN out, whatever a comparison-based branch would pick.
template <Fn F> Real safe(Real x, const double* p) { return std::isnan(x) ? x : F(x, p); }

// --- what the tests need to know, per function ------------------------------

constexpr float kMax = std::numeric_limits<float>::max();
constexpr float kSub = 0x1.8p-130f;  // a subnormal float32 with two bits set

Points at_zero(const double*) { return {0}; }
Points at_three(const double*) { return {-3, 3}; }

// The zeros in the tables (of u = scale x), as values of x.
template <class... Tables> Points zeros_of(Real scale, const Tables&... tables) {
  Points xs;
  auto add = [&](const auto& zs) {
    for (const zeros::InteriorZero& z : zs) xs.push_back(static_cast<Real>(z.hi) / scale);
  };
  (add(tables), ...);
  return xs;
}

// The rows scripts/interior_zeros.py --test-points generates.
struct ZeroPoint {
  const char* id;
  int order;
  double x;
  Real want;
};
const ZeroPoint kZeroPoints[] = {
#include "oracle_zero_points.inc"
};

std::vector<Reference> build() {
  const float lambda = static_cast<float>(kSeluLambda);
  const float lambda_alpha = static_cast<float>(kSeluLambda * kSeluAlpha);
  const float ln2 = 0x1.62e430p-1f;
  // clang-format off
  std::vector<Reference> references = {
      {.id = "identity",
       .eval = {safe<identity>, safe<identity_d>, safe<zero>},
       .limits = Limits{.minus = {-kInf, 1, 0}, .plus = {kInf, 1, 0}},
       .exact = {{.order = 0, .x = -kSub, .want = -kSub}, {.order = 0, .x = -0.0f, .want = -0.0f}}},

      {.id = "sigmoid",
       .eval = {safe<sigmoid>, safe<sigmoid_d>, safe<sigmoid_dd>},
       .limits = Limits{.minus = {0, 0, 0}, .plus = {1, 0, -0.0f}},
       .exact = {
           {.order = 0, .x = 0, .want = 0.5f},
           {.order = 0, .x = -0.0f, .want = 0.5f},
           {.order = 0, .x = kSub, .want = 0.5f},
           {.order = 1, .x = 0, .want = 0.25f},
           {.order = 2, .x = 0, .want = -0.0f},
           // The last float32 below ln(2^25 - 1) = 17.32868, where a
           // correctly rounded sigma reaches 1 (1/(1 + expf(-x)) in float
           // already at 16.6355).
           {.order = 0, .x = 17.3286f, .want = 0x1.fffffep-1f}},
       .saturation = {
           {.order = 0, .from = 17.3288f, .to = kMax, .want = 1},
           // e^-104 is below half the smallest subnormal.
           {.order = 0, .from = -kMax, .to = -104, .want = 0},
           {.order = 1, .from = 104, .to = kMax, .want = 0},
           {.order = 1, .from = -kMax, .to = -104, .want = 0}},
       // Where y(1 - y) is 0 (y rounds to 1 from x = 16.64) and
       // e^-x/(1 + e^-x)^2 is NaN (e^-x overflows below -88.7).
       .known = {
           {.order = 1, .x = 20, .want = 2.061153613941849343652295e-9L},
           {.order = 1, .x = -100, .want = 3.720075976020835962959696e-44L},
           {.order = 0, .x = -100, .want = 3.720075976020835962959696e-44L}}},

      {.id = "tanh",
       .eval = {safe<tanh_v>, safe<tanh_d>, safe<tanh_dd>},
       .limits = Limits{.minus = {-1, 0, 0}, .plus = {1, 0, -0.0f}},
       .exact = {
           {.order = 0, .x = -0.0f, .want = -0.0f},
           {.order = 0, .x = kSub, .want = kSub},  // tanh x = x down here
           {.order = 0, .x = -0x1p-149f, .want = -0x1p-149f},
           {.order = 1, .x = 0, .want = 1},
           {.order = 1, .x = -0.0f, .want = 1},
           {.order = 1, .x = kSub, .want = 1},
           {.order = 2, .x = 0, .want = -0.0f}},
       .saturation = {
           {.order = 0, .from = 9.0110f, .to = kMax, .want = 1},
           {.order = 0, .from = -kMax, .to = -9.0110f, .want = -1},
           // 4 e^-2|x| is below half the smallest subnormal.
           {.order = 1, .from = 53, .to = kMax, .want = 0},
           {.order = 1, .from = -kMax, .to = -53, .want = 0}},
       // Where 1 - y^2 is 0: y rounds to +-1 from |x| = 9.0109.
       .known = {
           {.order = 1, .x = 10, .want = 8.244614455767397374609178e-9L},
           {.order = 1, .x = 50, .want = 1.488030390408334385183878e-43L}}},

      // PyTorch's conventions at the kinks: relu'(0) = 0, leaky'(0) = alpha.
      {.id = "relu",
       .eval = {safe<relu>, safe<relu_d>, safe<zero>},
       .kinks = at_zero,
       .limits = Limits{.minus = {0, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = 0},
           {.order = 0, .x = -0.0f, .want = 0},  // relu(-0) = +0
           {.order = 0, .x = kSub, .want = kSub},
           {.order = 0, .x = -kSub, .want = 0},
           {.order = 1, .x = 0, .want = 0},
           {.order = 1, .x = -0.0f, .want = 0},
           {.order = 1, .x = 0x1p-149f, .want = 1},
           {.order = 2, .x = 1, .want = 0}}},

      {.id = "leaky_relu",
       .eval = {safe<leaky>, safe<leaky_d>, safe<zero>},
       .params = {{0.2f}},
       .kinks = at_zero,
       .limits = Limits{.minus = {-kInf, 0.01f, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = 0},
           {.order = 0, .x = -2, .want = -2 * 0.01f},
           {.order = 1, .x = 0, .want = 0.01f},
           {.order = 1, .x = 0x1p-149f, .want = 1},
           {.order = 2, .x = -1, .want = 0},
           // Parameters move with the kink.
           {.order = 1, .x = 0, .want = 0.2f, .p = {0.2f}},
           {.order = 0, .x = -0.0f, .want = -0.0f, .p = {0.2f}},
           {.order = 0, .x = -kSub, .want = -0x1.8p-131f, .p = {0.5f}},
           // alpha = 0: the limit of alpha x at -inf is 0, not 0 (-inf) = NaN.
           {.order = 0, .x = -kInf, .want = -0.0f, .p = {0}}}},

      {.id = "relu6",
       .eval = {safe<relu6>, safe<relu6_d>, safe<zero>},
       .kinks = [](const double*) { return Points{0, 6}; },
       .limits = Limits{.minus = {0, 0, 0}, .plus = {6, 0, 0}},
       .exact = {
           {.order = 0, .x = 6, .want = 6},
           {.order = 0, .x = 7, .want = 6},
           {.order = 1, .x = 0, .want = 0},
           {.order = 1, .x = 6, .want = 0},
           {.order = 1, .x = 5.9999995f, .want = 1},
           {.order = 2, .x = 3, .want = 0}}},

      {.id = "hardtanh",
       .eval = {safe<hardtanh>, safe<hardtanh_d>, safe<zero>},
       .params = {{-2, 0.5}, {-100, 100}},
       .kinks = [](const double* p) { return Points{p[0], p[1]}; },
       .limits = Limits{.minus = {-1, 0, 0}, .plus = {1, 0, 0}},
       .exact = {
           {.order = 1, .x = -1, .want = 0},
           {.order = 1, .x = 1, .want = 0},
           {.order = 1, .x = 0, .want = 1},
           {.order = 1, .x = 0.5f, .want = 1},
           {.order = 0, .x = -3, .want = -2, .p = {-2, 0.5}},
           {.order = 0, .x = 1, .want = 0.5f, .p = {-2, 0.5}},
           {.order = 0, .x = 7, .want = 0.5f, .p = {-2, 0.5}},
           {.order = 0, .x = 0.25f, .want = 0.25f, .p = {-2, 0.5}},
           {.order = 1, .x = -2, .want = 0, .p = {-2, 0.5}},
           {.order = 1, .x = 0.5f, .want = 0, .p = {-2, 0.5}},
           {.order = 1, .x = 0.4999999f, .want = 1, .p = {-2, 0.5}},
           {.order = 1, .x = -1.9999999f, .want = 1, .p = {-2, 0.5}},
           {.order = 0, .x = -kInf, .want = -2, .p = {-2, 0.5}},
           {.order = 0, .x = kInf, .want = 0.5f, .p = {-2, 0.5}}}},

      // The exponential units take the negative branch at x = 0.
      {.id = "elu",
       .eval = {safe<elu>, safe<elu_d>, safe<elu_dd>},
       .params = {{0.5}},
       .kinks = at_zero,
       .limits = Limits{.minus = {-1, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = 0},
           {.order = 0, .x = -kSub, .want = -kSub},
           {.order = 1, .x = 0, .want = 1},
           {.order = 2, .x = 0, .want = 1},
           {.order = 1, .x = 0, .want = 0.5f, .p = {0.5}},
           {.order = 2, .x = 0, .want = 0.5f, .p = {0.5}},
           {.order = 1, .x = 0x1p-149f, .want = 1, .p = {0.5}},
           {.order = 2, .x = 0x1p-149f, .want = 0, .p = {0.5}},
           {.order = 0, .x = -kInf, .want = -0.5f, .p = {0.5}}},
       // expm1, not exp(x) - 1, near 0.
       .known = {{.order = 0, .x = -0x1.ad7f2ap-24, .want = -9.999999616860979211372892e-8L}}},

      {.id = "selu",
       .eval = {safe<selu>, safe<selu_d>, safe<selu_dd>},
       .kinks = at_zero,
       .limits = Limits{.minus = {-lambda_alpha, 0, 0}, .plus = {kInf, lambda, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = 0},
           {.order = 1, .x = 0, .want = lambda_alpha},
           {.order = 2, .x = 0, .want = lambda_alpha},
           {.order = 1, .x = 1, .want = lambda},
           {.order = 0, .x = 2, .want = static_cast<float>(2 * kSeluLambda)},
           {.order = 2, .x = 1, .want = 0}}},

      {.id = "celu",
       .eval = {safe<celu>, safe<celu_d>, safe<celu_dd>},
       .params = {{2}},
       .kinks = at_zero,
       .limits = Limits{.minus = {-1, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 1, .x = 0, .want = 1},
           {.order = 2, .x = 0, .want = 1},
           {.order = 0, .x = 0, .want = 0, .p = {2}},
           {.order = 1, .x = 0, .want = 1, .p = {2}},
           {.order = 2, .x = 0, .want = 0.5f, .p = {2}},
           {.order = 2, .x = 0x1p-149f, .want = 0, .p = {2}},
           {.order = 0, .x = -kInf, .want = -2, .p = {2}}},
       .known = {{.order = 0, .x = -0x1.4484cp-100, .want = -1.000000003171076850971051e-30L}}},

      // The gated functions: their negative tails are not flushed to -0.
      {.id = "gelu",
       .eval = {safe<gelu>, safe<gelu_d>, safe<gelu_dd>},
       .interior_zeros = [](const double*) { return zeros_of(1, zeros::kGeluD1, zeros::kGeluD2); },
       .limits = Limits{.minus = {-0.0f, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = 0},
           {.order = 0, .x = -kSub, .want = -0x1.8p-131f},
           {.order = 1, .x = 0, .want = 0.5f}},
       .known = {
           {.order = 0, .x = -10, .want = -7.619853024160526065973343e-23L},
           {.order = 1, .x = -10, .want = -7.6184000964648140856793e-22L},
           {.order = 2, .x = -12, .want = -3.047864904641545689952443e-30L}}},

      {.id = "gelu_tanh",
       .eval = {safe<gelu_tanh>, safe<gelu_tanh_d>, safe<gelu_tanh_dd>},
       .interior_zeros = [](const double*) { return zeros_of(1, zeros::kGeluTanhD1, zeros::kGeluTanhD2); },
       .limits = Limits{.minus = {-0.0f, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {{.order = 1, .x = 0, .want = 0.5f}},
       .known = {{.order = 0, .x = -10, .want = -1.20409234820980599365925e-37L}}},

      // The zeros of g' and g'' are those of h1(u), h2(u) with u = beta x.
      {.id = "silu",
       .eval = {safe<silu>, safe<silu_d>, safe<silu_dd>},
       .params = {{1.7f}},
       .interior_zeros = [](const double* p) { return zeros_of(p[0], zeros::kSiluD1, zeros::kSiluD2); },
       .limits = Limits{.minus = {-0.0f, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = kSub, .want = 0x1.8p-131f},
           {.order = 1, .x = 0, .want = 0.5f},
           {.order = 2, .x = 0, .want = 0.5f},  // beta s(1 - s) (2 + 0)
           {.order = 0, .x = -kInf, .want = -0.0f, .p = {1.7f}},
           {.order = 1, .x = kInf, .want = 1, .p = {1.7f}}},
       .known = {{.order = 0, .x = -100, .want = -3.720075976020835962959696e-42L}}},

      {.id = "mish",
       .eval = {safe<mish>, safe<mish_d>, safe<mish_dd>},
       .interior_zeros = [](const double*) { return zeros_of(1, zeros::kMishD1, zeros::kMishD2); },
       .limits = Limits{.minus = {-0.0f, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {{.order = 1, .x = 0, .want = 0.6f}},  // tanh(log 2) = 3/5
       .known = {{.order = 0, .x = -100, .want = -3.720075976020835962959696e-42L}}},

      // Switches to x where beta x > threshold (strictly), as PyTorch.
      {.id = "softplus",
       .eval = {safe<softplus>, safe<softplus_d>, safe<softplus_dd>},
       // Besides 2: betas whose products with x are inexact in float32 (the
       // fast tier forms beta x as hi + lo), with thresholds in between.
       .params = {{2, 10}, {0.37f, 20}, {3.3f, 5}},
       .kinks = [](const double* p) { return Points{p[1] / p[0]}; },
       .limits = Limits{.minus = {0, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = ln2},
           {.order = 2, .x = 20, .want = 0x1.1b4866p-29f},  // beta x = threshold: still the log form
           {.order = 0, .x = 0x1.400002p+4f, .want = 0x1.400002p+4f},
           {.order = 1, .x = 0x1.400002p+4f, .want = 1},
           {.order = 2, .x = 0x1.400002p+4f, .want = 0},
           {.order = 0, .x = 0, .want = ln2 / 2, .p = {2, 10}},
           {.order = 0, .x = 5, .want = 0x1.40006p+2f, .p = {2, 10}},
           {.order = 1, .x = 5, .want = 0x1.fffa0cp-1f, .p = {2, 10}},
           {.order = 0, .x = 0x1.400002p+2f, .want = 0x1.400002p+2f, .p = {2, 10}},
           {.order = 1, .x = 0x1.400002p+2f, .want = 1, .p = {2, 10}},
           {.order = 2, .x = 0x1.400002p+2f, .want = 0, .p = {2, 10}},
           {.order = 0, .x = -kInf, .want = 0, .p = {2, 10}},
           {.order = 0, .x = kInf, .want = kInf, .p = {2, 10}},
           {.order = 1, .x = kInf, .want = 1, .p = {2, 10}}},
       // g''(5) at beta = 2 (u = 10): a value, not a convention, so within
       // each tier's bound (the fast tier's is not the correctly rounded one).
       .known = {{.order = 0, .x = -100, .want = 3.720075976020835962959696e-44L},
                 {.order = 2, .x = 5, .want = 9.079161547190334206488409e-5L, .p = {2, 10}}}},

      // g'' jumps at 0; g''(0) = 0.
      {.id = "softsign",
       .eval = {safe<softsign>, safe<softsign_d>, safe<softsign_dd>},
       .kinks = at_zero,
       .limits = Limits{.minus = {-1, 0, 0}, .plus = {1, 0, -0.0f}},
       .exact = {
           {.order = 0, .x = kSub, .want = kSub},
           {.order = 1, .x = 0, .want = 1},
           {.order = 2, .x = 0, .want = 0},
           {.order = 2, .x = -0.0f, .want = 0},
           {.order = 2, .x = 1, .want = -0.25f},
           {.order = 2, .x = -1, .want = 0.25f}}},

      // g' is 0 at the kinks: the flat side.
      {.id = "hardsigmoid",
       .eval = {safe<hardsigmoid>, safe<hardsigmoid_d>, safe<zero>},
       .kinks = at_three,
       .limits = Limits{.minus = {0, 0, 0}, .plus = {1, 0, 0}},
       .exact = {
           {.order = 0, .x = -3, .want = 0},
           {.order = 0, .x = 3, .want = 1},
           {.order = 0, .x = 0, .want = 0.5f},
           {.order = 1, .x = -3, .want = 0},
           {.order = 1, .x = 3, .want = 0},
           {.order = 1, .x = 0, .want = 1.0f / 6},
           {.order = 2, .x = 0, .want = 0}}},

      // g' = (2x + 3)/6 and g'' = 1/3 on the closed interval [-3, 3].
      {.id = "hardswish",
       .eval = {safe<hardswish>, safe<hardswish_d>, safe<hardswish_dd>},
       .kinks = at_three,
       .limits = Limits{.minus = {0, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = -3, .want = 0},
           {.order = 0, .x = 3, .want = 3},
           {.order = 1, .x = -3, .want = -0.5f},
           {.order = 1, .x = 3, .want = 1.5f},
           {.order = 1, .x = -1.5f, .want = 0},
           {.order = 1, .x = -0x1.800002p+1f, .want = 0},
           {.order = 1, .x = 0x1.800002p+1f, .want = 1},
           {.order = 2, .x = -3, .want = 1.0f / 3},
           {.order = 2, .x = 3, .want = 1.0f / 3},
           {.order = 2, .x = -0x1.800002p+1f, .want = 0},
           {.order = 2, .x = 0x1.800002p+1f, .want = 0}}},

      {.id = "log_sigmoid",
       .eval = {safe<log_sigmoid>, safe<log_sigmoid_d>, safe<log_sigmoid_dd>},
       .limits = Limits{.minus = {-kInf, 1, -0.0f}, .plus = {-0.0f, 0, -0.0f}},
       .exact = {
           {.order = 0, .x = 0, .want = -ln2},
           {.order = 1, .x = 0, .want = 0.5f},
           {.order = 2, .x = 0, .want = -0.25f}},
       .known = {{.order = 1, .x = 100, .want = 3.720075976020835962959696e-44L}}},

      // Smooth for b > 0; at b = 0 it is relu, with relu's kink at 0.
      {.id = "squareplus",
       .eval = {safe<squareplus>, safe<squareplus_d>, safe<squareplus_dd>},
       .params = {{1}},
       .kinks = [](const double* p) { return p[0] == 0 ? Points{0} : Points{}; },
       .limits = Limits{.minus = {0, 0, 0}, .plus = {kInf, 1, 0}},
       .exact = {
           {.order = 0, .x = 0, .want = 1},
           {.order = 1, .x = 0, .want = 0.5f},
           {.order = 2, .x = 0, .want = 0.25f},
           {.order = 0, .x = -2, .want = 0, .p = {0}},
           {.order = 0, .x = 2, .want = 2, .p = {0}},
           {.order = 0, .x = -0.0f, .want = 0, .p = {0}},
           {.order = 1, .x = 0, .want = 0, .p = {0}},
           {.order = 1, .x = -0.0f, .want = 0, .p = {0}},
           {.order = 1, .x = kSub, .want = 1, .p = {0}},
           {.order = 1, .x = -kSub, .want = 0, .p = {0}},
           {.order = 2, .x = 0, .want = 0, .p = {0}},
           {.order = 2, .x = 1, .want = 0, .p = {0}}},
       .saturation = {{.order = 1, .from = 1e4f, .to = kMax, .want = 1}},
       // mpmath at 250 digits from the definitions (the textbook forms cancel in the left tail).
       .known = {
           {.order = 0, .x = -100, .want = 9.99900019995001399580132e-3L},
           {.order = 1, .x = -100, .want = 9.997000999650125953817154e-5L},
           {.order = 2, .x = -100, .want = 1.998800599720125944584014e-6L},
           {.order = 0, .x = -1e4, .want = 9.99999990000000199999995e-5L},
           {.order = 1, .x = -1e4, .want = 9.99999970000000999999965e-9L},
           {.order = 2, .x = -1e4, .want = 1.99999988000000599999972e-12L},
           {.order = 0, .x = -0x1.5af1d8p+66, .want = 9.999999799591230589167566e-21L},
           {.order = 1, .x = -0x1.5af1d8p+66, .want = 9.999999599182465194702618e-41L},
           {.order = 0, .x = -0x1.c363ccp+127, .want = 3.333333327224715835885629e-39L},
           {.order = 1, .x = 0.5, .want = 6.212678125181664867594532e-1L},
           {.order = 2, .x = 0.5, .want = 2.282688235636075044883826e-1L}}},
  };
  // clang-format on
  for (const ZeroPoint& z : kZeroPoints) {
    bool placed = false;
    for (Reference& r : references) {
      if (std::string_view(z.id) != r.id) continue;
      r.known.push_back({.order = z.order, .x = z.x, .want = z.want});
      placed = true;
    }
    if (!placed) throw std::logic_error(std::string("oracle_zero_points.inc: no reference '") + z.id + "'");
  }
  return references;
}

}  // namespace

// A function-local static: other translation units' static initialisers may
// already ask for references.
const std::vector<Reference>& all() {
  static const std::vector<Reference> references = build();
  return references;
}

const Reference* find(std::string_view id) {
  for (const Reference& r : all()) {
    if (id == r.id) return &r;
  }
  return nullptr;
}

}  // namespace act::oracle
