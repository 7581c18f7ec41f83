// The registry itself: lookup, defaults, parameter checks and its JSON form.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "core/registry.hpp"

using namespace act;

TEST_CASE("the registry holds the seed's four activations with unique ids") {
  std::set<std::string> ids;
  for (const Activation& a : activations()) {
    CHECK(ids.insert(a.id).second);
    CHECK(a.kernels[0] != nullptr);
    CHECK(a.kernels[1] != nullptr);
    CHECK(std::string(a.latex_value).size() > 0);
    CHECK(std::string(a.latex_derivative).size() > 0);
    for (const ParamSpec& s : a.params) {
      CHECK(s.min <= s.default_value);
      CHECK(s.default_value <= s.max);
    }
  }
  CHECK(ids == std::set<std::string>{"sigmoid", "tanh", "relu", "leaky_relu"});
}

TEST_CASE("lookup by id") {
  REQUIRE(find_activation("leaky_relu") != nullptr);
  CHECK(std::string(find_activation("leaky_relu")->id) == "leaky_relu");
  CHECK(find_activation("nope") == nullptr);
  CHECK(find_activation("") == nullptr);
  CHECK(default_params(*find_activation("leaky_relu")).v[0] == 0.01f);
}

TEST_CASE("parameter checks name the parameter and the range") {
  const Activation& leaky = *find_activation("leaky_relu");
  Params p = default_params(leaky);
  CHECK(check_params(leaky, p).empty());
  p.v[0] = 0.0f;
  CHECK(check_params(leaky, p).empty());
  p.v[0] = 1.0f;
  CHECK(check_params(leaky, p).empty());
  for (float bad : {-0.001f, 1.5f, std::numeric_limits<float>::quiet_NaN(),
                    std::numeric_limits<float>::infinity()}) {
    p.v[0] = bad;
    const std::string msg = check_params(leaky, p);
    INFO(msg);
    CHECK(msg.find("alpha") != std::string::npos);
    CHECK(msg.find("[0, 1]") != std::string::npos);
  }
  CHECK(check_params(*find_activation("sigmoid"), Params{}).empty());
}

TEST_CASE("registry JSON carries ids, params, LaTeX and accuracy") {
  const std::string json = registry_json();
  CHECK(json.front() == '[');
  CHECK(json.back() == ']');
  CHECK(json.find("\"id\":\"leaky_relu\"") != std::string::npos);
  CHECK(json.find("\"name\":\"alpha\",\"default\":0.01,\"min\":0,\"max\":1") !=
        std::string::npos);
  // Backslashes of LaTeX are escaped.
  CHECK(json.find("\\\\frac") != std::string::npos);
}
