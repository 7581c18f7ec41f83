#include "network.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "dense.hpp"
#include "expr/elementary.hpp"

namespace act::train {

void Hidden::forward(const float* z, float* a, size_t n) const {
  if (expression != nullptr) {
    expression->eval(0, z, a, n, expression_params.data());
  } else {
    catalogue->kernels[0](z, a, n, params);
  }
}

void Hidden::slope(const float* z, float* d, size_t n) const {
  if (expression != nullptr) {
    expression->eval(1, z, d, n, expression_params.data());
  } else {
    catalogue->kernels[1](z, d, n, params);
  }
}

void Hidden::fused(const float* z, float* a, float* d, size_t n) const {
  if (expression != nullptr) {
    expression->fused(z, a, d, n, expression_params.data());
  } else {
    catalogue->fused(z, a, d, n, params);
  }
}

namespace {

// The largest |g'| of the hidden activation, sampled on [-64, 64] at steps of
// 1/64 (the saturation threshold is 1% of it).
float largest_slope(const Hidden& h) {
  std::vector<float> z(8193), d(8193);
  for (size_t i = 0; i < z.size(); ++i) z[i] = static_cast<float>(static_cast<int>(i) - 4096) / 64.0f;
  h.slope(z.data(), d.data(), z.size());
  float m = 0;
  for (float v : d) {
    if (std::isfinite(v)) m = std::max(m, std::fabs(v));
  }
  return m > 0 ? m : 1;
}

}  // namespace

std::string Network::check(const Options& o) {
  if (o.layers.size() < 2 || o.layers.size() > static_cast<size_t>(kMaxLayers)) {
    return "layers must list 2 to " + std::to_string(kMaxLayers) + " widths (input, up to 8 hidden, output), got " +
           std::to_string(o.layers.size());
  }
  for (size_t i = 0; i < o.layers.size(); ++i) {
    if (o.layers[i] < 1 || o.layers[i] > kMaxWidth) {
      return "layers[" + std::to_string(i) + "] must be a width from 1 to " + std::to_string(kMaxWidth) + ", got " +
             std::to_string(o.layers[i]);
    }
  }
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate)) return "learningRate must be a positive finite number";
  if (!(o.l2 >= 0) || !std::isfinite(o.l2)) return "l2 must be a finite number >= 0";
  if (!std::isfinite(o.bias_init)) return "biasInit must be finite";
  return "";
}

Network::Network(const Options& options, Hidden hidden)
    : widths_(options.layers), options_(options), hidden_(std::move(hidden)) {
  size_t total = 0;
  for (size_t l = 1; l < widths_.size(); ++l) {
    offsets_.push_back(total);
    total += static_cast<size_t>(widths_[l]) * static_cast<size_t>(widths_[l - 1] + 1);
  }
  params_.assign(total, 0);
  grads_.assign(total, 0);
  max_slope_ = largest_slope(hidden_);
  reset();
}

void Network::initialise() {
  Random rng(options_.seed);
  for (size_t l = 1; l < widths_.size(); ++l) {
    const int in = widths_[l - 1];
    const int out = widths_[l];
    double scale = 1;
    switch (options_.init) {
      case Init::he: scale = std::sqrt(2.0 / in); break;
      case Init::xavier: scale = std::sqrt(2.0 / (in + out)); break;
      case Init::lecun: scale = std::sqrt(1.0 / in); break;
    }
    float* w = params_.data() + offsets_[l - 1];
    for (int i = 0; i < out * in; ++i) w[i] = static_cast<float>(scale * rng.normal());
    for (int j = 0; j < out; ++j) w[out * in + j] = options_.bias_init;
  }
}

void Network::reset() {
  initialise();
  m_.assign(params_.size(), 0);
  v_.assign(params_.size(), 0);
  beta1_power_ = 1;
  beta2_power_ = 1;
  // The shuffle has a stream of its own, so that the data order does not
  // depend on how many weights the initialisation drew.
  shuffle_rng_ = Random(options_.seed ^ 0x9E3779B97F4A7C15ull);
  order_.clear();
  next_row_ = 0;
}

