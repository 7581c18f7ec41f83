// The JS-facing surface of the core: flat functions over heap addresses, so
// the JS side moves data with one copy each way (or none, for arrays it keeps
// in the heap) and no embind class handles need deleting.
//
// Every kernel call crosses the boundary in one shape, run(op, index, params,
// a, b, c, n), where index names a kernel set: registry index i in tier t is
// t·count + i (t = 0 fast, 1 faithful; act::Tier), so choosing a precision
// tier costs the JS side one addition when it makes an activation and the
// call nothing. The parameters are a Params block in the heap that the JS side
// validated once, with check_params, when it made the activation (get()).
//
// The two per-call entry points (run, run_expression) are plain C exports
// (act_run, act_run_expression), not embind functions: with
// -sDYNAMIC_EXECUTION=0, embind 3.1.6 calls through its generic invoker (an
// arguments check, a toWireType call per argument, apply, a closure per call),
// measured at 0.54 µs a call against 0.03 µs for the wasm export itself
// (sigmoid, 16 floats, AMD EPYC, Node 20) — half a small call's budget.
// Everything called once per activation or per array stays in embind.
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/registry.hpp"
#include "expr/expression.hpp"
#include "expr/presets.hpp"
#include "train/dataset.hpp"
#include "train/network.hpp"

