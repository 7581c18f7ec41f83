// The one list of activations. Bindings, tests, benchmarks and the page all
// read it. Adding an activation means one entry here (registry.cpp), one
// struct in activations.hpp, one reference in tests/cpp/oracle.cpp and one
// text record in src/docs/<id>.yaml (derivations, conventions, properties:
// the teaching text, which is data shipped beside the wasm, not inside it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kernels.hpp"
#include "params.hpp"

namespace act {

// Precision tiers (issue 14). Every entry has both: the fast tier (the
// default of the JS API) is within 2 ULP for g, 4 for g', 8 for g'' with
// float32-lane kernels (fast.hpp) where an entry has them, and the faithful
// kernels where it has not (which meet those bounds trivially); the faithful
// tier is the entry's own kernels, within about 1 ULP.
enum class Tier : int { fast = 0, faithful = 1 };
constexpr int kTiers = 2;
inline constexpr const char* kTierNames[kTiers] = {"fast", "faithful"};

// The bounds every fast-tier kernel must meet, per order (issue 14).
inline constexpr float kFastTierLimit[kOrders] = {2, 4, 8};

// An entry's dedicated fast-tier kernels and their documented bounds, made
// by fast_kernels<Fn>() in registry.cpp.
struct FastKernels {
  float max_ulp[kOrders] = {};
  Kernel kernels[kOrders] = {};
  FusedKernel fused = nullptr;
  BackwardKernel backward = nullptr;
};

struct ParamSpec {
  const char* name = nullptr;
  float default_value = 0;
  float min = 0;  // inclusive bounds; the page's slider spans them
  float max = 0;
  const char* description = nullptr;
};

// KaTeX-compatible LaTeX (math mode, no $ delimiters) of g, g' and g''.
struct Latex {
  const char* value = nullptr;
  const char* derivative = nullptr;
  const char* second = nullptr;
};

// One activation. An entry names the fields below the line "written by the
// author" with designated initialisers; entry<>() in registry.cpp fills in
// the rest from the kernel's lane choice.
struct Activation {
  // --- written by the author ---
  const char* id = nullptr;    // stable identifier used by the JS API and the page
  const char* name = nullptr;  // display name
  std::vector<ParamSpec> params = {};
  Latex latex = {};
  // Documented worst error in ULP per order (units of 2^-149 where the true
  // value is subnormal), over all finite float32 inputs as swept by the
  // accuracy harness (tests/cpp/accuracy_main.cpp); the tests assert it.
  float max_ulp[kOrders] = {};
  // Extra condition on the parameters beyond their ranges, or nullptr.
  bool (*params_valid)(const Params&) = nullptr;
  const char* params_condition = nullptr;  // what params_valid requires, e.g. "min < max"
  // The fast tier's own kernels (float32 lanes, fast.hpp), or none: then the
  // fast tier runs the faithful ones.
  FastKernels fast = {};

  // --- filled in by entry<>() and, per tier, by activations(tier) ---
  // Which tier this view of the entry is: kernels, fused, backward,
  // max_ulp and precision are that tier's.
  Tier tier = Tier::faithful;
  // Lane precision per order ('f' float32, 'd' float64, 'm' mixed: float32
  // lanes with a float64 finish), for the docs.
  char precision[kOrders] = {};
  // Per order: the kernel is the fast tier's own (true), or the faithful
  // one (false; always in the faithful tier), for the docs.
  bool dedicated[kOrders] = {};
  Kernel kernels[kOrders] = {};
  FusedKernel fused = nullptr;
  BackwardKernel backward = nullptr;
  JetKernel jet = nullptr;  // float64 in and out, for expressions
};

// The entries with one tier's kernels, in the same order for both tiers.
const std::vector<Activation>& activations(Tier tier);
// The faithful tier: what code that needs no tier reads (ids, parameters,
// the jet kernels of expressions, which exist only there).
inline const std::vector<Activation>& activations() { return activations(Tier::faithful); }

// nullptr when no activation has this id.
const Activation* find_activation(std::string_view id, Tier tier = Tier::faithful);

Params default_params(const Activation& a);

// Empty when every parameter is finite, within its range and the entry's
// condition holds; otherwise a message naming the parameter and the rule.
std::string check_params(const Activation& a, const Params& p);

// The registry as JSON (everything but the kernels), for JS; the teaching
// text is joined to it there, from src/docs.
std::string registry_json();

}  // namespace act
