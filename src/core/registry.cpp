#include "registry.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "fast.hpp"
#include "fast_celu.hpp"
#include "fast_gelu.hpp"
#include "fast_silu.hpp"
#include "fast_softplus.hpp"

namespace act {

namespace {

using F32 = float;   // float32 lanes: exact or few-ULP formulas, fastest
using F64 = double;  // float64 lanes: evaluated in double, rounded once
struct Mixed {};     // float32 lanes in, float32 reduction, float64 finish

// The lanes the batch loop runs (mixed formulas take float32 lanes).
template <class L> using Loop = std::conditional_t<std::is_same_v<L, Mixed>, float, L>;
template <class L> constexpr char precision_letter() {
  return std::is_same_v<L, double> ? 'd' : std::is_same_v<L, Mixed> ? 'm' : 'f';
}

// Fills in the kernels of one entry: the lane precision of each order is
// chosen here, per function, as the fastest that meets the accuracy goal.
template <class Fn, class Value, class Derivative, class Second, class Backward = Derivative>
Activation entry(Activation a) {
  a.kernels[0] = &batch<Fn, Order::value, Loop<Value>>;
  a.kernels[1] = &batch<Fn, Order::derivative, Loop<Derivative>>;
  a.kernels[2] = &batch<Fn, Order::second, Loop<Second>>;
  using Fused = std::conditional_t<std::is_same_v<Value, double> || std::is_same_v<Derivative, double>, double, float>;
  a.fused = &fused<Fn, Fused>;
  // dy·g' rounds once in double lanes; float lanes where g' is exact, and
  // for mixed g', whose float32 result dy multiplies (one more rounding).
  a.backward = &backward<Fn, Loop<Backward>>;
  a.jet = &jet<Fn>;
  a.precision[0] = precision_letter<Value>();
  a.precision[1] = precision_letter<Derivative>();
  a.precision[2] = precision_letter<Second>();
  return a;
}
template <class Fn, class L> Activation entry(Activation a) { return entry<Fn, L, L, L>(a); }

// The fast tier's kernels from a struct of fast.hpp (float32 lanes for every
// pass: backward's dy·g' is one more float32 rounding), with the bounds the
// accuracy harness asserts, per order.
template <class Fn> FastKernels fast_kernels(float g, float dg, float d2g) {
  FastKernels k;
  k.max_ulp[0] = g, k.max_ulp[1] = dg, k.max_ulp[2] = d2g;
  k.kernels[0] = &batch<Fn, Order::value, float>;
  k.kernels[1] = &batch<Fn, Order::derivative, float>;
  k.kernels[2] = &batch<Fn, Order::second, float>;
  k.fused = &fused<Fn, float>;
  k.backward = &backward<Fn, float>;
  return k;
}

// The fast view of an entry: its own fast kernels, or the faithful ones.
Activation fast_view(Activation a) {
  a.tier = Tier::fast;
  if (a.fast.fused == nullptr) return a;
  for (int order = 0; order < kOrders; ++order) {
    a.kernels[order] = a.fast.kernels[order];
    a.max_ulp[order] = a.fast.max_ulp[order];
    a.precision[order] = 'f';
    a.dedicated[order] = true;
  }
  a.fused = a.fast.fused;
  a.backward = a.fast.backward;
  return a;
}

// Double lanes round once to float32: 0.5 ULP, plus the double-precision
// error of the formula (about 2^-45 relative, i.e. 2^-21 ULP) — the harness
// measures 0.5000x at most.
constexpr float kRounded = 0.501f;
// Mixed lanes: the same final rounding, plus the float32 rounding of the
// exponential's small term c (math.hpp), which can reach about a third of an
// ULP of the result where e^−z − 1 is formed: faithfully rounded (the
// exhaustive sweep measures ≤ 0.82).
constexpr float kFaithful = 1.0f;

bool ordered_bounds(const Params& p) { return p.v[0] < p.v[1]; }

// One entry per activation, laid out by hand (clang-format would split the
// nested designated initialisers oddly).
std::vector<Activation> build_registry() {
  // clang-format off
  return {
      entry<fn::Identity, F32>({
          .id = "identity",
          .name = "Identity (linear)",
          .latex = {
              .value = R"(g(z) = z)",
              .derivative = R"(g'(z) = 1)",
              .second = R"(g''(z) = 0)",
          },
          .max_ulp = {0, 0, 0},
      }),
      entry<fn::Sigmoid, Mixed>({
          .id = "sigmoid",
          .name = "Sigmoid (logistic)",
          .latex = {
              .value = R"(\sigma(z) = \frac{1}{1 + e^{-z}})",
              .derivative = R"(\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z)\,\bigl(1 - \sigma(z)\bigr))",
              .second = R"(g''(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\bigl(1 - 2\sigma(z)\bigr))",
          },
          .max_ulp = {kFaithful, kFaithful, kFaithful},
          // Fast tier, all 2^32 inputs: g 1.805 ULP (x = -1.1035409), g' 2.569
          // (x = 1.77898312); g'' 4.801 (x = -0.542165399) over every 97th bit pattern.
          .fast = fast_kernels<fast::Sigmoid>(2, 4, 8),
      }),
      entry<fn::Tanh, Mixed>({
          .id = "tanh",
          .name = "Tanh",
          .latex = {
              .value = R"(\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}})",
              .derivative = R"(\tanh'(z) = 1 - \tanh^2(z))",
              .second = R"(g''(z) = -2\tanh(z)\bigl(1 - \tanh^2(z)\bigr))",
          },
          .max_ulp = {kFaithful, kFaithful, kFaithful},
          // Fast tier, all 2^32 inputs: g 1.343 ULP (x = 0.56284523), g' 2.569
          // (x = 0.889491558); g'' 3.209 (x = -2.06123877) over every 97th bit pattern.
          .fast = fast_kernels<fast::Tanh>(2, 4, 8),
      }),
      entry<fn::Relu, F32>({
          .id = "relu",
          .name = "ReLU",
          .latex = {
              .value = R"(\operatorname{relu}(z) = \max(0, z))",
              .derivative = R"(\operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases})",
              .second = R"(g''(z) = 0)",
          },
          .max_ulp = {0, 0, 0},
      }),
      entry<fn::LeakyRelu, F32>({
          .id = "leaky_relu",
          .name = "Leaky ReLU",
          .params = {
              {.name = "alpha", .default_value = 0.01f, .min = 0.0f, .max = 1.0f,
               .description = "slope for z < 0 (the seed's 0.01, or another small slope)"},
          },
          .latex = {
              .value = R"(\operatorname{leaky}(z) = \begin{cases} z & z \ge 0 \\ \alpha z & z < 0 \end{cases})",
              .derivative = R"(\operatorname{leaky}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases})",
              .second = R"(g''(z) = 0)",
          },
          .max_ulp = {0.5f, 0, 0},  // αz is rounded once
      }),
      entry<fn::Relu6, F32>({
          .id = "relu6",
          .name = "ReLU6",
          .latex = {
              .value = R"(\operatorname{relu6}(z) = \min\bigl(\max(0, z), 6\bigr))",
              .derivative = R"(\operatorname{relu6}'(z) = \begin{cases} 1 & 0 < z < 6 \\ 0 & \text{otherwise} \end{cases})",
              .second = R"(g''(z) = 0)",
          },
          .max_ulp = {0, 0, 0},
      }),
      entry<fn::Hardtanh, F32>({
          .id = "hardtanh",
          .name = "Hardtanh",
          .params = {
              {.name = "min", .default_value = -1.0f, .min = -100.0f, .max = 100.0f,
               .description = "lower end of the linear part"},
              {.name = "max", .default_value = 1.0f, .min = -100.0f, .max = 100.0f,
               .description = "upper end of the linear part"},
          },
          .latex = {
              .value = R"(\operatorname{hardtanh}(z) = \min\bigl(\max(z, a_{\min}), a_{\max}\bigr))",
              .derivative = R"(\operatorname{hardtanh}'(z) = \begin{cases} 1 & a_{\min} < z < a_{\max} \\ 0 & \text{otherwise} \end{cases})",
              .second = R"(g''(z) = 0)",
          },
          .max_ulp = {0, 0, 0},
          .params_valid = &ordered_bounds,
          .params_condition = "min < max",
      }),
      entry<fn::Elu, Mixed>({
          .id = "elu",
          .name = "ELU",
          .params = {
              {.name = "alpha", .default_value = 1.0f, .min = 0.0f, .max = 10.0f,
               .description = "saturation value -alpha for z -> -infinity"},
          },
          .latex = {
              .value = R"(\operatorname{elu}(z) = \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases})",
              .derivative = R"(\operatorname{elu}'(z) = \begin{cases} 1 & z > 0 \\ \alpha\,e^{z} & z \le 0 \end{cases})",
              .second = R"(g''(z) = \begin{cases} 0 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases})",
          },
          .max_ulp = {kFaithful, kFaithful, kFaithful},
          // Fast tier, all 2^32 inputs at α = 1: g 1.159 ULP (x = -0.287563801),
          // g' 1.049 (x = -48.8663521); at α = 10 (strided) g 1.572, g' 1.553.
          .fast = fast_kernels<fast::Elu>(2, 4, 8),
      }),
      entry<fn::Selu, Mixed>({
          .id = "selu",
          .name = "SELU",
          .latex = {
              .value = R"(\operatorname{selu}(z) = \lambda \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases})",
              .derivative = R"(\operatorname{selu}'(z) = \lambda \begin{cases} 1 & z > 0 \\ \alpha\,e^{z} & z \le 0 \end{cases})",
              .second = R"(g''(z) = \begin{cases} 0 & z > 0 \\ \lambda\alpha e^{z} & z \le 0 \end{cases})",
          },
          .max_ulp = {kFaithful, kFaithful, kFaithful},
          // Fast tier (strided sweep): g 1.587 ULP, g' and g'' 1.730.
          .fast = fast_kernels<fast::Selu>(2, 4, 8),
      }),
      entry<fn::Celu, F64>({
          .id = "celu",
          .name = "CELU",
          .params = {
              {.name = "alpha", .default_value = 1.0f, .min = 0.01f, .max = 100.0f,
               .description = "saturation value -alpha and scale of z in the exponential"},
          },
          .latex = {
              .value = R"(\operatorname{celu}(z) = \max(0, z) + \min\bigl(0, \alpha\,(e^{z/\alpha} - 1)\bigr))",
              .derivative = R"(\operatorname{celu}'(z) = \begin{cases} 1 & z > 0 \\ e^{z/\alpha} & z \le 0 \end{cases})",
              .second = R"(g''(z) = \begin{cases} 0 & z > 0 \\ \dfrac{1}{\alpha}\, e^{z/\alpha} & z \le 0 \end{cases})",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
          // Fast tier (fast_celu.hpp), all 2^32 inputs at α = 1: g 1.159 ULP
          // (x = -0.287563801), g' 1.049 (x = -48.8663521); strided sweeps at
          // α = 2, 0.01, 100, 0.3, 3.7, 0.77, 13: g 1.74 (x = -0.3017,
          // α = 0.77), g' 1.00, g'' 2.06 (x = -1139, α = 100).
          .fast = fast::fast_kernels_choosing<fast::CeluWith>(2, 4, 8),
      }),
      entry<fn::Gelu, F64>({
          .id = "gelu",
          .name = "GELU (erf)",
          .latex = {
              .value = R"(\operatorname{gelu}(z) = z\,\Phi(z) = \frac{z}{2}\Bigl(1 + \operatorname{erf}\frac{z}{\sqrt 2}\Bigr))",
              .derivative = R"(\operatorname{gelu}'(z) = \Phi(z) + z\,\varphi(z))",
              .second = R"(g''(z) = \varphi(z)\left(2 - z^2\right) = \frac{2 - z^2}{\sqrt{2\pi}}\, e^{-z^2/2})",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
          // Fast tier (fast_gelu.hpp), all 2^32 inputs: g 1.631 ULP (x =
          // -1.44048107), g' 2.863 (x = -0.73539257); g'' 4.373 in a sweep of
          // every 3rd bit pattern (x = 0.997061253). Forward 0.14-0.18 el/ns
          // in wasm SIMD, 3.3x the faithful kernel, 0.31x XNNPACK's GELU
          // (whose left tail is -0 below x = -5.1).
          .fast = fast_kernels<fast::Gelu>(2, 4, 8),
      }),
      entry<fn::GeluTanh, F64>({
          .id = "gelu_tanh",
          .name = "GELU (tanh approximation)",
          .latex = {
              .value = R"(g(z) = \frac{z}{2}\Bigl(1 + \tanh u\Bigr),\quad u = \sqrt{2/\pi}\,(z + 0.044715\,z^3))",
              .derivative = R"(g'(z) = \frac{1}{2}\bigl(1 + \tanh u\bigr) + \frac{z}{2}\bigl(1 - \tanh^2 u\bigr)\,u'(z))",
              .second = R"(g''(z) = \operatorname{sech}^2(u)\left[\sqrt{\tfrac{2}{\pi}}\left(1 + 0.26829\,z^2\right) - z\,u'^2 \tanh u\right], \quad u' = \sqrt{\tfrac{2}{\pi}}\left(1 + 0.134145\,z^2\right))",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
      }),
      entry<fn::Silu, F64>({
          .id = "silu",
          .name = "SiLU / Swish",
          .params = {
              {.name = "beta", .default_value = 1.0f, .min = 0.01f, .max = 100.0f,
               .description = "gate sharpness: 1 is SiLU; large beta tends to ReLU"},
          },
          .latex = {
              .value = R"(\operatorname{silu}(z) = z\,\sigma(\beta z))",
              .derivative = R"(\operatorname{silu}'(z) = \sigma(\beta z) + \beta z\,\sigma(\beta z)\bigl(1 - \sigma(\beta z)\bigr))",
              .second = R"(g''(z) = \beta\,\sigma'(\beta z)\Bigl(2 + \beta z\bigl(1 - 2\sigma(\beta z)\bigr)\Bigr), \qquad \sigma' = \sigma\,(1 - \sigma))",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
          // Fast tier (fast_silu.hpp), all 2^32 inputs at β = 1: g 1.768 ULP
          // (x = -5.20011139), g' 3.056 (x = -91.1708984); strided and dense
          // sweeps at β = 1.7, 0.01, 100, 0.3, 3.7, 0.05, 20, 0.77: g 1.60,
          // g' 2.85 (x = -1.5339, β = 0.77), g'' 4.96 (x = -1.3092, β = 1.7).
          .fast = fast::fast_kernels_choosing<fast::SiluWith>(2, 4, 8),
      }),
      entry<fn::Mish, F64>({
          .id = "mish",
          .name = "Mish",
          .latex = {
              .value = R"(\operatorname{mish}(z) = z \tanh\bigl(\operatorname{softplus}(z)\bigr))",
              .derivative = R"(\operatorname{mish}'(z) = \tanh\bigl(\operatorname{softplus} z\bigr) + z\,\operatorname{sech}^2\bigl(\operatorname{softplus} z\bigr)\,\sigma(z))",
              .second = R"(g''(z) = \sigma(z)\bigl(1 - t^2\bigr)\Bigl(2 + z\bigl(1 - \sigma(z) - 2\sigma(z)\,t\bigr)\Bigr), \qquad t = \tanh\bigl(\operatorname{sp}(z)\bigr))",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
      }),
      entry<fn::Softplus, F64>({
          .id = "softplus",
          .name = "Softplus",
          .params = {
              {.name = "beta", .default_value = 1.0f, .min = 0.01f, .max = 100.0f,
               .description = "sharpness: large beta tends to ReLU"},
              {.name = "threshold", .default_value = 20.0f, .min = 1.0f, .max = 100.0f,
               .description = "above beta*z > threshold the function is z (PyTorch)"},
          },
          .latex = {
              .value = R"(\operatorname{softplus}(z) = \frac{1}{\beta}\log\bigl(1 + e^{\beta z}\bigr))",
              .derivative = R"(\operatorname{softplus}'(z) = \sigma(\beta z))",
              .second = R"(g''(z) = \begin{cases} \beta\,\sigma(\beta z)\,\sigma(-\beta z) & \beta z \le \tau \\ 0 & \beta z > \tau \end{cases})",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
          // Fast tier (fast_softplus.hpp; β = 1 and any other β, chosen per
          // call): all 2^32 inputs at the defaults, g 1.621 ULP (x =
          // 0.365296334), g' 2.825 (x = -1.95424449); strided sweeps, g 1.65
          // at β = 0.01, g' 2.75 and g'' 4.83 (β = 0.37 and 3.3).
          .fast = fast::fast_kernels_choosing<fast::Softplus::With>(2, 4, 8),
      }),
      entry<fn::Softsign, F64>({
          .id = "softsign",
          .name = "Softsign",
          .latex = {
              .value = R"(\operatorname{softsign}(z) = \frac{z}{1 + |z|})",
              .derivative = R"(\operatorname{softsign}'(z) = \frac{1}{(1 + |z|)^2})",
              .second = R"(g''(z) = -\frac{2\operatorname{sign}(z)}{\left(1 + |z|\right)^3})",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
      }),
      entry<fn::Hardsigmoid, F32, F32, F32, F64>({
          .id = "hardsigmoid",
          .name = "Hard sigmoid",
          .latex = {
              .value = R"(\operatorname{hardsigmoid}(z) = \frac{\operatorname{relu6}(z + 3)}{6})",
              .derivative = R"(\operatorname{hardsigmoid}'(z) = \begin{cases} 1/6 & -3 < z < 3 \\ 0 & \text{otherwise} \end{cases})",
              .second = R"(g''(z) = 0)",
          },
          .max_ulp = {1, 0.5f, 0},  // (z + 3)/6 and 1/6 rounded
      }),
      entry<fn::Hardswish, F32, F32, F32, F64>({
          .id = "hardswish",
          .name = "Hard swish",
          .latex = {
              .value = R"(\operatorname{hardswish}(z) = z\,\frac{\operatorname{relu6}(z + 3)}{6})",
              .derivative = R"(\operatorname{hardswish}'(z) = \begin{cases} 0 & z < -3 \\ (2z + 3)/6 & -3 \le z \le 3 \\ 1 & z > 3 \end{cases})",
              .second = R"(g''(z) = \begin{cases} \tfrac{1}{3} & -3 \le z \le 3 \\ 0 & \text{otherwise} \end{cases})",
          },
          .max_ulp = {2, 1, 0.5f},  // z(z + 3)/6: three roundings
      }),
      entry<fn::LogSigmoid, F64>({
          .id = "log_sigmoid",
          .name = "Log-sigmoid",
          .latex = {
              .value = R"(\log\sigma(z) = -\log\bigl(1 + e^{-z}\bigr))",
              .derivative = R"((\log\sigma)'(z) = \sigma(-z) = 1 - \sigma(z))",
              .second = R"(g''(z) = -\sigma(z)\,\sigma(-z) = -\frac{e^{-|z|}}{\left(1 + e^{-|z|}\right)^2})",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
          // Fast tier (fast_softplus.hpp), all 2^32 inputs: g 1.621 ULP
          // (x = -0.365296334), g' 2.825 (x = 1.95424449); g'' 4.66 strided.
          .fast = fast_kernels<fast::LogSigmoid>(2, 4, 8),
      }),
      entry<fn::Squareplus, F64>({
          .id = "squareplus",
          .name = "Squareplus",
          .params = {
              {.name = "b", .default_value = 4.0f, .min = 0.0f, .max = 100.0f,
               .description = "width of the bend at 0: 0 gives ReLU, larger is smoother"},
          },
          .latex = {
              .value = R"(\operatorname{squareplus}(z) = \frac{z + \sqrt{z^2 + b}}{2})",
              .derivative = R"(\operatorname{squareplus}'(z) = \frac{1}{2}\left(1 + \frac{z}{\sqrt{z^2 + b}}\right))",
              .second = R"(\operatorname{squareplus}''(z) = \frac{b}{2\,(z^2 + b)^{3/2}})",
          },
          .max_ulp = {kRounded, kRounded, kRounded},
      }),
  };
  // clang-format on
}

void append_json_string(std::string& out, const char* s) {
  out += '"';
  for (; *s; ++s) {
    const unsigned char c = static_cast<unsigned char>(*s);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// Shortest decimal that reads back as the same float.
std::string shortest(float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

void append_json_number(std::string& out, float v) { out += shortest(v); }

// JSON writer for flat objects: key(), then a value.
struct Json {
  std::string out;
  bool first = true;
  void open(char c) { out += c, first = true; }
  void close(char c) { out += c, first = false; }
  void key(const char* k) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, k);
    out += ':';
  }
  void item() {
    if (!first) out += ',';
    first = false;
  }
  void string(const char* k, const char* v) { key(k), append_json_string(out, v); }
  void number(const char* k, float v) { key(k), append_json_number(out, v); }
  void boolean(const char* k, bool v) { key(k), out += v ? "true" : "false"; }
};

// As JS prints numbers: NaN and Infinity rather than C's nan and inf.
std::string js_number(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return shortest(v);
}

}  // namespace

const std::vector<Activation>& activations(Tier tier) {
  static const std::vector<Activation> faithful = build_registry();
  static const std::vector<Activation> fast = [] {
    std::vector<Activation> views;
    for (const Activation& a : faithful) views.push_back(fast_view(a));
    return views;
  }();
  return tier == Tier::fast ? fast : faithful;
}

const Activation* find_activation(std::string_view id, Tier tier) {
  for (const Activation& a : activations(tier)) {
    if (id == a.id) return &a;
  }
  return nullptr;
}

Params default_params(const Activation& a) {
  Params p;
  for (size_t i = 0; i < a.params.size(); ++i) p.v[i] = a.params[i].default_value;
  return p;
}

std::string check_params(const Activation& a, const Params& p) {
  for (size_t i = 0; i < a.params.size(); ++i) {
    const ParamSpec& spec = a.params[i];
    const float v = p.v[i];
    if (std::isfinite(v) && v >= spec.min && v <= spec.max) continue;
    return std::string(a.id) + ": parameter '" + spec.name + "' must be a finite number in [" + js_number(spec.min) +
           ", " + js_number(spec.max) + "], got " + js_number(v);
  }
  if (a.params_valid && !a.params_valid(p)) {
    std::string got;
    for (size_t i = 0; i < a.params.size(); ++i) {
      got += std::string(i ? ", " : "") + a.params[i].name + " = " + js_number(p.v[i]);
    }
    return std::string(a.id) + ": parameters must satisfy " + a.params_condition + ", got " + got;
  }
  return {};
}

std::string registry_json() {
  Json j;
  j.open('[');
  for (size_t index = 0; index < activations().size(); ++index) {
    const Activation& a = activations()[index];
    j.item();
    j.open('{');
    j.string("id", a.id);
    j.string("name", a.name);
    j.key("params");
    j.open('[');
    for (const ParamSpec& s : a.params) {
      j.item();
      j.open('{');
      j.string("name", s.name);
      j.number("default", s.default_value);
      j.number("min", s.min);
      j.number("max", s.max);
      j.string("description", s.description);
      j.close('}');
    }
    j.close(']');
    if (a.params_condition) j.string("paramsCondition", a.params_condition);
    j.key("latex");
    j.open('{');
    j.string("value", a.latex.value);
    j.string("derivative", a.latex.derivative);
    j.string("second", a.latex.second);
    j.close('}');
    // Per tier: the documented bounds, the lanes, and (fast tier) whether
    // each order has its own fast kernel or runs the faithful one.
    j.key("tiers");
    j.open('{');
    for (int t = 0; t < kTiers; ++t) {
      const Activation& view = activations(static_cast<Tier>(t))[index];
      j.key(kTierNames[t]);
      j.open('{');
      // { value, derivative, second }: write(key, order) for each order.
      const auto per_order = [&](const char* key, auto write) {
        static constexpr const char* kOrderKeys[kOrders] = {"value", "derivative", "second"};
        j.key(key);
        j.open('{');
        for (int order = 0; order < kOrders; ++order) write(kOrderKeys[order], order);
        j.close('}');
      };
      const auto lanes = [](char letter) { return letter == 'd' ? "float64" : letter == 'm' ? "mixed" : "float32"; };
      per_order("accuracy", [&](const char* k, int order) { j.number(k, view.max_ulp[order]); });
      per_order("precision", [&](const char* k, int order) { j.string(k, lanes(view.precision[order])); });
      per_order("dedicated", [&](const char* k, int order) { j.boolean(k, view.dedicated[order]); });
      j.close('}');
    }
    j.close('}');
    j.close('}');
  }
  j.close(']');
  return j.out;
}

}  // namespace act
