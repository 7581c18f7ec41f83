// The graph of one expression as straight-line code over registers, run
// block by block: each instruction sweeps a block of inputs in float64 lanes
// (two at a time with SIMD), carrying every value's jet (value, first and
// second derivative with respect to z) as far as the order asked for. What
// does not depend on z (numbers, parameters and what is made of them only)
// is computed once per call.
#pragma once

#include <cstddef>
#include <vector>

#include "graph.hpp"

namespace act::expr {

// The value of node n from its arguments' values (all independent of z).
double fold(const Node& n, const double* args);

class Program {
 public:
  Program(const Graph& graph, int root);

  // orders: the highest derivative carried, 0 (g), 1 (g') or 2 (g''). The results go to
  // the arrays of `outputs` that are not null: [0] g, [1] g', [2] g'';
  // dy, when not null, multiplies g' (the backward pass) before rounding.
  void run(int orders, const float* x, float* const outputs[3], const float* dy, size_t n, const double* params) const;

  static constexpr size_t kBlock = 128;  // inputs per sweep of the tape

 private:
  struct Instr {
    Op op;
    int aux;
    int out;
    int args[4];
    bool uniform_args[4];
  };
  std::vector<Node> uniform_nodes_;              // args refer to uniform slots
  std::vector<int> uniform_slot_of_;             // graph node -> slot in uniform values (-1: varying)
  std::vector<std::pair<int, int>> broadcasts_;  // (register, uniform slot) filled once per call
  std::vector<Instr> code_;
  int z_register_ = -1;
  int root_register_ = -1;
  int root_slot_ = -1;  // the whole function is independent of z
  size_t registers_ = 0;
  mutable std::vector<double> work_;
  mutable std::vector<double> uniform_values_;

  template <int K, class V> void sweep(size_t len) const;
  double* reg(int r, int part) const { return work_.data() + (static_cast<size_t>(r) * 3 + part) * kBlock; }
};

}  // namespace act::expr
