// The functions an expression may call: the language's own and the
// catalogue's ids, with their arity; and the "did you mean" suggestion for a
// name that is neither.
#pragma once

#include <string>
#include <string_view>

#include "op.hpp"

namespace act::expr {

struct FunctionInfo {
  Op op;  // Op::catalogue for an activation of the registry, at its default parameters
  int arity;
  int catalogue_index = -1;  // registry index for Op::catalogue
};

// False when `name` is no function.
bool find_function(std::string_view name, FunctionInfo* info);

// The known function name closest to `name` (edit distance), or "" when none
// is close enough to be a plausible typo.
std::string suggest_function(std::string_view name);

// The language's name of a function op ("exp", "max"…); nullptr for the others.
const char* function_name(Op op);

// Every function name, comma-separated (for messages).
std::string function_names();

}  // namespace act::expr