namespace {

// What run() computes: the three orders, then the fused and backward passes,
// then all three orders at once (for at(z)). src/js/api.js uses the same numbers.
enum Op : int { kValue = 0, kDerivative = 1, kSecond = 2, kFused = 3, kBackward = 4, kOrders = 5 };

// The JS side passes only indices of the registry it read and ops it knows,
// so a failure here is a bug in the wrapper: stop at once (a WebAssembly
// RuntimeError in JS) rather than compute with garbage.
void expect(bool condition) {
  if (!condition) __builtin_trap();
}

// A kernel set index (see the top): the entry's view in its tier, from one
// flat table, so a call costs what it did before tiers.
const act::Activation& at_index(int index) {
  static const std::vector<const act::Activation*> sets = [] {
    std::vector<const act::Activation*> all;
    for (int t = 0; t < act::kTiers; ++t) {
      for (const act::Activation& a : act::activations(static_cast<act::Tier>(t))) all.push_back(&a);
    }
    return all;
  }();
  expect(index >= 0 && static_cast<size_t>(index) < sets.size());
  return *sets[static_cast<size_t>(index)];
}

template <class T> T* at_address(uintptr_t address) {
  expect(address != 0 && address % alignof(T) == 0);
  return reinterpret_cast<T*>(address);
}

// op = kValue, kDerivative, kSecond: a = x, b = y.
// op = kFused: a = x, b = value, c = derivative.
// op = kBackward: a = x, b = dy, c = dx.
// op = kOrders: a = x, b = 3n floats: g(x), then g'(x), then g''(x) (the
// same kernels as kValue, kDerivative, kSecond, so the same bits).
void run(int op, int index, uintptr_t params, uintptr_t a, uintptr_t b, uintptr_t c, uint32_t n) {
  const act::Activation& activation = at_index(index);
  const act::Params& p = *at_address<const act::Params>(params);
  if (n == 0) return;
  const float* x = at_address<const float>(a);
  switch (op) {
    case kValue:
    case kDerivative:
    case kSecond: activation.kernels[op](x, at_address<float>(b), n, p); return;
    case kFused: activation.fused(x, at_address<float>(b), at_address<float>(c), n, p); return;
    case kBackward: activation.backward(x, at_address<const float>(b), at_address<float>(c), n, p); return;
    case kOrders:
      for (int order = 0; order < 3; ++order) activation.kernels[order](x, at_address<float>(b) + order * n, n, p);
      return;
    default: expect(false);
  }
}

// Empty when the parameters at `params` are valid for the activation, else a
// message for the user naming the parameter, the rule and the values.
std::string check_params(int index, uintptr_t params) {
  return act::check_params(at_index(index), *at_address<const act::Params>(params));
}

// 0 when the heap cannot grow that far; the JS side turns it into an error.
uintptr_t alloc_floats(uint32_t n) {
  return reinterpret_cast<uintptr_t>(std::malloc(static_cast<size_t>(n) * sizeof(float)));
}

void free_floats(uintptr_t p) { std::free(reinterpret_cast<void*>(p)); }

// Which build this is, asked after instantiation: when the glue fetched the
// .wasm itself the loader never saw the bytes (and their build tag), and the
// two builds export the same functions, so only the module can say.
bool simd_build() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

// --- user-defined activations (src/expr) ---------------------------------
// Compiled expressions live here, named by a handle that the JS side holds
// and frees. Handles are never reused, so a stale one (a finaliser running
// after dispose()) can never free another expression.

std::unordered_map<int, std::unique_ptr<act::expr::Expression>>& expressions() {
  static std::unordered_map<int, std::unique_ptr<act::expr::Expression>> all;
  return all;
}

const act::expr::Expression& expression_at(int handle) {
  const auto found = expressions().find(handle);
  expect(found != expressions().end());
  return *found->second;
}

void append_json(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
}

// {"handle":…,"parameters":[…],"rewrites":[{column,from,to,why}],"latex":…,"evaluated":…}
// or {"error":…,"column":…}.
std::string compile_expression(std::string source) {
  act::expr::Error error;
  std::unique_ptr<act::expr::Expression> e = act::expr::Expression::compile(source, &error);
  std::string out = "{";
  if (!e) {
    out += "\"error\":";
    append_json(out, error.message);
    out += ",\"column\":" + std::to_string(error.column) + "}";
    return out;
  }
  static int last_handle = 0;
  const int handle = ++last_handle;
  out += "\"handle\":" + std::to_string(handle) + ",\"parameters\":[";
  for (size_t i = 0; i < e->parameters().size(); ++i) {
    if (i > 0) out += ',';
    append_json(out, e->parameters()[i]);
  }
  out += "],\"rewrites\":[";
  for (size_t i = 0; i < e->rewrites().size(); ++i) {
    const auto& r = e->rewrites()[i];
    out += i > 0 ? ",{" : "{";
    out += "\"column\":" + std::to_string(r.column) + ",\"from\":";
    append_json(out, r.from);
    out += ",\"to\":";
    append_json(out, r.to);
    out += ",\"why\":";
    append_json(out, r.why);
    out += '}';
  }
  out += "],\"latex\":";
  append_json(out, e->latex());
  out += ",\"evaluated\":";
  append_json(out, e->evaluated());
  out += '}';
  expressions().emplace(handle, std::move(e));
  return out;
}

void free_expression(int handle) { expect(expressions().erase(handle) == 1); }

// As run(), for a compiled expression; params: the parameters' values as
// float64, in the order compile_expression listed them (0 when none).
void run_expression(int op, int handle, uintptr_t params, uintptr_t a, uintptr_t b, uintptr_t c, uint32_t n) {
  const act::expr::Expression& e = expression_at(handle);
  const double* p = e.parameters().empty() ? nullptr : at_address<const double>(params);
  if (n == 0) return;
  const float* x = at_address<const float>(a);
  switch (op) {
    case kValue:
    case kDerivative:
    case kSecond: e.eval(op, x, at_address<float>(b), n, p); return;
    case kFused: e.fused(x, at_address<float>(b), at_address<float>(c), n, p); return;
    case kBackward: e.backward(x, at_address<const float>(b), at_address<float>(c), n, p); return;
    case kOrders: e.orders(x, at_address<float>(b), n, p); return;
    default: expect(false);
  }
}

// [{"id","name","source","params":{…},"reason"}]
std::string presets_json() {
  std::string out = "[";
  for (const auto& p : act::expr::presets()) {
    out += out.size() > 1 ? ",{" : "{";
    out += "\"id\":";
    append_json(out, p.id);
    out += ",\"name\":";
    append_json(out, p.name);
    out += ",\"source\":";
    append_json(out, p.source);
    out += ",\"params\":{";
    for (size_t i = 0; i < p.params.size(); ++i) {
      if (i > 0) out += ',';
      append_json(out, p.params[i].name);
      char buf[32];
      std::snprintf(buf, sizeof buf, ":%.17g", p.params[i].value);
      out += buf;
    }
    out += "},\"reason\":";
    append_json(out, p.reason);
    out += '}';
  }
  return out + "]";
}

// --- the trainer (src/train) ------------------------------------------------
// Networks live here like expressions, named by never-reused handles. The JS
// side checks every argument and frees a network before the expression it
// uses.

std::unordered_map<int, std::unique_ptr<act::train::Network>>& networks() {
  static std::unordered_map<int, std::unique_ptr<act::train::Network>> all;
  return all;
}

act::train::Network& network_at(int handle) {
  const auto found = networks().find(handle);
  expect(found != networks().end());
  return *found->second;
}

// layers: int32 widths at layers_addr; the hidden activation is registry
// entry `index` with its Params at `params` (expression = 0), or expression
// handle `expression` with its float64 parameter values at `params`.
// {"handle","parameters"} or {"error"}.
std::string network_create(uintptr_t layers_addr, int layer_count, int loss, int init, float bias_init, int optimizer,
                           float learning_rate, float l2, double seed, int index, int expression, uintptr_t params) {
  act::train::Options o;
  expect(layer_count >= 0 && layer_count <= 64);
  const int32_t* widths = layer_count > 0 ? at_address<const int32_t>(layers_addr) : nullptr;
  o.layers.assign(widths, widths + layer_count);
  o.loss = static_cast<act::train::Loss>(loss);
  o.init = static_cast<act::train::Init>(init);
  o.bias_init = bias_init;
  o.optimizer = static_cast<act::train::Optimizer>(optimizer);
  o.learning_rate = learning_rate;
  o.l2 = l2;
  o.seed = static_cast<uint64_t>(seed);
  const std::string problem = act::train::Network::check(o);
  std::string out = "{";
  if (!problem.empty()) {
    out += "\"error\":";
    append_json(out, problem);
    return out + "}";
  }
  act::train::Hidden hidden;
  if (expression != 0) {
    const act::expr::Expression& e = expression_at(expression);
    hidden.expression = &e;
    if (!e.parameters().empty()) {
      const double* p = at_address<const double>(params);
      hidden.expression_params.assign(p, p + e.parameters().size());
    }
  } else {
    hidden.catalogue = &at_index(index);
    hidden.params = *at_address<const act::Params>(params);
  }
  static int last_handle = 0;
  const int handle = ++last_handle;
  networks().emplace(handle, std::make_unique<act::train::Network>(o, std::move(hidden)));
  return out + "\"handle\":" + std::to_string(handle) +
         ",\"parameters\":" + std::to_string(network_at(handle).parameter_count()) + "}";
}

void network_free(int handle) { expect(networks().erase(handle) == 1); }

int network_train(int handle, uintptr_t x, uintptr_t y, int rows, int steps, int batch, uintptr_t losses) {
  expect(rows >= 1 && steps >= 1 && batch >= 1 && batch <= rows);
  return network_at(handle).train(at_address<const float>(x), at_address<const float>(y), rows, steps, batch,
                                  at_address<float>(losses));
}

void network_predict(int handle, uintptr_t x, int rows, uintptr_t out) {
  expect(rows >= 1);
  network_at(handle).predict(at_address<const float>(x), rows, at_address<float>(out));
}

double network_loss(int handle, uintptr_t x, uintptr_t y, int rows) {
  expect(rows >= 1);
  return network_at(handle).loss(at_address<const float>(x), at_address<const float>(y), rows);
}

void network_gradients(int handle, uintptr_t x, uintptr_t y, int rows, uintptr_t out) {
  expect(rows >= 1);
  network_at(handle).gradients(at_address<const float>(x), at_address<const float>(y), rows, at_address<float>(out));
}

void network_parameters(int handle, uintptr_t out) {
  const auto& p = network_at(handle).parameters();
  std::copy(p.begin(), p.end(), at_address<float>(out));
}

void network_set_parameters(int handle, uintptr_t in) {
  network_at(handle).set_parameters(at_address<const float>(in));
}

void network_reset(int handle) { network_at(handle).reset(); }

// {"loss":…,"layers":[{"gradientNorm":…,"deadFraction":…,…}]}; numbers as JS reads them.
std::string network_stats(int handle, uintptr_t x, uintptr_t y, int rows) {
  expect(rows >= 1);
  const act::train::Stats s = network_at(handle).stats(at_address<const float>(x), at_address<const float>(y), rows);
  auto number = [](double v) {
    if (v != v) return std::string("null");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return std::string(buf);
  };
  std::string out = "{\"loss\":" + number(s.loss) + ",\"layers\":[";
  for (size_t i = 0; i < s.layers.size(); ++i) {
    const auto& l = s.layers[i];
    out += i > 0 ? ",{" : "{";
    out += "\"gradientNorm\":" + number(l.gradient_norm) + ",\"deadFraction\":" + number(l.dead_fraction) +
           ",\"saturatedFraction\":" + number(l.saturated_fraction) +
           ",\"activationMean\":" + number(l.activation_mean) + ",\"activationStd\":" + number(l.activation_std) + "}";
  }
  return out + "]}";
}

// The data set of the last call stays here until the next: the JS side copies it at once.
std::string make_dataset(std::string name, int n, double noise, double seed) {
  static act::train::Dataset data;
  std::string error;
  std::string out = "{";
  if (!act::train::make_dataset(name, n, noise, static_cast<uint64_t>(seed), &data, &error)) {
    out += "\"error\":";
    append_json(out, error);
    return out + "}";
  }
  return out + "\"rows\":" + std::to_string(data.rows) +
         ",\"inputs\":" + std::to_string(reinterpret_cast<uintptr_t>(data.inputs.data())) +
         ",\"targets\":" + std::to_string(reinterpret_cast<uintptr_t>(data.targets.data())) +
         ",\"classification\":" + (data.classification ? "true" : "false") + "}";
}

}  // namespace

