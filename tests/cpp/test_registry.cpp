// The registry itself, for every entry: complete and consistent; its kernels,
// fused and backward passes compute their function (against the oracle);
// lookup, defaults, parameter checks (ranges, non-finite values, the entry's
// condition) and the JSON form JS reads.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <sstream>
#include <string>

#include "catalogue.hpp"

using namespace act;
using namespace act::testing;

namespace {

// A float as check_params and registry_json print it: the shortest decimal
// that reads back as the same float, and NaN, Infinity as JS prints them.
std::string js_number(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

std::string json_string(const char* s) {
  std::string out = "\"";
  for (; *s; ++s) {
    if (*s == '"' || *s == '\\') out += '\\';
    out += *s;
  }
  return out + "\"";
}

// (Through a stream: GCC 12 warns falsely, -Wrestrict, on some "literal" +
// std::string chains.)
template <class... Parts> std::string concat(const Parts&... parts) {
  std::ostringstream os;
  (os << ... << parts);
  return os.str();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Every combination of each parameter at its minimum, default and maximum.
std::vector<Params> range_grid(const Activation& a) {
  std::vector<Params> grid{default_params(a)};
  for (size_t i = 0; i < a.params.size(); ++i) {
    std::vector<Params> next;
    for (const Params& p : grid) {
      for (float v : {a.params[i].min, a.params[i].default_value, a.params[i].max}) {
        Params q = p;
        q.v[i] = v;
        next.push_back(q);
      }
    }
    grid = next;
  }
  return grid;
}

}  // namespace

TEST_CASE("every entry is complete and consistent") {
  std::set<std::string> ids;
  for (const Activation& a : catalogue()) {
    INFO(a.id);
    CHECK_FALSE(std::string(a.id).empty());
    CHECK(ids.insert(a.id).second);  // ids are unique
    CHECK_FALSE(std::string(a.name).empty());
    for (int order = 0; order < kOrders; ++order) {
      CHECK((a.precision[order] == 'f' || a.precision[order] == 'd' || a.precision[order] == 'm'));
    }
    // The goals: g ≤ 2, g' ≤ 4, g'' ≤ 8 ULP, in both tiers; the
    // fast view keeps the faithful kernels and figures where it has no own
    // kernels, and has float32 lanes and no more than the limits where it has.
    const Activation& fast = activations(Tier::fast)[static_cast<size_t>(&a - catalogue().data())];
    CHECK(std::string(fast.id) == a.id);
    CHECK(fast.tier == Tier::fast);
    CHECK(a.tier == Tier::faithful);
    const bool own = a.fast.fused != nullptr;
    CHECK(fast.fused == (own ? a.fast.fused : a.fused));
    CHECK(fast.backward == (own ? a.fast.backward : a.backward));
    for (int order = 0; order < kOrders; ++order) {
      INFO("order " << order);
      CHECK(a.max_ulp[order] <= kFastTierLimit[order]);
      CHECK(fast.max_ulp[order] <= kFastTierLimit[order]);
      CHECK_FALSE(a.dedicated[order]);
      CHECK(fast.dedicated[order] == own);
      CHECK(fast.kernels[order] == (own ? a.fast.kernels[order] : a.kernels[order]));
      CHECK(fast.max_ulp[order] == (own ? a.fast.max_ulp[order] : a.max_ulp[order]));
      if (own) CHECK(fast.precision[order] == 'f');
    }
    REQUIRE(a.params.size() <= static_cast<size_t>(kMaxParams));
    std::set<std::string> names;
    for (const ParamSpec& s : a.params) {
      INFO("parameter " << s.name);
      CHECK(names.insert(s.name).second);
      CHECK_FALSE(std::string(s.description).empty());
      CHECK(std::isfinite(s.min));
      CHECK(std::isfinite(s.max));
      CHECK(s.min <= s.default_value);
      CHECK(s.default_value <= s.max);
    }
    // A condition comes with the text that states it.
    CHECK((a.params_valid == nullptr) == (a.params_condition == nullptr));
  }
}

TEST_CASE("each kernel, the fused pass and backward compute their function and order") {
  // Away from kinks at the usual parameters, and not dyadic.
  const std::vector<float> xs = {-7.3f, -2.5f, -1.1f, -0.3f, 0.2f, 0.75f, 1.6f, 4.1f, 9.7f};
  const std::vector<float> dy = {0.5f, -1.25f, 3.0f, 0.1f, -0.7f, 2.0f, 1.0f, -3.5f, 0.3f};
  const size_t n = xs.size();
  std::vector<float> y(n), value(n), derivative(n), dx(n);
  int checked = 0;
  for (const Activation& a : every_tier()) {
    const oracle::Reference& ref = reference_of(a);
    for (const Params& p : declared_parameter_sets(a, ref)) {
      const std::vector<double> dp = as_doubles(a, p);
      a.fused(xs.data(), value.data(), derivative.data(), n, p);
      a.backward(xs.data(), dy.data(), dx.data(), n, p);
      for (int order = 0; order < kOrders; ++order) {
        a.kernels[order](xs.data(), y.data(), n, p);
        for (size_t i = 0; i < n; ++i) {
          const long double want = ref.eval[order](xs[i], dp.data());
          INFO(a.id << " [" << describe(a, p) << "] " << kOrderNames[order] << " at " << xs[i] << ": kernel " << y[i]
                    << ", oracle " << static_cast<double>(want));
          CHECK(ulp_error(y[i], want) <= a.max_ulp[order]);
          ++checked;
        }
      }
      for (size_t i = 0; i < n; ++i) {
        const long double g = ref.eval[0](xs[i], dp.data()), dg = ref.eval[1](xs[i], dp.data());
        INFO(a.id << " [" << describe(a, p) << "] at " << xs[i] << ": fused " << value[i] << ", " << derivative[i]
                  << "; backward " << dx[i] << " for dy = " << dy[i] << "; oracle g " << static_cast<double>(g)
                  << ", g' " << static_cast<double>(dg));
        CHECK(ulp_error(value[i], g) <= a.max_ulp[0]);
        CHECK(ulp_error(derivative[i], dg) <= a.max_ulp[1]);
        CHECK(ulp_error(dx[i], dg * dy[i]) <= a.max_ulp[1] + 0.5);  // one more rounding: dy·g'
        ++checked;
      }
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("lookup by id") {
  for (const Activation& a : catalogue()) {
    const std::string id = a.id;
    INFO(id);
    CHECK(find_activation(id) == &a);
    CHECK(find_activation(id + "_") == nullptr);
    CHECK(find_activation(" " + id) == nullptr);
    // A prefix finds nothing, or the entry with exactly that id (relu6 → relu).
    const Activation* prefix = find_activation(id.substr(0, id.size() - 1));
    CHECK((prefix == nullptr || prefix->id == id.substr(0, id.size() - 1)));
  }
  CHECK(find_activation("") == nullptr);
  CHECK(find_activation("no such activation") == nullptr);
}

TEST_CASE("default parameters are the registry's defaults, unused slots 0") {
  for (const Activation& a : catalogue()) {
    INFO(a.id);
    const Params p = default_params(a);
    for (size_t i = 0; i < static_cast<size_t>(kMaxParams); ++i) {
      CHECK(p.v[i] == (i < a.params.size() ? a.params[i].default_value : 0.0f));
    }
  }
}

TEST_CASE("parameter checks reject values out of range or not finite, naming the parameter, range and value") {
  const float inf = std::numeric_limits<float>::infinity();
  int checked = 0;
  for (const Activation& a : catalogue()) {
    for (size_t i = 0; i < a.params.size(); ++i) {
      const ParamSpec& s = a.params[i];
      INFO(a.id << " parameter " << s.name);
      // The bounds themselves are accepted, unless the entry's condition fails.
      for (float v : {s.min, s.max}) {
        Params p = default_params(a);
        p.v[i] = v;
        const bool condition = a.params_valid == nullptr || a.params_valid(p);
        CHECK(check_params(a, p).empty() == condition);
      }
      const float bad_values[] = {std::nextafter(s.min, -inf),
                                  std::nextafter(s.max, inf),
                                  s.min - 1 - std::fabs(s.min),
                                  std::numeric_limits<float>::quiet_NaN(),
                                  inf,
                                  -inf};
      for (float bad : bad_values) {
        Params p = default_params(a);
        p.v[i] = bad;
        const std::string msg = check_params(a, p);
        INFO("value " << bad << ": \"" << msg << "\"");
        CHECK(contains(msg, a.id));
        CHECK(contains(msg, concat("'", s.name, "'")));
        CHECK(contains(msg, concat("[", js_number(s.min), ", ", js_number(s.max), "]")));
        CHECK(contains(msg, concat("got ", js_number(bad))));
        ++checked;
      }
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("parameter checks apply each entry's condition within the ranges") {
  int violations = 0, accepted = 0, conditions = 0;
  for (const Activation& a : catalogue()) {
    conditions += a.params_valid != nullptr;
    for (const Params& p : range_grid(a)) {
      const std::string msg = check_params(a, p);
      INFO(a.id << " [" << describe(a, p) << "]: \"" << msg << "\"");
      if (a.params_valid == nullptr || a.params_valid(p)) {
        CHECK(msg.empty());
        ++accepted;
      } else {
        CHECK(contains(msg, a.id));
        CHECK(contains(msg, a.params_condition));
        ++violations;
      }
    }
    if (a.params_valid != nullptr) {
      // A condition that no parameters within the ranges violate is dead.
      bool violated = false;
      for (const Params& p : range_grid(a)) violated = violated || !a.params_valid(p);
      INFO(a.id << ": no combination of minima, defaults and maxima violates '" << a.params_condition << "'");
      CHECK(violated);
    }
  }
  REQUIRE(accepted > 0);
  if (conditions > 0) REQUIRE(violations > 0);
}

TEST_CASE("registry JSON carries each entry's id, name, parameters, condition, accuracy and precision") {
  const std::string json = registry_json();
  REQUIRE_FALSE(json.empty());
  CHECK(json.front() == '[');
  CHECK(json.back() == ']');
  size_t entries = 0;
  for (size_t pos = json.find("{\"id\":"); pos != std::string::npos; pos = json.find("{\"id\":", pos + 1)) ++entries;
  CHECK(entries == catalogue().size());
  const auto precision = [](char letter) { return letter == 'd' ? "float64" : letter == 'm' ? "mixed" : "float32"; };
  for (const Activation& a : catalogue()) {
    INFO(a.id);
    // This entry's object: from its id to the next entry's.
    const size_t begin = json.find("{\"id\":" + json_string(a.id));
    REQUIRE(begin != std::string::npos);
    const std::string entry = json.substr(begin, json.find("{\"id\":", begin + 1) - begin);
    INFO(entry);
    CHECK(contains(entry, "\"name\":" + json_string(a.name)));
    for (const ParamSpec& s : a.params) {
      CHECK(contains(entry, "{\"name\":" + json_string(s.name) + ",\"default\":" + js_number(s.default_value) +
                                ",\"min\":" + js_number(s.min) + ",\"max\":" + js_number(s.max) +
                                ",\"description\":" + json_string(s.description) + "}"));
    }
    CHECK(contains(entry, "\"params\":["));
    CHECK(contains(entry, "\"paramsCondition\":") == (a.params_condition != nullptr));
    if (a.params_condition) CHECK(contains(entry, "\"paramsCondition\":" + json_string(a.params_condition)));
    CHECK(contains(entry, "\"latex\":{\"value\":"));
    const auto flag = [](bool b) { return b ? "true" : "false"; };
    for (int t = 0; t < kTiers; ++t) {
      const Activation& view = *find_activation(a.id, static_cast<Tier>(t));
      CHECK(contains(
          entry, "\"" + std::string(kTierNames[t]) + "\":{\"accuracy\":{\"value\":" + js_number(view.max_ulp[0]) +
                     ",\"derivative\":" + js_number(view.max_ulp[1]) + ",\"second\":" + js_number(view.max_ulp[2]) +
                     "}," + "\"precision\":{\"value\":\"" + precision(view.precision[0]) + "\",\"derivative\":\"" +
                     precision(view.precision[1]) + "\",\"second\":\"" + precision(view.precision[2]) + "\"}," +
                     "\"dedicated\":{\"value\":" + flag(view.dedicated[0]) +
                     ",\"derivative\":" + flag(view.dedicated[1]) + ",\"second\":" + flag(view.dedicated[2]) + "}}"));
    }
  }
}
