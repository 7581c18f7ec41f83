// Special values, tested apart from accuracy: the tails where textbook
// formulas fail, NaN, ±Inf, −0, subnormals and the conventions at kinks.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/activations.hpp"
#include "sweep.hpp"

using namespace act;
using namespace act::testing;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Params with(const char* id, std::initializer_list<float> values) {
  Params p = default_params(*find_activation(id));
  int i = 0;
  for (float v : values) p.v[i++] = v;
  return p;
}

float run(const char* id, int order, float x, Params p) {
  const Activation* a = find_activation(id);
  REQUIRE(a != nullptr);
  float y = 0;
  a->kernels[order](&x, &y, 1, p);
  return y;
}
float run(const char* id, int order, float x) { return run(id, order, x, default_params(*find_activation(id))); }
bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

struct Exact {
  const char* id;
  int order;
  float x;
  float want;  // compared bit for bit, so the sign of zero counts
};

}  // namespace

TEST_CASE("NaN in gives NaN out for every function, order, fused and backward pass") {
  for (const Activation& a : activations()) {
    for (const Params& p : parameter_sets(a)) {
      for (float nan : {kNaN, -kNaN}) {
        INFO(a.id << " [" << describe(a, p) << "]");
        for (int order = 0; order < kOrders; ++order) CHECK(std::isnan(run(a.id, order, nan, p)));
        float g = 0, dg = 0, dx = 0, dy = 1;
        a.fused(&nan, &g, &dg, 1, p);
        a.backward(&nan, &dy, &dx, 1, p);
        CHECK(std::isnan(g));
        CHECK(std::isnan(dg));
        CHECK(std::isnan(dx));
      }
    }
  }
}

TEST_CASE("no finite input gives NaN or a wrong infinity") {
  const std::vector<float> xs = binade_sweep(16);
  for (const Activation& a : activations()) {
    for (const Params& p : parameter_sets(a)) {
      for (int order = 0; order < kOrders; ++order) {
        for (float x : xs) {
          const float y = run(a.id, order, x, p);
          if (std::isnan(y) || std::isinf(y)) {
            // Only g of the unbounded functions may overflow, and only with x.
            INFO(a.id << " order " << order << " x " << x << " -> " << y);
            CHECK(static_cast<float>(reference(*find_activation(a.id), static_cast<Order>(order), p, x)) == y);
          }
        }
      }
    }
  }
}

TEST_CASE("infinities give the mathematical limits") {
  const Exact cases[] = {
      {"identity", 0, kInf, kInf},      {"identity", 1, -kInf, 1},       {"identity", 2, kInf, 0},
      {"sigmoid", 0, kInf, 1},          {"sigmoid", 0, -kInf, 0},        {"sigmoid", 1, kInf, 0},
      {"sigmoid", 1, -kInf, 0},         {"sigmoid", 2, kInf, -0.0f},     {"sigmoid", 2, -kInf, 0},
      {"tanh", 0, kInf, 1},             {"tanh", 0, -kInf, -1},          {"tanh", 1, kInf, 0},
      {"tanh", 1, -kInf, 0},            {"tanh", 2, kInf, -0.0f},        {"tanh", 2, -kInf, 0},
      {"relu", 0, kInf, kInf},          {"relu", 0, -kInf, 0},           {"relu", 1, kInf, 1},
      {"relu", 1, -kInf, 0},            {"leaky_relu", 0, -kInf, -kInf}, {"leaky_relu", 1, -kInf, 0.01f},
      {"relu6", 0, kInf, 6},            {"relu6", 0, -kInf, 0},          {"relu6", 1, kInf, 0},
      {"hardtanh", 0, kInf, 1},         {"hardtanh", 0, -kInf, -1},      {"hardtanh", 1, -kInf, 0},
      {"elu", 0, kInf, kInf},           {"elu", 0, -kInf, -1},           {"elu", 1, -kInf, 0},
      {"elu", 2, -kInf, 0},             {"selu", 0, -kInf, static_cast<float>(-fn::kSeluLambda * fn::kSeluAlpha)},
      {"celu", 0, -kInf, -1},           {"celu", 1, -kInf, 0},           {"gelu", 0, kInf, kInf},
      {"gelu", 0, -kInf, -0.0f},        {"gelu", 1, kInf, 1},            {"gelu", 1, -kInf, 0},
      {"gelu", 2, kInf, 0},             {"gelu", 2, -kInf, 0},           {"gelu_tanh", 0, -kInf, -0.0f},
      {"gelu_tanh", 1, kInf, 1},        {"gelu_tanh", 2, -kInf, 0},      {"silu", 0, kInf, kInf},
      {"silu", 0, -kInf, -0.0f},        {"silu", 1, kInf, 1},            {"silu", 1, -kInf, 0},
      {"silu", 2, kInf, 0},             {"mish", 0, kInf, kInf},         {"mish", 0, -kInf, -0.0f},
      {"mish", 1, kInf, 1},             {"mish", 1, -kInf, 0},           {"mish", 2, -kInf, 0},
      {"softplus", 0, kInf, kInf},      {"softplus", 0, -kInf, 0},       {"softplus", 1, kInf, 1},
      {"softplus", 1, -kInf, 0},        {"softplus", 2, -kInf, 0},       {"softsign", 0, kInf, 1},
      {"softsign", 0, -kInf, -1},       {"softsign", 1, kInf, 0},        {"softsign", 2, -kInf, 0},
      {"hardsigmoid", 0, kInf, 1},      {"hardsigmoid", 0, -kInf, 0},    {"hardswish", 0, kInf, kInf},
      {"hardswish", 0, -kInf, 0},       {"hardswish", 1, kInf, 1},       
      {"log_sigmoid", 0, -kInf, -kInf}, {"log_sigmoid", 1, -kInf, 1},    {"log_sigmoid", 1, kInf, 0},
      {"log_sigmoid", 2, kInf, -0.0f}, {"log_sigmoid", 0, kInf, -0.0f},
  };
  for (const Exact& c : cases) {
    INFO(c.id << " order " << c.order << " at " << c.x);
    CHECK(run(c.id, c.order, c.x) == c.want);
    CHECK(std::signbit(run(c.id, c.order, c.x)) == std::signbit(c.want));
  }
}

