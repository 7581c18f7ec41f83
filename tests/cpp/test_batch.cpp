// Batch mechanics of every kernel: sizes around the vector width, unaligned
// starts, in place, and results that do not depend on an element's position
// (so the vector and scalar paths agree bit for bit, NaN payloads aside), at
// every parameter set the sweeps use.
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <numeric>

#include "catalogue.hpp"

using namespace act;
using namespace act::testing;

namespace {

std::vector<float> inputs(size_t n) {
  std::vector<float> xs(n);
  for (size_t i = 0; i < n; ++i) {
    xs[i] = (static_cast<float>(i % 97) - 48.0f) * 0.37f;
  }
  // Special values, so that vector lanes meet them too (one_by_one computes
  // the expected results on the scalar path).
  const float specials[] = {std::numeric_limits<float>::quiet_NaN(),
                            -std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::infinity(),
                            -0.0f,
                            0.0f,
                            -0x1.8p-130f};
  for (size_t k = 0; k < std::size(specials); ++k) {
    if (n > 2 + 2 * k) xs[1 + 2 * k] = specials[k];
  }
  return xs;
}

// One element at a time, so always the scalar path.
std::vector<float> one_by_one(Kernel k, const std::vector<float>& xs, const Params& p) {
  std::vector<float> ys(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) k(&xs[i], &ys[i], 1, p);
  return ys;
}

// Bitwise equality, except that any NaN equals any NaN (IEEE fixes no NaN
// sign or payload); on a mismatch, names the first differing element.
bool same_bits(const float* a, const float* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    if (std::memcmp(a + i, b + i, sizeof(float)) != 0) {
      uint32_t ba, bb;
      std::memcpy(&ba, a + i, 4);
      std::memcpy(&bb, b + i, 4);
      UNSCOPED_INFO("first difference at element " << i << ": 0x" << std::hex << ba << " vs 0x" << bb << std::dec);
      return false;
    }
  }
  return true;
}

const size_t kSizes[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 1000, 4099};

}  // namespace

TEST_CASE("every batch size, offset and in-place call gives the scalar results") {
  for (const Activation& a : every_tier()) {
    for (const Params& p : parameter_sets(a, reference_of(a))) {
      for (int order = 0; order < kOrders; ++order) {
        const Kernel k = a.kernels[order];
        for (size_t n : kSizes) {
          for (size_t offset = 0; offset < 4; ++offset) {
            INFO(a.id << " [" << describe(a, p) << "] order " << order << " n " << n << " offset " << offset);
            // Sentinels around the output catch writes out of bounds.
            std::vector<float> padded_x(n + 8), padded_y(n + 8, 12345.0f);
            const std::vector<float> xs = inputs(n);
            std::copy(xs.begin(), xs.end(), padded_x.begin() + offset);
            k(padded_x.data() + offset, padded_y.data() + offset, n, p);

            const std::vector<float> expected = one_by_one(k, xs, p);
            CHECK(same_bits(padded_y.data() + offset, expected.data(), n));
            for (size_t i = 0; i < offset; ++i) CHECK(padded_y[i] == 12345.0f);
            for (size_t i = offset + n; i < padded_y.size(); ++i) CHECK(padded_y[i] == 12345.0f);

            k(padded_x.data() + offset, padded_x.data() + offset, n, p);
            CHECK(same_bits(padded_x.data() + offset, expected.data(), n));
          }
        }
      }
    }
  }
}

