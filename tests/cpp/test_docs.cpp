// The teaching documentation (docs.hpp): one entry per activation, every
// field filled in, and LaTeX that is at least structurally well formed.
// Rendering itself is checked with KaTeX on the JS side.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "core/docs.hpp"

using namespace act;

namespace {

const std::vector<std::string> kIds = {
    "identity",  "sigmoid",     "tanh",      "relu",     "leaky_relu",
    "relu6",     "hardtanh",    "elu",       "selu",     "celu",
    "gelu",      "gelu_tanh",   "silu",      "mish",     "softplus",
    "softsign",  "hardsigmoid", "hardswish", "log_sigmoid",
};

const std::set<std::string> kFamilies = {
    "Sigmoid-like",    "ReLU family",        "Exponential linear",
    "Smooth gated (self-gated)", "Softplus family", "Hard (piecewise linear)",
    "Linear",
};

bool filled(const char* s) { return s != nullptr && std::strlen(s) > 0; }

// Number of times `command` occurs as a whole control word (so "\left" does
// not count "\leftarrow").
int count_command(const std::string& tex, const std::string& command) {
  int n = 0;
  for (size_t pos = tex.find(command); pos != std::string::npos;
       pos = tex.find(command, pos + 1)) {
    const size_t end = pos + command.size();
    const bool letter_follows =
        end < tex.size() && ((tex[end] >= 'a' && tex[end] <= 'z') ||
                             (tex[end] >= 'A' && tex[end] <= 'Z'));
    if (!letter_follows) ++n;
  }
  return n;
}

// Empty when the TeX is structurally balanced, otherwise what is wrong.
std::string tex_problem(const std::string& tex) {
  if (tex.empty()) return "empty";
  if (tex.find('$') != std::string::npos) return "contains $";
  int depth = 0;
  for (size_t i = 0; i < tex.size(); ++i) {
    if (tex[i] == '\\') {
      ++i;  // skip the escaped character: \{ \} \\ are not groups
      continue;
    }
    if (tex[i] == '{') ++depth;
    if (tex[i] == '}' && --depth < 0) return "'}' without '{'";
  }
  if (depth != 0) return "unclosed '{'";
  const std::pair<const char*, const char*> pairs[] = {
      {"\\left", "\\right"}, {"\\bigl", "\\bigr"}, {"\\Bigl", "\\Bigr"},
      {"\\begin", "\\end"}};
  for (const auto& p : pairs) {
    if (count_command(tex, p.first) != count_command(tex, p.second)) {
      return std::string(p.first) + " and " + p.second + " do not pair up";
    }
  }
  return {};
}

// Text with inline TeX between $...$: the delimiters pair up and every
// segment is balanced TeX.
std::string text_problem(const char* text) {
  if (!filled(text)) return "empty";
  const std::string s = text;
  std::vector<size_t> dollars;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$') dollars.push_back(i);
  }
  if (dollars.size() % 2 != 0) return "odd number of $";
  for (size_t k = 0; k < dollars.size(); k += 2) {
    const std::string segment =
        s.substr(dollars[k] + 1, dollars[k + 1] - dollars[k] - 1);
    const std::string problem = tex_problem(segment);
    if (!problem.empty()) return "$" + segment + "$: " + problem;
  }
  return {};
}

}  // namespace

TEST_CASE("docs cover the 19 activations in order", "[docs]") {
  std::vector<std::string> ids;
  for (const Docs& d : all_docs()) ids.push_back(d.id);
  CHECK(ids == kIds);
}

TEST_CASE("every docs field is filled in", "[docs]") {
  for (const Docs& d : all_docs()) {
    INFO(d.id);
    CHECK(filled(d.id));
    CHECK(kFamilies.count(d.family) == 1);
    CHECK(filled(d.summary));
    CHECK(filled(d.latex_second));
    CHECK(d.derivation.size() >= 3);
    CHECK(d.derivation.size() <= 6);
    CHECK(d.second_derivation.size() >= 1);
    CHECK(d.second_derivation.size() <= 4);
    for (const auto* steps : {&d.derivation, &d.second_derivation}) {
      for (const DerivationStep& s : *steps) {
        CHECK(filled(s.latex));
        CHECK(filled(s.text));
      }
    }
    CHECK(filled(d.kinks));
    CHECK(filled(d.computation));
    CHECK(filled(d.notes));
    const Properties& p = d.properties;
    CHECK(filled(p.range));
    CHECK(filled(p.monotonic));
    CHECK(filled(p.smoothness));
    CHECK(filled(p.saturating));
    CHECK(filled(p.dead_zone));
  }
}

TEST_CASE("docs LaTeX is balanced", "[docs]") {
  for (const Docs& d : all_docs()) {
    INFO(d.id);
    std::vector<const char*> latex = {d.latex_second, d.properties.range};
    for (const auto* steps : {&d.derivation, &d.second_derivation}) {
      for (const DerivationStep& s : *steps) latex.push_back(s.latex);
    }
    for (const char* tex : latex) {
      INFO(tex);
      CHECK(tex_problem(tex).empty());
    }
  }
}

TEST_CASE("docs text has paired $...$ with balanced TeX inside", "[docs]") {
  for (const Docs& d : all_docs()) {
    INFO(d.id);
    std::vector<const char*> texts = {
        d.summary,   d.kinks,
        d.computation, d.notes,
        d.properties.monotonic, d.properties.smoothness,
        d.properties.saturating, d.properties.dead_zone};
    for (const auto* steps : {&d.derivation, &d.second_derivation}) {
      for (const DerivationStep& s : *steps) texts.push_back(s.text);
    }
    for (const char* text : texts) {
      INFO(text);
      CHECK(text_problem(text).empty());
    }
  }
}

TEST_CASE("the balance checks catch broken TeX", "[docs]") {
  CHECK(tex_problem(R"(\frac{1}{2})").empty());
  CHECK(tex_problem(R"(\{ a \})").empty());
  CHECK_FALSE(tex_problem(R"(\frac{1}{2)").empty());
  CHECK_FALSE(tex_problem(R"(\left( z)").empty());
  CHECK(tex_problem(R"(z \leftarrow 1)").empty());
  CHECK_FALSE(tex_problem(R"(\begin{cases} z)").empty());
  CHECK_FALSE(text_problem(R"(odd $z$ count $)").empty());
  CHECK(text_problem(R"(plain text)").empty());
}

TEST_CASE("find_docs looks up by id", "[docs]") {
  for (const std::string& id : kIds) {
    const Docs* d = find_docs(id);
    REQUIRE(d != nullptr);
    CHECK(std::string(d->id) == id);
  }
  CHECK(find_docs("nope") == nullptr);
  CHECK(find_docs("") == nullptr);
  CHECK(find_docs("Sigmoid") == nullptr);
  CHECK(find_docs("gelu") == &all_docs()[10]);
}

TEST_CASE("zero-centred flags follow g(0) = 0", "[docs]") {
  // g(0) != 0 for these; every other activation has g(0) = 0 and both signs
  // (leaky_relu and hardtanh at their default parameters).
  const std::set<std::string> not_centred = {"sigmoid", "relu", "relu6", "softplus",
                                             "hardsigmoid", "log_sigmoid"};
  for (const Docs& d : all_docs()) {
    INFO(d.id);
    CHECK(d.properties.zero_centred == (not_centred.count(d.id) == 0));
  }
}