TEST_CASE("conventions at kinks and at zero") {
  const float lambda_alpha = static_cast<float>(fn::kSeluLambda * fn::kSeluAlpha);
  const Exact cases[] = {
      {"relu", 1, 0, 0},          {"relu", 1, -0.0f, 0},     {"relu", 0, -0.0f, 0},  // relu(−0) = +0
      {"leaky_relu", 1, 0, 0.01f}, {"relu6", 1, 0, 0},       {"relu6", 1, 6, 0},     {"relu6", 0, 6, 6},
      {"hardtanh", 1, -1, 0},     {"hardtanh", 1, 1, 0},     {"hardtanh", 1, 0.5f, 1},
      {"elu", 1, 0, 1},           {"elu", 2, 0, 1},          {"elu", 0, 0, 0},
      {"selu", 1, 0, lambda_alpha}, {"celu", 1, 0, 1},       {"celu", 2, 0, 1},
      {"hardsigmoid", 1, -3, 0},  {"hardsigmoid", 1, 3, 0},  {"hardsigmoid", 0, -3, 0}, {"hardsigmoid", 0, 3, 1},
      {"hardswish", 1, -3, -0.5f}, {"hardswish", 1, 3, 1.5f}, {"hardswish", 2, -3, 1.0f / 3}, {"hardswish", 2, 3, 1.0f / 3},
      {"hardswish", 0, 3, 3},     {"softsign", 2, 0, 0},     {"softsign", 2, -0.0f, 0},
      {"sigmoid", 0, -0.0f, 0.5f}, {"sigmoid", 1, 0, 0.25f},
      {"tanh", 0, -0.0f, -0.0f},  {"tanh", 1, -0.0f, 1},     {"gelu", 0, 0, 0},      {"gelu", 1, 0, 0.5f},
      {"silu", 1, 0, 0.5f},       {"mish", 1, 0, 0.6f},
      {"softplus", 0, 0, static_cast<float>(0.69314718055994531)}, {"log_sigmoid", 1, 0, 0.5f},
  };
  for (const Exact& c : cases) {
    INFO(c.id << " order " << c.order << " at " << c.x);
    CHECK(same_bits(run(c.id, c.order, c.x), c.want));
  }
  // Parameters move the kinks with them.
  CHECK(run("leaky_relu", 1, 0, with("leaky_relu", {0.2f})) == 0.2f);
  CHECK(same_bits(run("leaky_relu", 0, -0.0f, with("leaky_relu", {0.2f})), -0.0f));
  CHECK(same_bits(run("leaky_relu", 0, -kInf, with("leaky_relu", {0.0f})), -0.0f));  // 0·(−inf) → limit 0
  CHECK(run("hardtanh", 1, -2, with("hardtanh", {-2, 0.5f})) == 0);
  CHECK(run("hardtanh", 0, 7, with("hardtanh", {-2, 0.5f})) == 0.5f);
  CHECK(run("elu", 1, 0, with("elu", {0.5f})) == 0.5f);
  CHECK(run("celu", 2, 0, with("celu", {2})) == 0.5f);
  // softplus switches to z where beta*z > threshold, as PyTorch.
  const Params sp = with("softplus", {2, 10});
  CHECK(run("softplus", 0, 5.0f, sp) != 5.0f);  // beta*z = threshold: still the log form
  CHECK(run("softplus", 0, 5.5f, sp) == 5.5f);
  CHECK(run("softplus", 1, 5.5f, sp) == 1);
  CHECK(run("softplus", 2, 5.5f, sp) == 0);
}

