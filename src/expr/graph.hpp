// The expression as a graph of shared subexpressions: equal subtrees are one
// node (so g and its derivatives share them), constant subtrees are folded to
// numbers, and textbook forms that overflow or cancel are replaced by stable
// primitives as the parse tree is lowered (each replacement reported).
// Nodes only refer to earlier nodes, so index order is an evaluation order.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "expression.hpp"
#include "op.hpp"

namespace act::expr {

struct Node {
  Op op;
  int aux = 0;       // pow_int: exponent; parameter: index; where: comparison; catalogue: registry index
  double value = 0;  // constant
  int args[4] = {-1, -1, -1, -1};
  bool uniform = true;  // independent of z: computed once per call
};

class Graph {
 public:
  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& operator[](int i) const { return nodes_[static_cast<size_t>(i)]; }
  size_t size() const { return nodes_.size(); }

  // The node for `n`: an existing equal node, a folded constant, or a new one.
  int make(Node n);
  int constant(double v) { return make({Op::constant, 0, v}); }
  int unary(Op op, int a) { return make({op, 0, 0, {a}}); }
  int binary(Op op, int a, int b) { return make({op, 0, 0, {a, b}}); }

  bool is_constant(int i, double v) const { return (*this)[i].op == Op::constant && (*this)[i].value == v; }

  // The expression of node i in the language's syntax (shared nodes written
  // out each time; cut with "…" past max_chars).
  std::string text(int i, const std::vector<std::string>& parameters, size_t max_chars = 20000) const;

 private:
  struct Key {
    Op op;
    int aux;
    unsigned long long value_bits;
    int args[4];
    bool operator==(const Key& o) const;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  std::vector<Node> nodes_;
  std::unordered_map<Key, int, KeyHash> index_;
};

// Lowers the parse tree into g's graph, with constant folding and the stable
// rewrites; fills parameters (in order of first appearance) and rewrites.
// False and *error filled when the graph would exceed the limits.
bool lower(std::string_view source, const Ast& ast, Graph* graph, int* root, std::vector<std::string>* parameters,
           std::vector<Rewrite>* rewrites, Error* error);

}  // namespace act::expr
