// Double-precision reference for every activation, kept apart from the
// kernels: written from the textbook definitions in numerically stable form,
// sharing no code with src/core. Its relative error (~1e-16) is far below a
// float32 ULP (6e-8), so it serves as the true value in ULP measurements.
#pragma once

#include <string_view>

namespace act::oracle {

struct Reference {
  const char* id;
  // p holds the parameters in registry order.
  double (*value)(double x, const double* p);
  double (*derivative)(double x, const double* p);
};

// nullptr when the oracle has no reference for this id.
const Reference* find(std::string_view id);

}  // namespace act::oracle