TEST_CASE("tails where textbook formulas give 0 or NaN stay accurate") {
  struct Tail {
    const char* id;
    int order;
    float x;
    double want;  // from the oracle's definition, in double or better
  };
  const Tail cases[] = {
      {"sigmoid", 1, 20, 2.0611536181902037e-9},     // y(1−y) = 0 for x ≥ 16.64
      {"sigmoid", 1, -100, 3.7200759760208361e-44},  // e^−z/(1+e^−z)² = NaN for z < −88.7
      {"sigmoid", 0, -100, 3.7200759760208361e-44},
      {"tanh", 1, 10, 8.2446144e-9},  // 1 − y² = 0 for |x| ≥ 9.0109
      {"tanh", 1, 50, 1.4878e-43},
  };
  for (const Tail& c : cases) {
    INFO(c.id << " order " << c.order << " at " << c.x);
    CHECK(ulp_error(run(c.id, c.order, c.x), c.want) <= 4);
  }
  // And against the oracle where the value is far from 0 relative to float's
  // range: the negative tails of the gated functions are not flushed to −0.
  const Tail gated[] = {{"gelu", 0, -10, 0}, {"gelu", 1, -10, 0}, {"gelu", 2, -12, 0}, {"gelu_tanh", 0, -10, 0},
                        {"silu", 0, -100, 0}, {"mish", 0, -100, 0},  {"softplus", 0, -100, 0}, {"log_sigmoid", 1, 100, 0},
                        {"elu", 0, -1e-7f, 0}, {"celu", 0, -1e-30f, 0}};
  for (const Tail& c : gated) {
    const Activation& a = *find_activation(c.id);
    const long double want = reference(a, static_cast<Order>(c.order), default_params(a), c.x);
    INFO(c.id << " order " << c.order << " at " << c.x << ": want " << static_cast<double>(want));
    CHECK(want != 0);
    CHECK(ulp_error(run(c.id, c.order, c.x), want) <= 1);
  }
  // Past the point where y rounds to 1 the textbook form is exactly 0.
  const float y = run("sigmoid", 0, 18.0f);
  CHECK(y * (1 - y) == 0.0f);
}

TEST_CASE("subnormal inputs") {
  const float tiny = std::numeric_limits<float>::denorm_min();
  const float sub = 0x1.8p-130f;
  CHECK(same_bits(run("tanh", 0, sub), sub));  // tanh x = x here
  CHECK(same_bits(run("tanh", 0, -tiny), -tiny));
  CHECK(run("sigmoid", 0, sub) == 0.5f);
  CHECK(run("tanh", 1, sub) == 1.0f);
  CHECK(run("sigmoid", 2, 0.0f) == 0.0f);  // either sign of zero
  CHECK(same_bits(run("relu", 0, sub), sub));
  CHECK(same_bits(run("relu", 0, -sub), 0.0f));
  CHECK(same_bits(run("leaky_relu", 0, -sub, with("leaky_relu", {0.5f})), -0x1.8p-131f));
  CHECK(same_bits(run("elu", 0, -sub), -sub));
  CHECK(same_bits(run("softsign", 0, sub), sub));
  CHECK(same_bits(run("silu", 0, sub), 0x1.8p-131f));
  CHECK(same_bits(run("gelu", 0, -sub), -0x1.8p-131f));
}

TEST_CASE("saturation is exact over whole ranges") {
  for (float x : dense_range(9.0110f, 1e30f, 1u << 12)) {
    INFO("x = " << x);
    REQUIRE(run("tanh", 0, x) == 1.0f);
    REQUIRE(run("tanh", 0, -x) == -1.0f);
  }
  // Correctly rounded σ reaches 1 at ln(2^25 − 1) = 17.3287 (the naive float
  // formula 1/(1 + expf(−x)) already at 16.6355).
  CHECK(run("sigmoid", 0, 17.3286f) < 1.0f);
  for (float x : dense_range(17.3288f, 1e30f, 1u << 12)) {
    INFO("x = " << x);
    REQUIRE(run("sigmoid", 0, x) == 1.0f);
  }
  for (float x : dense_range(104.0f, 1e30f, 1u << 12)) {
    INFO("x = " << x);
    REQUIRE(same_bits(run("sigmoid", 0, -x), 0.0f));
    REQUIRE(same_bits(run("sigmoid", 1, x), 0.0f));
    REQUIRE(same_bits(run("sigmoid", 1, -x), 0.0f));
  }
  for (float x : dense_range(53.0f, 1e30f, 1u << 12)) {
    INFO("x = " << x);
    REQUIRE(same_bits(run("tanh", 1, x), 0.0f));
  }
}