void Network::set_parameters(const float* p) { std::copy(p, p + params_.size(), params_.begin()); }

// z_[l] and a_[l] (l = 1 … L) for `rows` rows of x; a_[0] is x itself. The
// mean loss over rows and outputs when y is given.
double Network::forward_batch(const float* x, const float* y, int rows) {
  const size_t L = widths_.size() - 1;
  z_.resize(L + 1);
  a_.resize(L + 1);
  slope_.resize(L + 1);
  a_[0].assign(x, x + static_cast<size_t>(rows) * static_cast<size_t>(widths_[0]));
  for (size_t l = 1; l <= L; ++l) {
    const int in = widths_[l - 1];
    const int out = widths_[l];
    const float* w = params_.data() + offsets_[l - 1];
    const float* b = w + static_cast<size_t>(out) * static_cast<size_t>(in);
    std::vector<float>& z = z_[l];
    z.resize(static_cast<size_t>(rows) * static_cast<size_t>(out));
    const float* a = a_[l - 1].data();
    // Vectorised across the layer's units j, the sum over k in the same order
    // for each unit as b[j] + w[j][0]a[0] + w[j][1]a[1] + …: the same bits.
    wt_.resize(static_cast<size_t>(out) * static_cast<size_t>(in));
    for (int j = 0; j < out; ++j)
      for (int k = 0; k < in; ++k) wt_[static_cast<size_t>(k) * out + j] = w[static_cast<size_t>(j) * in + k];
    const float* wt = wt_.data();
    for (int r = 0; r < rows; ++r) {
      dense::affine(wt, b, a + static_cast<size_t>(r) * static_cast<size_t>(in),
                    z.data() + static_cast<size_t>(r) * static_cast<size_t>(out), in, out);
    }
    a_[l].resize(z.size());
    if (l < L) {
      if (y != nullptr) {
        // g'(z) too, from the same evaluation: the backward pass and the
        // statistics read it (slope_), so nothing evaluates the activation twice.
        slope_[l].resize(z.size());
        hidden_.fused(z.data(), a_[l].data(), slope_[l].data(), z.size());
      } else {
        hidden_.forward(z.data(), a_[l].data(), z.size());
      }
    } else if (options_.loss == Loss::bce) {
      se_.resize(z.size());
      for (size_t i = 0; i < z.size(); ++i) {
        const double e = expr::elem::exp(-std::fabs(static_cast<double>(z[i])));
        se_[i] = e;
        a_[l][i] = static_cast<float>(z[i] >= 0 ? 1 / (1 + e) : e / (1 + e));
      }
    } else {
      a_[l] = z;
    }
  }
  if (y == nullptr) return 0;
  // The loss from the logits: softplus(z) − y·z for BCE (no log of a rounded
  // probability), (z − y)² for MSE; summed in double.
  const std::vector<float>& z = z_[L];
  double sum = 0;
  for (size_t i = 0; i < z.size(); ++i) {
    const double zi = z[i];
    const double yi = y[i];
    if (options_.loss == Loss::bce) {
      sum += std::max(zi, 0.0) - zi * yi + expr::elem::log1p(se_[i]);
    } else {
      sum += (zi - yi) * (zi - yi);
    }
  }
  return sum / static_cast<double>(z.size());
}

