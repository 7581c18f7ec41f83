#include "presets.hpp"

namespace act::expr {

const std::vector<Preset>& presets() {
  // clang-format off
  static const std::vector<Preset> all = {
      {"swish", "Swish / SiLU", "z * sigmoid(b*z)", {{"b", 1.0}},
       "A smooth, non-monotonic ReLU: the sigmoid gates z, so small negative inputs still pass a gradient."},
      {"mish", "Mish", "z * tanh(softplus(z))", {},
       "Like Swish but with a softer gate; smooth everywhere, unbounded above, bounded below."},
      {"gelu_tanh", "GELU, tanh approximation", "0.5*z*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))", {},
       "GELU weights z by the Gaussian CDF; this tanh form is what BERT and GPT-2 shipped with."},
      {"gelu_sigmoid", "GELU as z·σ(1.702z)", "z * sigmoid(1.702*z)", {},
       "Swish with b = 1.702 matches GELU to within 0.02: a cheaper GELU."},
      {"prelu", "PReLU-like", "max(a*z, z)", {{"a", 0.25}},
       "A leaky ReLU with a learnable slope a below zero: no unit is ever dead."},
      {"relu6", "ReLU6", "min(relu(z), 6)", {},
       "ReLU capped at 6: bounded activations survive low-precision (8-bit) arithmetic, as in MobileNet."},
      {"squareplus", "Squareplus", "(z + sqrt(z^2 + b))/2", {{"b", 4.0}},
       "A smooth ReLU from a square root instead of exp and log: cheap, and b sets how round the corner is."},
      {"gaussian", "Gaussian", "exp(-z^2)", {},
       "A bump, not a ramp: radial-basis units respond only near zero; the gradient vanishes in both tails."},
      {"siren", "SIREN sine", "sin(w*z)", {{"w", 30.0}},
       "Periodic units (SIREN) fit signals and their derivatives: every derivative of sin is again a sinusoid."},
  };
  // clang-format on
  return all;
}

}  // namespace act::expr
