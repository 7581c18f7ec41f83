// Special values, tested apart from accuracy: NaN, ±Inf, finite inputs that
// must not give NaN or a spurious infinity, the conventions at kinks, zero and
// thresholds, subnormals, and exact saturation over whole ranges. Every
// function's expected values are its oracle reference's declared data
// (limits, exact points, kinks, saturation ranges) or the oracle's values;
// every entry point is checked (each order's kernel, fused, backward; vector
// lanes and the scalar tail).
#include <cfloat>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "catalogue.hpp"

using namespace act;
using namespace act::testing;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// The first few failures of a sweep, for the report, and how many there were.
struct Failures {
  int count = 0;
  std::string first;
  void add(const std::string& what) {
    if (count++ < 8) first += what + "\n";
  }
};

std::string at(const Activation& a, const Params& p, int order, float x) {
  std::ostringstream os;
  os.precision(9);
  os << a.id << " [" << describe(a, p) << "] " << kOrderNames[order] << " at x = " << x;
  return os.str();
}

}  // namespace

TEST_CASE("NaN in gives NaN out for every function, order, fused and backward pass") {
  int checked = 0;
  for (const Activation& a : every_tier()) {
    for (const Params& p : parameter_sets(a, reference_of(a))) {
      for (float nan : {kNaN, -kNaN}) {
        for (int order = 0; order < kOrders; ++order) {
          for (const PathResult& r : every_path(a, order, nan, p)) {
            INFO(at(a, p, order, nan) << " via " << r.path << " -> " << r.y);
            CHECK(std::isnan(r.y));
            ++checked;
          }
        }
      }
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("finite inputs never give NaN, and give infinity exactly where the oracle's value rounds to it") {
  const std::vector<float> xs = binade_sweep(16);
  const std::vector<float> ones(xs.size(), 1.0f);
  std::vector<float> y(xs.size()), dg(xs.size());
  Failures failures;
  size_t checked = 0;
  for (const Activation& a : every_tier()) {
    const oracle::Reference& ref = reference_of(a);
    for (const Params& p : parameter_sets(a, ref)) {
      const std::vector<double> dp = as_doubles(a, p);
      auto check = [&](int order, const char* path, const std::vector<float>& out) {
        for (size_t i = 0; i < xs.size(); ++i) {
          const float want = static_cast<float>(ref.eval[order](xs[i], dp.data()));
          const bool ok =
              !std::isnan(out[i]) && std::isinf(out[i]) == std::isinf(want) && (!std::isinf(out[i]) || out[i] == want);
          ++checked;
          if (!ok) {
            std::ostringstream os;
            os << at(a, p, order, xs[i]) << " via " << path << ": got " << out[i] << ", oracle " << want;
            failures.add(os.str());
          }
        }
      };
      for (int order = 0; order < kOrders; ++order) {
        a.kernels[order](xs.data(), y.data(), xs.size(), p);
        check(order, "kernel", y);
      }
      a.fused(xs.data(), y.data(), dg.data(), xs.size(), p);
      check(0, "fused", y);
      check(1, "fused", dg);
      a.backward(xs.data(), ones.data(), y.data(), xs.size(), p);
      check(1, "backward, dy = 1", y);
    }
  }
  INFO(checked << " results; " << failures.count << " wrong; the first:\n" << failures.first);
  REQUIRE(checked > 0);
  CHECK(failures.count == 0);
}

TEST_CASE("infinities give the limits the oracle declares") {
  for (const Activation& a : every_tier()) {
    const oracle::Reference& ref = reference_of(a);
    INFO(a.id);
    REQUIRE(ref.limits.has_value());
    const Params p = default_params(a);
    for (int order = 0; order < kOrders; ++order) {
      for (float x : {-kInf, kInf}) {
        const float want = x < 0 ? ref.limits->minus[order] : ref.limits->plus[order];
        for (const PathResult& r : every_path(a, order, x, p)) {
          INFO(at(a, p, order, x) << " via " << r.path << ": got " << r.y << (std::signbit(r.y) ? " (sign set)" : "")
                                  << ", want " << want << (std::signbit(want) ? " (sign set)" : ""));
          CHECK(same_bits(r.y, want));
        }
      }
    }
  }
}

TEST_CASE("the exact values the oracle declares: conventions at kinks, zero, thresholds and subnormals") {
  int checked = 0;
  for (const Activation& a : every_tier()) {
    for (const oracle::Exact& e : reference_of(a).exact) {
      const Params p = params_of(a, e.p);
      for (const PathResult& r : every_path(a, e.order, e.x, p)) {
        INFO(at(a, p, e.order, e.x) << " via " << r.path << ": got " << r.y << (std::signbit(r.y) ? " (sign set)" : "")
                                    << ", want " << e.want << (std::signbit(e.want) ? " (sign set)" : ""));
        CHECK(same_bits(r.y, e.want));
        ++checked;
      }
    }
  }
  REQUIRE(checked > 0);
}

namespace {

// Every order at x, through every entry point, within its documented bound
// of the oracle; returns the number of checks.
int check_every_order_within_bounds(const Activation& a, const Params& p, float x) {
  int checked = 0;
  for (int order = 0; order < kOrders; ++order) {
    const long double want = oracle_value(a, order, p, x);
    for (const PathResult& r : every_path(a, order, x, p)) {
      INFO(at(a, p, order, x) << " via " << r.path << ": got " << r.y << ", oracle " << static_cast<double>(want));
      CHECK(ulp_error(r.y, want) <= a.max_ulp[order]);
      ++checked;
    }
  }
  return checked;
}

}  // namespace

TEST_CASE("at and beside every kink the kernels agree with the oracle") {
  int checked = 0;
  for (const Activation& a : every_tier()) {
    const oracle::Reference& ref = reference_of(a);
    for (const Params& p : parameter_sets(a, ref)) {
      for (long double kink : points_of(ref.kinks, as_doubles(a, p))) {
        const float k = static_cast<float>(kink);
        for (float x : {std::nextafter(k, -kInf), k, std::nextafter(k, kInf)}) {
          checked += check_every_order_within_bounds(a, p, x);
        }
      }
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("subnormal and smallest normal inputs are within the documented bounds") {
  const float inputs[] = {std::numeric_limits<float>::denorm_min(), 0x1.8p-130f, 0x1.fffffcp-127f, FLT_MIN};
  int checked = 0;
  for (const Activation& a : every_tier()) {
    for (const Params& p : parameter_sets(a, reference_of(a))) {
      for (float magnitude : inputs) {
        for (float x : {magnitude, -magnitude}) {
          checked += check_every_order_within_bounds(a, p, x);
        }
      }
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("saturation is exact over the whole ranges the oracle declares") {
  size_t checked = 0;
  for (const Activation& a : every_tier()) {
    for (const oracle::Saturation& s : reference_of(a).saturation) {
      const int order = checked_order(a, s.order);
      const Params p = params_of(a, s.p);
      const std::vector<float> xs = dense_range(s.from, s.to, 1u << 12);
      INFO(a.id << " [" << describe(a, p) << "] " << kOrderNames[order] << " over [" << s.from << ", " << s.to << "]");
      REQUIRE(xs.size() > 1);
      std::vector<float> y(xs.size());
      a.kernels[order](xs.data(), y.data(), xs.size(), p);
      Failures failures;
      for (size_t i = 0; i < xs.size(); ++i) {
        if (!same_bits(y[i], s.want)) {
          std::ostringstream os;
          os.precision(9);
          os << "x = " << xs[i] << ": got " << y[i];
          failures.add(os.str());
        }
      }
      checked += xs.size();
      INFO(failures.count << " of " << xs.size() << " inputs differ from " << s.want << "; the first:\n"
                          << failures.first);
      CHECK(failures.count == 0);
    }
  }
  REQUIRE(checked > 0);
}