// The per-call entry points as plain wasm exports (see the top of this file).
extern "C" {
EMSCRIPTEN_KEEPALIVE void act_run(int op, int index, uintptr_t params, uintptr_t a, uintptr_t b, uintptr_t c,
                                  uint32_t n) {
  run(op, index, params, a, b, c, n);
}

EMSCRIPTEN_KEEPALIVE void act_run_expression(int op, int handle, uintptr_t params, uintptr_t a, uintptr_t b,
                                             uintptr_t c, uint32_t n) {
  run_expression(op, handle, params, a, b, c, n);
}
}

EMSCRIPTEN_BINDINGS(activations) {
  emscripten::function("networkCreate", &network_create);
  emscripten::function("networkFree", &network_free);
  emscripten::function("networkTrain", &network_train);
  emscripten::function("networkPredict", &network_predict);
  emscripten::function("networkLoss", &network_loss);
  emscripten::function("networkGradients", &network_gradients);
  emscripten::function("networkParameters", &network_parameters);
  emscripten::function("networkSetParameters", &network_set_parameters);
  emscripten::function("networkReset", &network_reset);
  emscripten::function("networkStats", &network_stats);
  emscripten::function("makeDataset", &make_dataset);
  emscripten::function("compileExpression", &compile_expression);
  emscripten::function("freeExpression", &free_expression);
  emscripten::function("presetsJson", &presets_json);
  emscripten::function("registryJson", &act::registry_json);
  emscripten::function("checkParams", &check_params);
  emscripten::function("allocFloats", &alloc_floats);
  emscripten::function("freeFloats", &free_floats);
  emscripten::function("simdBuild", &simd_build);
  emscripten::constant("maxParams", act::kMaxParams);
}
