#include "registry.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace act {

namespace {

template <class Fn>
constexpr Kernel kernel(Order order) {
  return order == Order::value ? &batch<Fn, Order::value>
                               : &batch<Fn, Order::derivative>;
}

template <class Fn>
Activation entry(Activation a) {
  a.kernels[0] = kernel<Fn>(Order::value);
  a.kernels[1] = kernel<Fn>(Order::derivative);
  return a;
}

std::vector<Activation> build_registry() {
  return {
      entry<fn::Sigmoid>({
          "sigmoid",
          "Sigmoid (logistic)",
          {},
          R"(\sigma(z) = \frac{1}{1 + e^{-z}})",
          R"(\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z)\,\bigl(1 - \sigma(z)\bigr))",
          "none: smooth everywhere",
          {2.5f, 4},
          {},
      }),
      entry<fn::Tanh>({
          "tanh",
          "Tanh",
          {},
          R"(\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}})",
          R"(\tanh'(z) = 1 - \tanh^2(z) = \frac{4e^{-2|z|}}{(1 + e^{-2|z|})^2})",
          "none: smooth everywhere",
          {2.5f, 4},
          {},
      }),
      entry<fn::Relu>({
          "relu",
          "ReLU",
          {},
          R"(\operatorname{relu}(z) = \max(0, z))",
          R"(\operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases})",
          "relu'(0) = 0, as PyTorch and TF.js; relu(-0) = +0",
          {0, 0},
          {},
      }),
      entry<fn::LeakyRelu>({
          "leaky_relu",
          "Leaky ReLU",
          {{"alpha", 0.01f, 0.0f, 1.0f,
            "slope for z < 0 (the seed's 0.01, or another small slope)"}},
          R"(\operatorname{leaky}(z) = \begin{cases} z & z \ge 0 \\ \alpha z & z < 0 \end{cases})",
          R"(\operatorname{leaky}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases})",
          "leaky'(0) = alpha, as PyTorch and TF.js",
          {0.5f, 0},  // alpha*z is rounded once
          {},
      }),
  };
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
void append_json_number(std::string& out, float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  out += buf;
}

}  // namespace

const std::vector<Activation>& activations() {
  static const std::vector<Activation> registry = build_registry();
  return registry;
}

const Activation* find_activation(std::string_view id) {
  for (const Activation& a : activations()) {
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
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%s: parameter '%s' must be a finite number in [%g, %g], "
                  "got %g",
                  a.id, spec.name, static_cast<double>(spec.min),
                  static_cast<double>(spec.max), static_cast<double>(v));
    return buf;
  }
  return {};
}

std::string registry_json() {
  std::string out = "[";
  bool first = true;
  for (const Activation& a : activations()) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":";
    append_json_string(out, a.id);
    out += ",\"name\":";
    append_json_string(out, a.name);
    out += ",\"params\":[";
    for (size_t i = 0; i < a.params.size(); ++i) {
      const ParamSpec& s = a.params[i];
      if (i) out += ',';
      out += "{\"name\":";
      append_json_string(out, s.name);
      out += ",\"default\":";
      append_json_number(out, s.default_value);
      out += ",\"min\":";
      append_json_number(out, s.min);
      out += ",\"max\":";
      append_json_number(out, s.max);
      out += ",\"description\":";
      append_json_string(out, s.description);
      out += '}';
    }
    out += "],\"latex\":{\"value\":";
    append_json_string(out, a.latex_value);
    out += ",\"derivative\":";
    append_json_string(out, a.latex_derivative);
    out += "},\"kinks\":";
    append_json_string(out, a.kinks);
    out += ",\"accuracy\":{\"value\":";
    append_json_number(out, a.max_ulp[0]);
    out += ",\"derivative\":";
    append_json_number(out, a.max_ulp[1]);
    out += "}}";
  }
  out += ']';
  return out;
}

}  // namespace act
