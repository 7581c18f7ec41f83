// The registry's kernels built natively (-O3 -march=native): the ceiling the
// wasm builds are compared with by scripts/bench.mjs. Prints one JSON object
// per line: { id, op, n, elementsPerSecond } (median of the repetitions).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/registry.hpp"

using namespace act;

namespace {

using Clock = std::chrono::steady_clock;

// Elements per second of `call` over n elements: calls are repeated until a
// sample lasts at least 5 ms, and the median of the samples is kept.
template <class Call> double rate(size_t n, int samples, Call call) {
  call();
  size_t reps = 1;
  for (;;) {
    const auto t0 = Clock::now();
    for (size_t r = 0; r < reps; ++r) call();
    if (std::chrono::duration<double>(Clock::now() - t0).count() >= 0.005) break;
    reps *= 2;
  }
  std::vector<double> rates;
  for (int s = 0; s < samples; ++s) {
    const auto t0 = Clock::now();
    for (size_t r = 0; r < reps; ++r) call();
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    rates.push_back(static_cast<double>(n * reps) / seconds);
  }
  std::nth_element(rates.begin(), rates.begin() + samples / 2, rates.end());
  return rates[samples / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int samples = argc > 1 ? std::atoi(argv[1]) : 7;
  for (const size_t n : {size_t{4096}, size_t{32768}, size_t{1} << 20}) {
    std::vector<float> x(n), y(n), z(n), dy(n);
    for (size_t i = 0; i < n; ++i) {
      x[i] = static_cast<float>(i % 2001) / 100.0f - 10.0f;  // [-10, 10]
      dy[i] = 1.0f - static_cast<float>(i % 7) * 0.25f;
    }
    for (const Activation& a : activations()) {
      const Params p = default_params(a);
      const char* ops[] = {"forward", "derivative", "second", "fused", "backward"};
      for (int op = 0; op < 5; ++op) {
        double r = 0;
        if (op < 3) r = rate(n, samples, [&] { a.kernels[op](x.data(), y.data(), n, p); });
        if (op == 3) r = rate(n, samples, [&] { a.fused(x.data(), y.data(), z.data(), n, p); });
        if (op == 4) r = rate(n, samples, [&] { a.backward(x.data(), dy.data(), y.data(), n, p); });
        std::printf("{\"id\":\"%s\",\"op\":\"%s\",\"n\":%zu,\"elementsPerSecond\":%.6g}\n", a.id, ops[op], n, r);
      }
    }
    std::fflush(stdout);
  }
}
