// Exhaustive check of the fast tier's dedicated kernels (g and g', default
// parameters) over all 2^32 float32 inputs against double-precision
// references from libm.
//
// The harness (accuracy_main.cpp, scripts/accuracy.sh --exhaustive) measures
// against the long-double oracle at about 300 ns an input, 20 CPU-minutes a
// row; these references cost a few ns, so a row takes a minute or two. A
// double reference is exact enough here: libm's exp, expm1 and tanh are
// within an ULP of double (2^-52), i.e. within 2^-29 ULP of float32, and the
// forms below do not cancel (sigmoid' and tanh' from e^−|x|, log1p(e^−|x|)).
// The kernels are the registry's (activations(Tier::fast)), as shipped.
//
//   act_fast_exhaustive [id ...]     default: every row below
// Exits 1 when a row exceeds the entry's documented bound.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "core/interior_zeros.hpp"
#include "core/registry.hpp"
#include "ulp.hpp"

using namespace act;
using namespace act::testing;

namespace {

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double sigmoid_slope(double x) {
  const double e = std::exp(-std::fabs(x));
  return e / ((1 + e) * (1 + e));
}
double tanh_slope(double x) {
  const double e = std::exp(-2 * std::fabs(x));
  return 4 * e / ((1 + e) * (1 + e));
}
double elu(double x) { return x > 0 ? x : std::expm1(x); }  // α = 1, the default
double elu_slope(double x) { return x > 0 ? 1 : std::exp(x); }
// Softplus at its defaults (β = 1, threshold 20), and log σ; log1p(e^−|x|)
// does not cancel.
double softplus(double x) { return x > 20 ? x : std::fmax(x, 0) + std::log1p(std::exp(-std::fabs(x))); }
double softplus_slope(double x) { return x > 20 ? 1 : sigmoid(x); }
double log_sigmoid(double x) { return std::fmin(x, 0) - std::log1p(std::exp(-std::fabs(x))); }
double log_sigmoid_slope(double x) { return sigmoid(-x); }
// SiLU at β = 1 (the default): x·σ(x), and h1 = σ(x)(1 + x·σ(−x)) from
// e = e^−|x| (no overflow), which cancels near its zero at x = −1.2785: there
// the Taylor expansion of interior_zeros.hpp, in t = (x − hi) − lo (exact to
// 2^-53 relative), within 2^-50 for |t| ≤ 2^-9.
double silu(double x) {
  if (std::isinf(x)) return x > 0 ? x : -0.0;
  const double e = std::exp(-std::fabs(x));
  return x > 0 ? x / (1 + e) : x * e / (1 + e);
}
double silu_slope(double x) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  const act::zeros::InteriorZero& z = act::zeros::kSiluD1[0];
  const double t = (x - z.hi) - z.lo;
  if (std::fabs(t) < 0x1p-9) {
    double taylor = z.c[5];
    for (int k = 4; k >= 1; --k) taylor = taylor * t + z.c[k];
    return taylor * t;
  }
  const double e = std::exp(-std::fabs(x));
  const double sigma = x > 0 ? 1 / (1 + e) : e / (1 + e);
  return sigma * (1 + x * (x > 0 ? e / (1 + e) : 1 / (1 + e)));
}
// GELU: Φ(x) = erfc(−x/√2)/2 keeps the left tail relative-accurate (libm's
// erfc is within a few ULP of double down to its underflow). g' cancels near
// its zero at x = −0.7518 (Φ(x) ≈ −xφ(x) ≈ 0.23): within 2^-6 of it in long
// double, where the cancellation (at most 2^-26 at the float32 nearest the
// zero) leaves 2^-38 relative, far below a float32 ULP; farther out it
// cancels by less than 2^-7 and double is enough.
// (±inf: the limits, where x·Φ(x) and xφ(x) would be inf·0.)
double gelu(double x) { return std::isinf(x) ? (x > 0 ? x : -0.0) : x * (std::erfc(-x * M_SQRT1_2) / 2); }
double gelu_slope(double x) {
  if (std::isinf(x)) return x > 0 ? 1 : 0;
  if (std::fabs(x + 0.75) > 0x1p-6)
    return std::erfc(-x * M_SQRT1_2) / 2 + x * (std::exp(-x * x / 2) * 0.3989422804014327);
  const long double X = x;
  const long double cdf = std::erfc(-X * 0.707106781186547524400844362104849039L) / 2;
  const long double pdf = std::exp(-X * X / 2) * 0.398942280401432677939946059934381868L;
  return static_cast<double>(cdf + X * pdf);
}

struct Row {
  const char* id;
  int order;
  double (*reference)(double);
};
const Row kRows[] = {
    {"sigmoid", 0, sigmoid},
    {"sigmoid", 1, sigmoid_slope},
    {"tanh", 0, [](double x) { return std::tanh(x); }},
    {"tanh", 1, tanh_slope},
    {"elu", 0, elu},
    {"elu", 1, elu_slope},
    {"softplus", 0, softplus},
    {"softplus", 1, softplus_slope},
    {"log_sigmoid", 0, log_sigmoid},
    {"log_sigmoid", 1, log_sigmoid_slope},
    {"silu", 0, silu},
    {"silu", 1, silu_slope},
    {"celu", 0, elu},  // α = 1 (the default): ELU
    {"celu", 1, elu_slope},
    {"gelu", 0, gelu},
    {"gelu", 1, gelu_slope},
};

struct Worst {
  double ulp = 0;
  float x = 0;
  uint64_t count = 0;
};

Worst sweep(const Activation& a, const Row& row) {
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Worst> worst(threads);
  std::vector<std::thread> pool;
  const Params p = default_params(a);
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const uint64_t begin = (1ull << 32) * t / threads, end = (1ull << 32) * (t + 1) / threads;
      std::vector<float> xs, ys;
      for (uint64_t b = begin; b < end;) {
        xs.clear();
        for (; b < end && xs.size() < (1u << 16); ++b) {
          const float x = float_from_bits(static_cast<uint32_t>(b));
          if (!std::isnan(x)) xs.push_back(x);
        }
        ys.resize(xs.size());
        a.kernels[row.order](xs.data(), ys.data(), xs.size(), p);
        for (size_t i = 0; i < xs.size(); ++i) {
          const double err = ulp_error(ys[i], row.reference(xs[i]));
          if (err > worst[t].ulp) worst[t] = {err, xs[i], worst[t].count};
        }
        worst[t].count += xs.size();
      }
    });
  }
  for (std::thread& th : pool) th.join();
  Worst all;
  for (const Worst& w : worst) {
    if (w.ulp > all.ulp) all = {w.ulp, w.x, all.count};
    all.count += w.count;
  }
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> ids(argv + 1, argv + argc);
  int failures = 0;
  for (const Row& row : kRows) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), row.id) == ids.end()) continue;
    const Activation* a = find_activation(row.id, Tier::fast);
    if (a == nullptr) return 2;
    const Worst w = sweep(*a, row);
    const bool ok = w.ulp <= a->max_ulp[row.order];
    failures += !ok;
    std::printf("%-11s fast %-3s max %.3f ULP at x = %.9g over %llu inputs (documented %g)%s\n", row.id,
                row.order == 0 ? "g" : "g'", w.ulp, static_cast<double>(w.x), static_cast<unsigned long long>(w.count),
                static_cast<double>(a->max_ulp[row.order]), ok ? "" : " ABOVE DOCUMENTED");
    std::fflush(stdout);
  }
  return failures ? 1 : 0;
}
