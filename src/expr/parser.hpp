// Source text to parse tree (ast.hpp), with errors that name what is wrong
// and its column. Recursive descent, one function per precedence level; the
// depth and size limits of expression.hpp keep any input from overflowing
// the stack or the heap.
#pragma once

#include <string_view>

#include "ast.hpp"
#include "expression.hpp"

namespace act::expr {

// False and *error filled when the source is not an expression.
bool parse(std::string_view source, Ast* ast, Error* error);

// 1-based column, in characters (UTF-8 code points), of byte offset `at`.
int column_of(std::string_view source, int at);

}  // namespace act::expr
