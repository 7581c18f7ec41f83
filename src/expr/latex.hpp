// KaTeX-compatible LaTeX of an expression as the user wrote it.
#pragma once

#include <string>
#include <string_view>

#include "ast.hpp"

namespace act::expr {

std::string to_latex(std::string_view source, const Ast& ast);

}  // namespace act::expr
