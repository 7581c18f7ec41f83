// User-defined activations: an expression in z, compiled to a tape that
// computes g, g' and g'' together by forward-mode jet arithmetic (each value
// carries its first two Taylor coefficients), in float64 lanes, rounded once
// to float32 at the end. No finite differences anywhere.
//
// The language (the names are fixed: tests outside the project use them):
//   numbers   1  0.5  .5  1e-3  2.5E+2        constants  pi  e
//   operators + - * / ^  unary - +  ( )       ^ is right-associative and binds
//             tighter than unary minus: -z^2 = -(z^2), 2^-z = 2^(-z)
//   functions exp log log1p expm1 sqrt abs sin cos tanh erf erfc sigmoid
//             softplus (one argument), max(a, b), min(a, b),
//             where(c, a, b) with c a comparison a < b, a <= b, a > b, a >= b,
//             and every catalogue id of one argument at its default parameters
//             (relu(u), gelu(u), mish(u), ...). sigmoid, tanh and softplus
//             are the mathematical functions (softplus without PyTorch's
//             threshold).
//   parameters any other identifier; its value is given at run time (a
//             change of value needs no re-parsing).
//
// Conventions where the derivative does not exist (documented, and the same
// as the catalogue's relu'(0) = 0):
//   max(a, b), min(a, b) at a tie take the one-sided derivative of least
//     magnitude: 0 when the two sides' slopes have opposite signs (abs at 0,
//     relu at 0), else the smaller (leaky: max(a*z, z) at 0 has slope a); g''
//     comes from the same side (0 when the slope is 0 by the sign rule); with
//     equal slopes, max takes the larger curvature and min the smaller.
//   abs(u) at u = 0: slope 0, curvature 0.
//   where(c, a, b): the jet of the branch c selects (ties go where c says).
//   catalogue functions bring their own conventions (relu'(0) = 0, ...).
//   u^n for an integer constant n is repeated multiplication (any sign of u);
//   u^c for another constant or a parameter follows IEEE pow; u^v with v
//   depending on z is exp(v·log u) (NaN for u < 0).
// Specials: NaN in gives NaN out; where g is NaN (log of a negative) so are
// g' and g''. Products in the jets treat an exact zero as a strong zero
// (0·∞ = 0), so the limits at ±∞ come out (g' of exp(-z^2) at ±∞ is 0).
//
// An Expression is not safe to evaluate from two threads at once: its tape
// keeps its working registers (the module is single-threaded).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace act::expr {

// Limits that stop abuse with a clear error instead of a stack overflow or a
// huge tape.
constexpr size_t kMaxSourceLength = 10000;  // bytes (characters, for the ASCII a valid source is)
constexpr int kMaxDepth = 100;              // nesting of parentheses, calls and operators
constexpr int kMaxHeight = 400;             // the tree's height: chains like z+1+1+… count too
constexpr size_t kMaxNodes = 5000;          // distinct subexpressions after sharing
constexpr size_t kMaxParameters = 64;

struct Error {
  std::string message;  // for the user; names what is wrong
  int column = 0;       // 1-based column in the source (0: the source as a whole)
};

// One textbook form replaced by a stable primitive, e.g.
// { column 1, "log(1 + exp(z))", "softplus(z)", "1 + e^u overflows to ∞ for u > 709 ..." }.
struct Rewrite {
  int column = 0;  // where the rewritten subexpression starts in the source
  std::string from;
  std::string to;
  std::string why;
};

class Program;  // the compiled tape (tape.hpp)

class Expression {
 public:
  // Parses, rewrites and compiles; nullptr and *error filled when the source
  // is not a valid expression. Never throws, never traps, for any input.
  static std::unique_ptr<Expression> compile(std::string_view source, Error* error);
  ~Expression();

  const std::string& source() const { return source_; }
  // Parameter names in order of first appearance: run() takes their values
  // in this order.
  const std::vector<std::string>& parameters() const { return parameters_; }
  const std::vector<Rewrite>& rewrites() const { return rewrites_; }
  // KaTeX-compatible LaTeX of g as the user wrote it (math mode, no $).
  const std::string& latex() const { return latex_; }
  // The expression as evaluated (after rewrites), in the language's syntax.
  const std::string& evaluated() const { return evaluated_; }

  // The same passes as a catalogue activation (kernels.hpp), with params =
  // the values of parameters() (nullptr when there are none).
  // y = g^(order)(x), order 0, 1 or 2:
  void eval(int order, const float* x, float* y, size_t n, const double* params) const;
  // g, g' and g'' in one pass (at(z): the tape's fixed cost paid once, not
  // three times), to y[0, n), y[n, 2n) and y[2n, 3n); the same bits as eval():
  void orders(const float* x, float* y, size_t n, const double* params) const;
  // value = g(x), derivative = g'(x) in one pass:
  void fused(const float* x, float* value, float* derivative, size_t n, const double* params) const;
  // dx = dy * g'(x), the product rounded once:
  void backward(const float* x, const float* dy, float* dx, size_t n, const double* params) const;

 private:
  Expression() = default;
  std::string source_, latex_, evaluated_;
  std::vector<std::string> parameters_;
  std::vector<Rewrite> rewrites_;
  std::unique_ptr<Program> program_;
};

}  // namespace act::expr
