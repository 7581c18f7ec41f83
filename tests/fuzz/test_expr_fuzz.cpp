// The fuzz target's invariants (expr_invariants.hpp) on a fixed, seeded set
// of grammar expressions: the short fuzz run every `npm test` makes, on every
// build (native and both wasm builds, which libFuzzer cannot reach). Part of
// act_tests: CMakeLists.txt adds this file beside tests/cpp/test_*.cpp.
//
//   ACT_FUZZ_SEED=n   another first seed (a failure prints its seed)
//   ACT_FUZZ_COUNT=n  another number of expressions (default 1500)
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <string>

#include "expr/presets.hpp"
#include "expr_grammar.hpp"
#include "expr_invariants.hpp"

namespace {

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("grammar expressions keep the engine's invariants", "[expr][fuzz]") {
  const uint64_t first = env_or("ACT_FUZZ_SEED", 20261201);
  const uint64_t count = env_or("ACT_FUZZ_COUNT", 1500);
  uint64_t compiled = 0;
  for (uint64_t seed = first; seed < first + count; ++seed) {
    const std::string source = act::fuzz::random_expression(seed);
    INFO("seed " << seed << ", source: " << source.substr(0, 500));
    REQUIRE(act::fuzz::check_expression(source) == "");
    act::expr::Error error;
    compiled += act::expr::Expression::compile(source, &error) != nullptr;
  }
  // The generator's point is depth in valid expressions: if most of what it
  // writes stops compiling, the language and the grammar have drifted apart.
  INFO(compiled << " of " << count << " compiled");
  CHECK(compiled * 2 >= count);
}

TEST_CASE("the presets keep the engine's invariants", "[expr][fuzz]") {
  for (const act::expr::Preset& p : act::expr::presets()) {
    INFO(p.id << ": " << p.source);
    REQUIRE(act::fuzz::check_expression(p.source) == "");
  }
}

TEST_CASE("the grammar calls every function of the language", "[expr][fuzz]") {
  std::set<std::string> seen;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    const std::string source = act::fuzz::random_expression(seed);
    for (const act::fuzz::Function& f : act::fuzz::functions())
      if (source.find(f.name + "(") != std::string::npos) seen.insert(f.name);
  }
  for (const act::fuzz::Function& f : act::fuzz::functions()) {
    INFO(f.name);
    CHECK(seen.count(f.name) == 1);
  }
}

TEST_CASE("the grammar is a function of its bytes", "[expr][fuzz]") {
  CHECK(act::fuzz::random_expression(7) == act::fuzz::random_expression(7));
  CHECK(act::fuzz::expression_from_bytes(nullptr, 0) == "z");
}
