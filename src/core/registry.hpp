// The one list of activations. Bindings, tests, benchmarks and the page all
// read it; adding an activation means one entry here, one struct in
// activations.hpp and one reference in tests/cpp/oracle.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kernels.hpp"
#include "params.hpp"

namespace act {

struct ParamSpec {
  const char* name;
  float default_value;
  float min;  // inclusive bounds; the page's slider spans them
  float max;
  const char* description;
};

struct Activation {
  const char* id;    // stable identifier used by the JS API and the page
  const char* name;  // display name
  std::vector<ParamSpec> params;
  const char* latex_value;       // g(x) in LaTeX
  const char* latex_derivative;  // g'(x) in LaTeX
  const char* kinks;  // convention where g is not differentiable, or "none"
  // Documented worst error in ULP per order (units of 2^-149 where the true
  // value is subnormal), measured by tests/cpp/test_accuracy.cpp over every
  // binade of both signs and densely over [-120, 120]; the tests assert it.
  float max_ulp[kOrders];
  Kernel kernels[kOrders];
};

const std::vector<Activation>& activations();

// nullptr when no activation has this id.
const Activation* find_activation(std::string_view id);

Params default_params(const Activation& a);

// Empty when every parameter is finite and within its range; otherwise a
// message naming the parameter, its value and the allowed range.
std::string check_params(const Activation& a, const Params& p);

// The registry as JSON (everything but the kernels), for the JS side.
std::string registry_json();

}  // namespace act
