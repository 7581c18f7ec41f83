// The registry itself: lookup, defaults, parameter checks and its JSON form.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "core/docs.hpp"
#include "core/registry.hpp"

using namespace act;

TEST_CASE("the registry holds the catalogue, each entry complete, with docs") {
  std::vector<std::string> ids;
  for (const Activation& a : activations()) {
    ids.push_back(a.id);
    INFO(a.id);
    for (int order = 0; order < kOrders; ++order) {
      CHECK(a.kernels[order] != nullptr);
      CHECK((a.precision[order] == 'f' || a.precision[order] == 'd' || a.precision[order] == 'm'));
    }
    CHECK(a.fused != nullptr);
    CHECK(a.backward != nullptr);
    CHECK(std::string(a.latex_value).size() > 0);
    CHECK(std::string(a.latex_derivative).size() > 0);
    CHECK(find_docs(a.id) != nullptr);
    CHECK(check_params(a, default_params(a)).empty());
    for (const ParamSpec& s : a.params) {
      CHECK(s.min <= s.default_value);
      CHECK(s.default_value <= s.max);
    }
    // The goals: g ≤ 2, g' ≤ 4, g'' ≤ 8 ULP.
    CHECK(a.max_ulp[0] <= 2);
    CHECK(a.max_ulp[1] <= 4);
    CHECK(a.max_ulp[2] <= 8);
  }
  const std::vector<std::string> expected = {
      "identity", "sigmoid", "tanh", "relu", "leaky_relu", "relu6", "hardtanh", "elu", "selu", "celu",
      "gelu", "gelu_tanh", "silu", "mish", "softplus", "softsign", "hardsigmoid", "hardswish", "log_sigmoid"};
  CHECK(ids == expected);
  std::vector<std::string> documented;
  for (const Docs& d : all_docs()) documented.push_back(d.id);
  CHECK(documented == expected);
}

TEST_CASE("lookup by id") {
  REQUIRE(find_activation("leaky_relu") != nullptr);
  CHECK(std::string(find_activation("leaky_relu")->id) == "leaky_relu");
  CHECK(find_activation("nope") == nullptr);
  CHECK(find_activation("") == nullptr);
  CHECK(default_params(*find_activation("leaky_relu")).v[0] == 0.01f);
  CHECK(default_params(*find_activation("softplus")).v[1] == 20.0f);
}

TEST_CASE("parameter checks name the parameter and the range") {
  const Activation& leaky = *find_activation("leaky_relu");
  Params p = default_params(leaky);
  p.v[0] = 0.0f;
  CHECK(check_params(leaky, p).empty());
  p.v[0] = 1.0f;
  CHECK(check_params(leaky, p).empty());
  for (float bad : {-0.001f, 1.5f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    p.v[0] = bad;
    const std::string msg = check_params(leaky, p);
    INFO(msg);
    CHECK(msg.find("'alpha'") != std::string::npos);
    CHECK(msg.find("[0, 1]") != std::string::npos);
  }
  p.v[0] = std::numeric_limits<float>::quiet_NaN();
  CHECK(check_params(leaky, p).find("got NaN") != std::string::npos);

  const Activation& hardtanh = *find_activation("hardtanh");
  Params bounds = default_params(hardtanh);
  bounds.v[0] = 2.0f;  // min > max
  CHECK(check_params(hardtanh, bounds) == "hardtanh: parameters must satisfy min < max");
  bounds.v[0] = 1.0f;  // min == max
  CHECK_FALSE(check_params(hardtanh, bounds).empty());
  CHECK(check_params(*find_activation("sigmoid"), Params{}).empty());
}

TEST_CASE("registry JSON carries ids, params, LaTeX, docs and accuracy") {
  const std::string json = registry_json();
  CHECK(json.front() == '[');
  CHECK(json.back() == ']');
  CHECK(json.find("\"id\":\"leaky_relu\"") != std::string::npos);
  CHECK(json.find("\"name\":\"alpha\",\"default\":0.01,\"min\":0,\"max\":1") != std::string::npos);
  CHECK(json.find("\"paramsCondition\":\"min < max\"") != std::string::npos);
  CHECK(json.find("\"derivation\":[{\"latex\":") != std::string::npos);
  CHECK(json.find("\"accuracy\":{\"value\":") != std::string::npos);
  CHECK(json.find("\\\\frac") != std::string::npos);  // LaTeX backslashes escaped
}