TEST_CASE("fused and backward kernels: sizes, offsets, in place, position independence") {
  for (const Activation& a : every_tier()) {
    for (const Params& p : parameter_sets(a, reference_of(a))) {
      for (size_t n : kSizes) {
        for (size_t offset = 0; offset < 4; ++offset) {
          INFO(a.id << " [" << describe(a, p) << "] n " << n << " offset " << offset);
          const std::vector<float> xs = inputs(n);
          std::vector<float> dy(n);
          for (size_t i = 0; i < n; ++i) dy[i] = 0.5f - static_cast<float>(i % 7) * 0.25f;
          // Element-wise (scalar path) expectations.
          std::vector<float> g(n), dg(n), dx(n);
          for (size_t i = 0; i < n; ++i) {
            a.fused(&xs[i], &g[i], &dg[i], 1, p);
            a.backward(&xs[i], &dy[i], &dx[i], 1, p);
          }
          std::vector<float> x(n + 8), value(n + 8, 777.0f), derivative(n + 8, 777.0f), grad(n + 8), out(n + 8, 777.0f);
          std::copy(xs.begin(), xs.end(), x.begin() + offset);
          std::copy(dy.begin(), dy.end(), grad.begin() + offset);
          a.fused(x.data() + offset, value.data() + offset, derivative.data() + offset, n, p);
          a.backward(x.data() + offset, grad.data() + offset, out.data() + offset, n, p);
          CHECK(same_bits(value.data() + offset, g.data(), n));
          CHECK(same_bits(derivative.data() + offset, dg.data(), n));
          CHECK(same_bits(out.data() + offset, dx.data(), n));
          CHECK(value[offset + n] == 777.0f);
          CHECK(derivative[offset + n] == 777.0f);
          CHECK(out[offset + n] == 777.0f);
          // In place: the value over x, and the gradient over dy.
          std::vector<float> y = x, scratch(n + 8);
          a.fused(y.data() + offset, y.data() + offset, scratch.data() + offset, n, p);
          CHECK(same_bits(y.data() + offset, g.data(), n));
          a.backward(x.data() + offset, grad.data() + offset, grad.data() + offset, n, p);
          CHECK(same_bits(grad.data() + offset, dx.data(), n));
        }
      }
    }
  }
}

// Kernels may branch per vector to a lighter formula when every lane is in
// its range (fast.hpp: all_lanes), on the promise that it gives the general
// formula's bits there; and fused passes may compute g and g' together
// (Fn::both) on the promise of value's and derivative's bits. Each input is
// run alone (the scalar path: light where in range) and in vectors whose
// other lanes are far out (the general path), over a dense range that
// crosses every light path's bound.
TEST_CASE("light per-vector paths and fused passes give the general kernels' bits") {
  std::vector<float> xs;
  for (float x = -130.0f; x <= 130.0f; x += 0.0625f) xs.push_back(x);
  for (float x : {-1e-30f, -0x1p-140f, 0x1p-140f, 1e-30f, -0.0f}) xs.push_back(x);
  const float far[] = {-1000.0f, 1000.0f, std::numeric_limits<float>::quiet_NaN()};
  for (const Activation& a : every_tier()) {
    for (const Params& p : parameter_sets(a, reference_of(a))) {
      INFO(a.id << " [" << describe(a, p) << "] " << (a.tier == Tier::fast ? "fast" : "faithful"));
      for (float out : far) {
        std::vector<float> mixed;  // x, far, far, far: every vector holds one far lane
        for (float x : xs) mixed.insert(mixed.end(), {x, out, out, out});
        std::vector<float> g(mixed.size()), dg(mixed.size());
        a.fused(mixed.data(), g.data(), dg.data(), mixed.size(), p);
        for (int order = 0; order < kOrders; ++order) {
          std::vector<float> y(mixed.size());
          a.kernels[order](mixed.data(), y.data(), mixed.size(), p);
          const std::vector<float> alone = one_by_one(a.kernels[order], mixed, p);
          INFO("order " << order << ", far lanes " << out);
          CHECK(same_bits(y.data(), alone.data(), y.size()));
          if (order < 2) CHECK(same_bits((order == 0 ? g : dg).data(), alone.data(), y.size()));
        }
      }
      // Homogeneous vectors (the light paths where every lane is in range).
      std::vector<float> g(xs.size()), dg(xs.size());
      a.fused(xs.data(), g.data(), dg.data(), xs.size(), p);
      CHECK(same_bits(g.data(), one_by_one(a.kernels[0], xs, p).data(), xs.size()));
      CHECK(same_bits(dg.data(), one_by_one(a.kernels[1], xs, p).data(), xs.size()));
    }
  }
}
