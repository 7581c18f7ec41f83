// A small fully connected network trained on the C++ core: hidden layers of
// any catalogue activation or compiled expression (their own fused kernels:
// g and g' in one evaluation, δ = ∂loss/∂a · g'), a sigmoid output with binary cross-entropy or an
// identity output with mean squared error, three initialisations, SGD,
// momentum or Adam, L2, mini-batches through a seeded shuffle. Weights and
// activations are float32; every loop runs in a fixed order, so a run is the
// same bit for bit natively and in both WebAssembly builds.
//
// Parameter layout (parameters(), set_parameters(), gradients()): layer by
// layer, the weights [out][in] row-major, then the biases [out].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "expr/expression.hpp"
#include "random.hpp"

namespace act::train {

constexpr int kMaxLayers = 10;     // input + up to 8 hidden + output
constexpr int kMaxWidth = 256;     // units per layer
constexpr int kMaxRows = 1000000;  // rows per call

enum class Loss { bce, mse };
enum class Init { he, xavier, lecun };
enum class Optimizer { sgd, momentum, adam };

// What the hidden layers compute: a catalogue activation with its parameters,
// or a compiled expression with its parameters' values.
struct Hidden {
  const Activation* catalogue = nullptr;
  Params params;
  const expr::Expression* expression = nullptr;
  std::vector<double> expression_params;

  void forward(const float* z, float* a, size_t n) const;
  void slope(const float* z, float* d, size_t n) const;            // g'(z)
  void fused(const float* z, float* a, float* d, size_t n) const;  // a = g(z) and d = g'(z) in one pass
};

struct Options {
  std::vector<int> layers;  // widths, input first, output last
  Loss loss = Loss::bce;
  Init init = Init::xavier;
  float bias_init = 0;
  Optimizer optimizer = Optimizer::adam;
  float learning_rate = 0.01f;
  float l2 = 0;
  uint64_t seed = 1;
};

struct LayerStats {
  double gradient_norm = 0;       // ‖∂loss/∂W‖₂ of the layer's incoming weights
  double dead_fraction = 0;       // units with g'(z) = 0 on every row
  double saturated_fraction = 0;  // units with |g'(z)| < 1% of max |g'| on every row
  double activation_mean = 0;
  double activation_std = 0;
};

struct Stats {
  double loss = 0;
  std::vector<LayerStats> layers;  // one per hidden layer
};

class Network {
 public:
  // Empty when the options are valid; else what is wrong.
  static std::string check(const Options& options);
  Network(const Options& options, Hidden hidden);

  int inputs() const { return widths_.front(); }
  int outputs() const { return widths_.back(); }
  size_t parameter_count() const { return params_.size(); }

  // steps mini-batch updates; losses[i] = the batch's mean loss before step i.
  // Returns the steps done: fewer when the loss became NaN or infinite (the
  // update that would follow is not applied; reset() or set_parameters()).
  int train(const float* x, const float* y, int rows, int steps, int batch, float* losses);
  void predict(const float* x, int rows, float* out);
  double loss(const float* x, const float* y, int rows);                 // mean, without the L2 term
  void gradients(const float* x, const float* y, int rows, float* out);  // of loss(), same layout as parameters
  Stats stats(const float* x, const float* y, int rows);

  const std::vector<float>& parameters() const { return params_; }
  void set_parameters(const float* p);
  void reset();  // the initial weights and optimiser state again, from the seed

 private:
  std::vector<int> widths_;
  Options options_;
  Hidden hidden_;
  std::vector<float> params_, grads_, m_, v_;  // m_, v_: optimiser state
  std::vector<size_t> offsets_;                // start of each layer's weights in params_
  double beta1_power_ = 1, beta2_power_ = 1;   // Adam's β₁^t, β₂^t
  Random shuffle_rng_{1};
  std::vector<uint32_t> order_;
  size_t next_row_ = 0;
  float max_slope_ = 1;  // the largest |g'| of the hidden activation, for saturation

  // Per-layer buffers for one batch: pre-activations z, activations a, the
  // backward deltas, and g'(z) kept from the forward pass (the activation's
  // fused kernel: one evaluation serves the backward pass and the statistics).
  std::vector<std::vector<float>> z_, a_, delta_, slope_;
  std::vector<float> wt_;   // a layer's weights transposed, [in][out]: the forward loop runs across units
  std::vector<float> da_;   // ∂loss/∂a of the layer below
  std::vector<double> se_;  // e^−|z| of the output logits, shared by σ, the loss and its gradient

  void initialise();
  double forward_batch(const float* x, const float* y, int rows);  // the mean loss when y is given
  void backward_batch(const float* y, int rows);                   // into grads_, after forward_batch
  void apply_update();
};

}  // namespace act::train