// grads_ = ∂(mean loss)/∂parameters for the batch last run forward.
void Network::backward_batch(const float* y, int rows) {
  const size_t L = widths_.size() - 1;
  delta_.resize(L + 1);
  const double n = static_cast<double>(rows) * widths_[L];
  std::vector<float>& dL = delta_[L];
  dL.resize(z_[L].size());
  for (size_t i = 0; i < dL.size(); ++i) {
    const double zi = z_[L][i];
    const double d =
        options_.loss == Loss::bce ? (zi >= 0 ? 1 / (1 + se_[i]) : se_[i] / (1 + se_[i])) - y[i] : 2 * (zi - y[i]);
    dL[i] = static_cast<float>(d / n);
  }
  std::fill(grads_.begin(), grads_.end(), 0.0f);
  for (size_t l = L; l >= 1; --l) {
    const int in = widths_[l - 1];
    const int out = widths_[l];
    const float* w = params_.data() + offsets_[l - 1];
    float* gw = grads_.data() + offsets_[l - 1];
    float* gb = gw + static_cast<size_t>(out) * static_cast<size_t>(in);
    const float* a = a_[l - 1].data();
    const float* d = delta_[l].data();
    dense::accumulate_gradients(d, a, gw, gb, rows, in, out);
    if (l == 1) break;
    // ∂loss/∂a of the layer below, then through its activation: δ = da·g'(z).
    std::vector<float>& da = da_;
    da.resize(static_cast<size_t>(rows) * static_cast<size_t>(in));
    for (int r = 0; r < rows; ++r) {
      dense::back_row(w, d + static_cast<size_t>(r) * static_cast<size_t>(out),
                      da.data() + static_cast<size_t>(r) * static_cast<size_t>(in), in, out);
    }
    delta_[l - 1].resize(da.size());
    const float* g = slope_[l - 1].data();
    float* dl = delta_[l - 1].data();
    for (size_t i = 0; i < da.size(); ++i) dl[i] = da[i] * g[i];
  }
}

void Network::apply_update() {
  const float lr = options_.learning_rate;
  // L2 on the weights only (not the biases): g + l2·w. locate(i): whether
  // parameter i (visited in order) is a weight.
  size_t layer = 0;
  size_t bias_start = 0, layer_end = 0;
  auto locate = [&](size_t i) {
    while (i >= layer_end) {
      const size_t in = static_cast<size_t>(widths_[layer]);
      const size_t out = static_cast<size_t>(widths_[layer + 1]);
      bias_start = offsets_[layer] + out * in;
      layer_end = bias_start + out;
      ++layer;
    }
    return i < bias_start;
  };
  if (options_.optimizer == Optimizer::sgd && options_.l2 == 0) {
    // Plain SGD without decay, the common case: the same arithmetic as below (g + 0), without the bookkeeping.
    float* p = params_.data();
    const float* g = grads_.data();
    for (size_t i = 0, n = params_.size(); i < n; ++i) p[i] -= lr * (g[i] + 0.0f);
    return;
  }
  const double b1 = 0.9, b2 = 0.999;
  // β^t as running products (IEEE multiplications, not libm's pow, which
  // differs between the native and WebAssembly C libraries).
  if (options_.optimizer == Optimizer::adam) beta1_power_ *= b1, beta2_power_ *= b2;
  const double c1 = 1 - beta1_power_, c2 = 1 - beta2_power_;
  for (size_t i = 0; i < params_.size(); ++i) {
    const bool weight = locate(i);
    const float g = grads_[i] + (weight ? options_.l2 * params_[i] : 0.0f);
    switch (options_.optimizer) {
      case Optimizer::sgd: params_[i] -= lr * g; break;
      case Optimizer::momentum:
        m_[i] = 0.9f * m_[i] + g;
        params_[i] -= lr * m_[i];
        break;
      case Optimizer::adam: {
        m_[i] = static_cast<float>(b1 * m_[i] + (1 - b1) * g);
        v_[i] = static_cast<float>(b2 * v_[i] + (1 - b2) * static_cast<double>(g) * g);
        const double step = lr * (m_[i] / c1) / (std::sqrt(v_[i] / c2) + 1e-8);
        params_[i] = static_cast<float>(params_[i] - step);
        break;
      }
    }
  }
}

