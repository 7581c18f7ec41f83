#include "expression.hpp"

#include "graph.hpp"
#include "latex.hpp"
#include "parser.hpp"
#include "tape.hpp"

namespace act::expr {

Expression::~Expression() = default;

std::unique_ptr<Expression> Expression::compile(std::string_view source, Error* error) {
  Ast ast;
  if (!parse(source, &ast, error)) return nullptr;
  std::unique_ptr<Expression> e(new Expression());
  Graph graph;
  int root = -1;
  if (!lower(source, ast, &graph, &root, &e->parameters_, &e->rewrites_, error)) return nullptr;
  e->source_ = std::string(source);
  e->latex_ = to_latex(source, ast);
  e->evaluated_ = graph.text(root, e->parameters_);
  e->program_ = std::make_unique<Program>(graph, root);
  return e;
}

void Expression::eval(int order, const float* x, float* y, size_t n, const double* params) const {
  float* const outputs[3] = {order == 0 ? y : nullptr, order == 1 ? y : nullptr, order == 2 ? y : nullptr};
  program_->run(order, x, outputs, nullptr, n, params);
}

void Expression::orders(const float* x, float* y, size_t n, const double* params) const {
  float* const outputs[3] = {y, y + n, y + 2 * n};
  program_->run(2, x, outputs, nullptr, n, params);
}

void Expression::fused(const float* x, float* value, float* derivative, size_t n, const double* params) const {
  float* const outputs[3] = {value, derivative, nullptr};
  program_->run(1, x, outputs, nullptr, n, params);
}

void Expression::backward(const float* x, const float* dy, float* dx, size_t n, const double* params) const {
  float* const outputs[3] = {nullptr, dx, nullptr};
  program_->run(1, x, outputs, dy, n, params);
}

}  // namespace act::expr
