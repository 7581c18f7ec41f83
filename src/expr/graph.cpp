#include "graph.hpp"

#include <cmath>
#include <cstring>
#include <utility>

#include "core/registry.hpp"
#include "functions.hpp"
#include "parser.hpp"
#include "tape.hpp"

namespace act::expr {

bool Graph::Key::operator==(const Key& o) const {
  return op == o.op && aux == o.aux && value_bits == o.value_bits && std::memcmp(args, o.args, sizeof args) == 0;
}

size_t Graph::KeyHash::operator()(const Key& k) const {
  size_t h = static_cast<size_t>(k.op) * 0x9E3779B97F4A7C15ull ^ static_cast<size_t>(k.aux);
  h = h * 31 + static_cast<size_t>(k.value_bits ^ (k.value_bits >> 29));
  for (int a : k.args) h = h * 1000003u + static_cast<size_t>(a + 1);
  return h;
}

namespace {

bool commutative(Op op) { return op == Op::add || op == Op::mul || op == Op::max || op == Op::min; }

int arity(Op op) {
  switch (op) {
    case Op::constant:
    case Op::z:
    case Op::parameter: return 0;
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::pow:
    case Op::max:
    case Op::min: return 2;
    case Op::where: return 4;
    default: return 1;
  }
}

}  // namespace

int Graph::make(Node n) {
  const int k = arity(n.op);
  for (int i = k; i < 4; ++i) n.args[i] = -1;  // {op, 0, 0, {a}} leaves the rest 0, not "none"
  // Exact simplifications only (no change of any value, but the sign of a
  // zero in x + 0): they keep the tape short and the rewrites' patterns simple.
  if (n.op == Op::neg && (*this)[n.args[0]].op == Op::neg) return (*this)[n.args[0]].args[0];
  if (n.op == Op::neg && (*this)[n.args[0]].op == Op::mul) {
    const Node m = (*this)[n.args[0]];  // a copy: constant() may grow nodes_
    for (int s = 0; s < 2; ++s) {
      if ((*this)[m.args[s]].op == Op::constant)
        return binary(Op::mul, constant(-(*this)[m.args[s]].value), m.args[1 - s]);
    }
  }
  if (n.op == Op::mul) {
    if (is_constant(n.args[0], 1)) return n.args[1];
    if (is_constant(n.args[1], 1)) return n.args[0];
    if (is_constant(n.args[0], -1)) return unary(Op::neg, n.args[1]);
    if (is_constant(n.args[1], -1)) return unary(Op::neg, n.args[0]);
  }
  if (n.op == Op::add) {
    if (is_constant(n.args[0], 0)) return n.args[1];
    if (is_constant(n.args[1], 0)) return n.args[0];
  }
  if (n.op == Op::sub && is_constant(n.args[1], 0)) return n.args[0];
  if (n.op == Op::sub && is_constant(n.args[0], 0)) return unary(Op::neg, n.args[1]);
  if (n.op == Op::div && is_constant(n.args[1], 1)) return n.args[0];
  if (n.op == Op::pow_int && n.aux == 1) return n.args[0];
  if (n.op == Op::pow_int && n.aux == 0) return constant(1);

  // One order for commutative operands (so a*b and b*a are one node): what is
  // independent of z first, which also reads naturally (0.1*z).
  if (commutative(n.op)) {
    const auto rank = [&](int a) { return std::pair((*this)[a].uniform ? 0 : 1, a); };
    if (rank(n.args[1]) < rank(n.args[0])) std::swap(n.args[0], n.args[1]);
  }
  n.uniform = n.op != Op::z;
  bool all_constant = k > 0;
  for (int i = 0; i < k; ++i) {
    n.uniform = n.uniform && (*this)[n.args[i]].uniform;
    all_constant = all_constant && (*this)[n.args[i]].op == Op::constant;
  }
  if (all_constant) {
    double values[4] = {};
    for (int i = 0; i < k; ++i) values[i] = (*this)[n.args[i]].value;
    return constant(fold(n, values));
  }
  Key key{n.op, n.aux, 0, {n.args[0], n.args[1], n.args[2], n.args[3]}};
  std::memcpy(&key.value_bits, &n.value, sizeof n.value);
  const auto found = index_.find(key);
  if (found != index_.end()) return found->second;
  nodes_.push_back(n);
  const int id = static_cast<int>(nodes_.size()) - 1;
  index_.emplace(key, id);
  return id;
}

namespace {

std::string number_text(double v) {
  // A folded overflow or 0/0 is written so that it reads back as the same value.
  if (v != v) return "(0/0)";
  if (v == __builtin_inf()) return "(1/0)";
  if (v == -__builtin_inf()) return "(-1/0)";
  if (v == M_PI) return "pi";
  if (v == M_E) return "e";
  char buf[40];
  for (int digits = 1; digits <= 17; ++digits) {  // the shortest text that reads back as v
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// Precedence for printing: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom.
int precedence(const Node& n) {
  switch (n.op) {
    case Op::add:
    case Op::sub: return 1;
    case Op::mul:
    case Op::div: return 2;
    case Op::neg: return 3;
    case Op::pow:
    case Op::pow_int: return 4;
    case Op::constant: return n.value < 0 ? 3 : 5;
    default: return 5;
  }
}

struct Printer {
  const Graph& g;
  const std::vector<std::string>& parameters;
  size_t max_chars;
  std::string out;

  bool full() const { return out.size() > max_chars; }

  void operand(int i, int min_precedence) {
    const bool paren = precedence(g[i]) < min_precedence;
    if (paren) out += '(';
    print(i);
    if (paren) out += ')';
  }

  void print(int i) {
    if (full()) return;
    const Node& n = g[i];
    switch (n.op) {
      case Op::constant: out += number_text(n.value); return;
      case Op::z: out += 'z'; return;
      case Op::parameter: out += parameters[static_cast<size_t>(n.aux)]; return;
      case Op::neg:
        out += '-';
        operand(n.args[0], 4);
        return;
      case Op::add:
      case Op::sub:
        operand(n.args[0], 1);
        out += n.op == Op::add ? " + " : " - ";
        operand(n.args[1], 2);
        return;
      case Op::mul:
      case Op::div:
        operand(n.args[0], 2);
        out += n.op == Op::mul ? "*" : "/";
        operand(n.args[1], 3);
        return;
      case Op::pow_int:
        operand(n.args[0], 5);
        out += "^" + (n.aux < 0 ? "(" + std::to_string(n.aux) + ")" : std::to_string(n.aux));
        return;
      case Op::pow:
        operand(n.args[0], 5);
        out += '^';
        operand(n.args[1], 4);
        return;
      case Op::where: {
        static const char* const kCompare[] = {" < ", " > ", " <= ", " >= "};
        const int c = n.aux == '<' ? 0 : n.aux == '>' ? 1 : n.aux == 'l' ? 2 : 3;
        out += "where(";
        print(n.args[0]);
        out += kCompare[c];
        print(n.args[1]);
        out += ", ";
        print(n.args[2]);
        out += ", ";
        print(n.args[3]);
        out += ')';
        return;
      }
      case Op::catalogue:
        out += activations()[static_cast<size_t>(n.aux)].id;
        out += '(';
        print(n.args[0]);
        out += ')';
        return;
      default:
        out += function_name(n.op);
        out += '(';
        print(n.args[0]);
        if (n.args[1] >= 0) {
          out += ", ";
          print(n.args[1]);
        }
        out += ')';
        return;
    }
  }
};

// Lowering: the parse tree to the graph, rewriting as it goes.
class Lowering {
 public:
  Lowering(std::string_view source, const Ast& ast, Graph* g, std::vector<std::string>* parameters,
           std::vector<Rewrite>* rewrites, Error* error)
      : src_(source), ast_(ast), g_(*g), parameters_(*parameters), rewrites_(*rewrites), error_(error) {}

  int lower(int a) {
    const AstNode& n = ast_.nodes[static_cast<size_t>(a)];
    int result = -1;
    switch (n.kind) {
      case AstKind::number:
      case AstKind::constant: result = g_.constant(n.number); break;
      case AstKind::variable: result = g_.make({Op::z}); break;
      case AstKind::parameter: result = parameter(n); break;
      case AstKind::unary_minus: result = child(n, 0, [&](int u) { return g_.unary(Op::neg, u); }); break;
      case AstKind::binary: result = binary(n); break;
      case AstKind::call: result = call(n); break;
      case AstKind::compare: break;  // only inside where, handled there
    }
    if (result >= 0 && g_.size() > kMaxNodes) {
      error_->message =
          "the expression has too many distinct subexpressions (at most " + std::to_string(kMaxNodes) + ")";
      error_->column = column_of(src_, n.begin);
      return -1;
    }
    return result;
  }

 private:
  std::string_view src_;
  const Ast& ast_;
  Graph& g_;
  std::vector<std::string>& parameters_;
  std::vector<Rewrite>& rewrites_;
  Error* error_;

  template <class Fn> int child(const AstNode& n, int i, Fn then) {
    const int u = lower(n.args[static_cast<size_t>(i)]);
    return u < 0 ? -1 : then(u);
  }

  int parameter(const AstNode& n) {
    for (size_t i = 0; i < parameters_.size(); ++i) {
      if (parameters_[i] == n.name) return g_.make({Op::parameter, static_cast<int>(i)});
    }
    if (parameters_.size() >= kMaxParameters) {
      error_->message = "too many parameters (at most " + std::to_string(kMaxParameters) + ")";
      error_->column = column_of(src_, n.begin);
      return -1;
    }
    parameters_.push_back(n.name);
    return g_.make({Op::parameter, static_cast<int>(parameters_.size()) - 1});
  }

  const Node& at(int i) const { return g_[i]; }
  bool is(int i, Op op) const { return at(i).op == op; }
  bool one(int i) const { return g_.is_constant(i, 1); }

  // Records that the subexpression written at n became `result` (nothing to
  // record for a node the lowering made itself, n = nullptr).
  int rewritten(const AstNode* at_node, int result, std::string why) {
    if (at_node == nullptr) return result;
    const AstNode& n = *at_node;
    Rewrite r;
    r.column = column_of(src_, n.begin);
    r.from = std::string(src_.substr(static_cast<size_t>(n.begin), static_cast<size_t>(n.end - n.begin)));
    r.to = g_.text(result, parameters_, 200);
    r.why = std::move(why);
    rewrites_.push_back(std::move(r));
    return result;
  }

  // u when i is 1 + exp(u) (either order), else -1.
  int one_plus_exp(int i) const {
    if (!is(i, Op::add)) return -1;
    const Node& s = at(i);
    for (int k = 0; k < 2; ++k) {
      if (one(s.args[k]) && is(s.args[1 - k], Op::exp)) return at(s.args[1 - k]).args[0];
    }
    return -1;
  }
  // u when i is 1 + u (either order), else -1.
  int one_plus(int i) const {
    if (!is(i, Op::add)) return -1;
    const Node& s = at(i);
    for (int k = 0; k < 2; ++k) {
      if (one(s.args[k])) return s.args[1 - k];
    }
    return -1;
  }
  int neg(int u) { return g_.unary(Op::neg, u); }

  int binary(const AstNode& n) {
    const int a = lower(n.args[0]);
    if (a < 0) return -1;
    const int b = lower(n.args[1]);
    if (b < 0) return -1;
    switch (n.op) {
      case '+': return sum(n, a, b);
      case '-': return difference(n, a, b);
      case '*': return g_.binary(Op::mul, a, b);
      case '/': return quotient(n, a, b);
      default: return power(n, a, b);
    }
  }

  int sum(const AstNode& n, int a, int b) {
    for (int k = 0; k < 2; ++k) {
      const int one_side = k == 0 ? a : b;
      const int other = k == 0 ? b : a;
      if (one(one_side) && is(other, Op::tanh)) {
        const int u = at(other).args[0];
        return rewritten(
            &n, g_.binary(Op::mul, g_.constant(2), g_.unary(Op::sigmoid, g_.binary(Op::mul, g_.constant(2), u))),
            "1 + tanh(u) cancels for u < −1 (it is 0 from u = −19 on); 2σ(2u) is the same function and keeps the tail");
      }
    }
    return g_.binary(Op::add, a, b);
  }

  int difference(const AstNode& n, int a, int b) {
    if (one(a) && is(b, Op::tanh)) {
      const int u = at(b).args[0];
      return rewritten(
          &n, g_.binary(Op::mul, g_.constant(2), g_.unary(Op::sigmoid, g_.binary(Op::mul, g_.constant(-2), u))),
          "1 − tanh(u) cancels for u > 1 (it is 0 from u = 19 on); 2σ(−2u) is the same function and keeps the tail");
    }
    if (is(a, Op::exp) && one(b)) {
      return rewritten(&n, g_.unary(Op::expm1, at(a).args[0]),
                       "e^u − 1 cancels for small u (at u = 1e-10 it keeps 6 of 16 digits); expm1(u) keeps them all");
    }
    if (one(a) && is(b, Op::exp)) {
      return rewritten(&n, neg(g_.unary(Op::expm1, at(b).args[0])),
                       "1 − e^u cancels for small u (at u = 1e-10 it keeps 6 of 16 digits); −expm1(u) keeps them all");
    }
    if (one(a) && is(b, Op::sigmoid)) {
      return rewritten(
          &n, g_.unary(Op::sigmoid, neg(at(b).args[0])),
          "1 − σ(u) cancels for large u (it is 0 from u = 37 on); σ(−u) keeps the tail (σ(−40) = 4.2e-18)");
    }
    if (one(a) && is(b, Op::erf)) {
      return rewritten(
          &n, g_.unary(Op::erfc, at(b).args[0]),
          "1 − erf(u) cancels for u > 1 (it is 0 from u = 6 on); erfc(u) keeps the tail (erfc(10) = 2.1e-45)");
    }
    return g_.binary(Op::sub, a, b);
  }

  int quotient(const AstNode& n, int a, int b) {
    if (one(a)) {
      const int w = one_plus_exp(b);
      if (w >= 0) {
        return rewritten(
            &n, g_.unary(Op::sigmoid, neg(w)),
            "1 + e^w overflows to ∞ for w > 709, so 1/(1 + e^w) loses its tail (0 instead of e^−w); σ(−w) keeps it");
      }
    }
    if (is(a, Op::exp)) {
      const int w = one_plus_exp(b);
      if (w == at(a).args[0]) {
        return rewritten(&n, g_.unary(Op::sigmoid, w), "e^u/(1 + e^u) is ∞/∞ = NaN for u > 709; σ(u) is 1 there");
      }
    }
    if (is(a, Op::sub) && is(b, Op::add)) {
      const Node num = at(a);  // copies: neg() below may grow the graph
      const Node den = at(b);
      if (is(num.args[0], Op::exp) && is(num.args[1], Op::exp)) {
        const int u = at(num.args[0]).args[0];
        const int minus_u = at(num.args[1]).args[0];
        const bool same = (den.args[0] == num.args[0] && den.args[1] == num.args[1]) ||
                          (den.args[0] == num.args[1] && den.args[1] == num.args[0]);
        if (same && minus_u == neg(u)) {
          return rewritten(&n, g_.unary(Op::tanh, u),
                           "(e^u − e^−u)/(e^u + e^−u) is ∞/∞ = NaN for |u| > 710 and cancels near 0; tanh(u) is exact");
        }
      }
    }
    return g_.binary(Op::div, a, b);
  }

  int power(const AstNode& n, int a, int b) {
    const Node e = at(b);                                     // a copy: making nodes may grow the graph
    if (g_.is_constant(a, M_E)) return g_.unary(Op::exp, b);  // e^u is exp(u), exactly
    if (e.op == Op::constant) {
      const double c = e.value;
      if (c == 0.5) return g_.unary(Op::sqrt, a);
      if (c == std::floor(c) && std::fabs(c) <= 64) {
        const int k = static_cast<int>(c);
        if (k == -1) {
          const int w = one_plus_exp(a);
          if (w >= 0) {
            return rewritten(&n, g_.unary(Op::sigmoid, neg(w)),
                             "1 + e^w overflows to ∞ for w > 709, so (1 + e^w)^−1 loses its tail; σ(−w) keeps it");
          }
        }
        return g_.make({Op::pow_int, k, 0, {a}});
      }
    }
    if (e.uniform) return g_.binary(Op::pow, a, b);
    // A z-dependent exponent: u^v = e^(v·log u), defined for u > 0; for u = e^w
    // the logarithm is w itself (no overflow of e^w, and nothing to rewrite later).
    const int log_a = logarithm(nullptr, a);
    return g_.unary(Op::exp, g_.binary(Op::mul, b, log_a));
  }

  int call(const AstNode& n) {
    FunctionInfo info;
    find_function(n.name, &info);  // the parser checked the name and the count
    if (info.op == Op::where) return where(n);
    int args[2] = {-1, -1};
    for (size_t i = 0; i < n.args.size(); ++i) {
      args[i] = lower(n.args[i]);
      if (args[i] < 0) return -1;
    }
    const int u = args[0];
    switch (info.op) {
      case Op::log: return logarithm(&n, u);
      case Op::sqrt:
        if (is(u, Op::pow_int) && at(u).aux == 2) {
          return rewritten(&n, g_.unary(Op::abs, at(u).args[0]),
                           "u^2 overflows to ∞ for |u| > 1.3e154; √(u²) = |u| exactly");
        }
        return g_.unary(Op::sqrt, u);
      case Op::catalogue: return g_.make({Op::catalogue, info.catalogue_index, 0, {u}});
      default: return g_.make({info.op, 0, 0, {args[0], args[1]}});  // the function's op on its one or two arguments
    }
  }

  // log(u), with the stable forms; reported when the user wrote it (n).
  int logarithm(const AstNode* n, int u) {
    const int w = one_plus_exp(u);
    if (w >= 0) {
      return rewritten(n, g_.unary(Op::softplus, w),
                       "1 + e^u overflows to ∞ for u > 709 and rounds to 1 for u < −37, so log(1 + e^u) is ∞ or 0 "
                       "there; softplus(u) is right in both tails");
    }
    const int v = one_plus(u);
    if (v >= 0) {
      return rewritten(n, g_.unary(Op::log1p, v),
                       "1 + u rounds u away when |u| < 1.1e-16 (log(1 + 1e-20) = 0); log1p(u) keeps it");
    }
    if (is(u, Op::sub) && one(at(u).args[0])) {
      return rewritten(n, g_.unary(Op::log1p, neg(at(u).args[1])),
                       "1 − u rounds u away when |u| < 1.1e-16; log1p(−u) keeps it");
    }
    if (is(u, Op::exp)) return rewritten(n, at(u).args[0], "e^u overflows to ∞ for u > 709; log(e^u) is u");
    if (is(u, Op::sigmoid)) {
      return rewritten(n, neg(g_.unary(Op::softplus, neg(at(u).args[0]))),
                       "σ(u) underflows to 0 for u < −745, so log σ(u) is −∞ there; −softplus(−u) is right");
    }
    return g_.unary(Op::log, u);
  }

  int where(const AstNode& n) {
    const AstNode& c = ast_.nodes[static_cast<size_t>(n.args[0])];
    const int x = lower(c.args[0]);
    if (x < 0) return -1;
    const int y = lower(c.args[1]);
    if (y < 0) return -1;
    const int a = lower(n.args[1]);
    if (a < 0) return -1;
    const int b = lower(n.args[2]);
    if (b < 0) return -1;
    return g_.make({Op::where, c.op, 0, {x, y, a, b}});
  }
};

}  // namespace

std::string Graph::text(int i, const std::vector<std::string>& parameters, size_t max_chars) const {
  Printer p{*this, parameters, max_chars, {}};
  p.print(i);
  if (p.full()) p.out.resize(max_chars), p.out += "…";
  return p.out;
}

bool lower(std::string_view source, const Ast& ast, Graph* graph, int* root, std::vector<std::string>* parameters,
           std::vector<Rewrite>* rewrites, Error* error) {
  Lowering lowering(source, ast, graph, parameters, rewrites, error);
  *root = lowering.lower(ast.root);
  return *root >= 0;
}

}  // namespace act::expr
