// The parse tree of an expression, as the user wrote it: what the LaTeX
// rendering prints, and what lowering (graph.hpp) turns into the shared,
// rewritten graph that the tape evaluates.
#pragma once

#include <string>
#include <vector>

namespace act::expr {

enum class AstKind { number, variable, constant, parameter, unary_minus, binary, call, compare };

struct AstNode {
  AstKind kind;
  char op = 0;             // binary: + - * / ^; compare: < > l (<=) g (>=)
  double number = 0;       // number, constant
  std::string name;        // constant, parameter, call: as written
  std::vector<int> args;   // indices into Ast::nodes
  int begin = 0, end = 0;  // the source span [begin, end), 0-based
  int height = 1;          // 1 + the tallest argument's
};

struct Ast {
  std::vector<AstNode> nodes;
  int root = -1;
};

}  // namespace act::expr
