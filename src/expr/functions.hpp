// The functions an expression may call: the language's own and the
// catalogue's ids, with their arity; and the "did you mean" suggestion for a
// name that is neither.
#pragma once

#include <string>
#include <string_view>

namespace act::expr {

enum class Builtin {
  exp,
  log,
  log1p,
  expm1,
  sqrt,
  abs,
  sin,
  cos,
  tanh,
  erf,
  erfc,
  sigmoid,
  softplus,
  max,
  min,
  where,
  catalogue,  // an activation of the registry, at its default parameters
};

struct FunctionInfo {
  Builtin builtin;
  int arity;
  int catalogue_index = -1;  // registry index for Builtin::catalogue
};

// False when `name` is no function.
bool find_function(std::string_view name, FunctionInfo* info);

// The known function name closest to `name` (edit distance), or "" when none
// is close enough to be a plausible typo.
std::string suggest_function(std::string_view name);

// Every function name, comma-separated (for messages).
std::string function_names();

}  // namespace act::expr