int Network::train(const float* x, const float* y, int rows, int steps, int batch, float* losses) {
  const int in = widths_.front();
  const int out = widths_.back();
  if (order_.size() != static_cast<size_t>(rows)) {
    order_.resize(static_cast<size_t>(rows));
    std::iota(order_.begin(), order_.end(), 0u);
    next_row_ = order_.size();  // shuffled below, before the first batch
  }
  std::vector<float> bx(static_cast<size_t>(batch) * static_cast<size_t>(in));
  std::vector<float> by(static_cast<size_t>(batch) * static_cast<size_t>(out));
  for (int step = 0; step < steps; ++step) {
    if (next_row_ + static_cast<size_t>(batch) > order_.size()) {
      // A new epoch: Fisher–Yates with the shuffle's own generator.
      for (size_t i = order_.size() - 1; i > 0; --i) {
        std::swap(order_[i], order_[shuffle_rng_.below(static_cast<uint32_t>(i + 1))]);
      }
      next_row_ = 0;
    }
    for (int r = 0; r < batch; ++r) {
      const size_t row = order_[next_row_ + static_cast<size_t>(r)];
      std::copy(x + row * in, x + (row + 1) * in, bx.begin() + r * in);
      std::copy(y + row * out, y + (row + 1) * out, by.begin() + r * out);
    }
    next_row_ += static_cast<size_t>(batch);
    const double loss = forward_batch(bx.data(), by.data(), batch);
    losses[step] = static_cast<float>(loss);
    if (!std::isfinite(loss)) return step + 1;
    backward_batch(by.data(), batch);
    apply_update();
  }
  return steps;
}

void Network::predict(const float* x, int rows, float* out) {
  forward_batch(x, nullptr, rows);
  const std::vector<float>& a = a_.back();
  std::copy(a.begin(), a.end(), out);
}

double Network::loss(const float* x, const float* y, int rows) { return forward_batch(x, y, rows); }

void Network::gradients(const float* x, const float* y, int rows, float* out) {
  forward_batch(x, y, rows);
  backward_batch(y, rows);
  std::copy(grads_.begin(), grads_.end(), out);
}

Stats Network::stats(const float* x, const float* y, int rows) {
  Stats s;
  s.loss = forward_batch(x, y, rows);
  backward_batch(y, rows);
  const size_t L = widths_.size() - 1;
  for (size_t l = 1; l < L; ++l) {
    LayerStats ls;
    const int in = widths_[l - 1];
    const int out = widths_[l];
    const float* gw = grads_.data() + offsets_[l - 1];
    double sq = 0;
    for (int i = 0; i < out * in; ++i) sq += static_cast<double>(gw[i]) * gw[i];
    ls.gradient_norm = std::sqrt(sq);
    const std::vector<float>& d = slope_[l];  // g'(z), kept by the forward pass
    int dead = 0, saturated = 0;
    for (int j = 0; j < out; ++j) {
      bool all_zero = true, all_small = true;
      for (int r = 0; r < rows; ++r) {
        const float dj = d[static_cast<size_t>(r) * static_cast<size_t>(out) + static_cast<size_t>(j)];
        all_zero = all_zero && dj == 0;
        all_small = all_small && std::fabs(dj) < 0.01f * max_slope_;
      }
      dead += all_zero;
      saturated += all_small;
    }
    ls.dead_fraction = static_cast<double>(dead) / out;
    ls.saturated_fraction = static_cast<double>(saturated) / out;
    const std::vector<float>& a = a_[l];
    double sum = 0, sum_sq = 0;
    for (float v : a) sum += v, sum_sq += static_cast<double>(v) * v;
    const double count = static_cast<double>(a.size());
    ls.activation_mean = sum / count;
    ls.activation_std = std::sqrt(std::max(0.0, sum_sq / count - ls.activation_mean * ls.activation_mean));
    s.layers.push_back(ls);
  }
  return s;
}

}  // namespace act::train
