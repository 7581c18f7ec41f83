// Source text for the expression language (src/expr/expression.hpp) drawn
// from its grammar. Raw bytes fed to the parser are almost always syntax
// errors a few characters in; here the bytes choose productions instead, so
// libFuzzer's coverage feedback steers deep, mostly valid expressions through
// the rewriter, the compiler and the tape. A few choices still make invalid
// tokens, invalid edits and abuse of the limits, so the error paths stay hot.
//
// Used by tests/fuzz/expr_fuzz.cpp (grammar mode) and, through
// random_expression(seed), by a seeded Catch2 run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.hpp"
#include "expr/expression.hpp"

namespace act::fuzz {

// SplitMix64: a tiny generator whose whole state is one seed, so a failure
// reproduces from the seed printed with it.
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// The fuzz bytes as a stream of choices. Past the end every choice is 0 and
// choice 0 is always a terminal, so every input, the empty one included,
// ends in a finite expression, and libFuzzer shrinking a crash shrinks the
// expression with it.
class Choices {
 public:
  Choices(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool exhausted() const { return pos_ >= size_; }
  uint32_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  // A choice in [0, n), n up to 65536 (two bytes when one cannot cover n).
  uint32_t below(uint32_t n) {
    if (n <= 1) return 0;
    uint32_t v = byte();
    if (n > 256) v = v << 8 | byte();
    return v % n;
  }
  // True with probability about k/256; never once the bytes run out, so the
  // tail of a short input stays plain.
  bool rarely(uint32_t k) { return !exhausted() && byte() < k; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

struct Function {
  std::string name;
  int arity;
};

// Every function the language knows: its own (expression.hpp) and every
// catalogue id, read from the registry so a new activation is fuzzed as soon
// as it is registered. where() is listed with arity 3; its first argument
// must be a comparison.
inline const std::vector<Function>& functions() {
  static const std::vector<Function> all = [] {
    std::vector<Function> f = {{"exp", 1},      {"log", 1}, {"log1p", 1}, {"expm1", 1}, {"sqrt", 1}, {"abs", 1},
                               {"sin", 1},      {"cos", 1}, {"tanh", 1},  {"erf", 1},   {"erfc", 1}, {"sigmoid", 1},
                               {"softplus", 1}, {"max", 2}, {"min", 2},   {"where", 3}};
    for (const Activation& a : activations()) {
      bool known = false;
      for (const Function& g : f) known = known || g.name == a.id;
      if (!known) f.push_back({a.id, 1});
    }
    return f;
  }();
  return all;
}

// Tokens for libFuzzer's -dict in raw mode: the raw fuzzer then splices
// whole names and operators instead of guessing them a byte at a time.
inline std::vector<std::string> dictionary() {
  std::vector<std::string> d = {"z", "pi", "e", "+",  "-",  "*",  "/",  "^",  "(",  ")",     ",",
                                "<", "<=", ">", ">=", "1e", "e-", "E+", ".5", "0.", "1e999", "1e-400"};
  for (const Function& f : functions()) d.push_back(f.name + "(");
  return d;
}

class Generator {
 public:
  explicit Generator(Choices& choices) : c_(choices) {}

  std::string run() {
    // Shallow trees are most often valid; the deeper caps reach kMaxDepth
    // (each level adds a parenthesis, a call or an operator or two).
    constexpr int kDepthCaps[] = {3, 6, 12, 24, 40, 70};
    max_depth_ = kDepthCaps[c_.below(6)];
    spacing_ = c_.below(3);
    expr(0);
    if (c_.rarely(32)) invalid_edit();
    return std::move(out_);
  }

 private:
  // Above this the generator only closes what it opened: the source limit
  // is kMaxSourceLength, and a little beyond it tests that limit's error.
  static constexpr size_t kBudget = act::expr::kMaxSourceLength + 2000;

  void expr(int depth) {
    if (depth >= max_depth_ || out_.size() > kBudget) return terminal();
    const int d = depth + 1;
    uint32_t choice = c_.below(16);
    // A lone leaf at the top teaches the fuzzer nothing: there, and while
    // bytes remain, the leaves give way to compound forms.
    if (depth == 0 && choice < 4 && !c_.exhausted()) choice = 4 + c_.below(9);
    switch (choice) {
      case 0: return terminal();
      case 1: return number();
      case 2: return parameter();
      case 3: out_ += c_.below(2) ? "pi" : "e"; return;
      case 4:
      case 5: return binary(d, "+-*/"[c_.below(4)]);
      case 6: return power(d);
      case 7:
        out_ += c_.below(4) ? '-' : '+';
        space();
        return expr(d);
      case 8:
        out_ += '(';
        space();
        expr(d);
        space();
        out_ += ')';
        return;
      case 9:
      case 10: return call(d);
      case 11: return where(d);
      case 12: {  // a flat chain, to exercise precedence without parentheses
        const uint32_t terms = 2 + c_.below(5);
        for (uint32_t i = 0; i < terms; ++i) {
          if (i) op("+-*/^"[c_.below(5)]);
          expr(d);
        }
        return;
      }
      case 13: return c_.rarely(16) ? abuse() : number();
      case 14: return c_.rarely(16) ? invalid_token() : parameter();
      default: return terminal();
    }
  }

  void terminal() { out_ += 'z'; }

  void space() {
    if (spacing_ < 2) return;
    static constexpr const char* kSpaces[] = {"", "", "", "", "", " ", " ", "  ", "\t", "\n", "\r\n"};
    out_ += kSpaces[c_.below(11)];
  }

  void op(char o) {
    if (spacing_ == 1) out_ += ' ';
    space();
    out_ += o;
    if (spacing_ == 1) out_ += ' ';
    space();
  }

  void binary(int d, char o) {
    const bool parens = c_.below(2);
    if (parens) out_ += '(';
    expr(d);
    op(o);
    expr(d);
    if (parens) out_ += ')';
  }

  // u^n for an integer n is repeated multiplication: the exponents below
  // probe zero, signs, the int32, 2^53 and int64 edges (a cast past
  // them is undefined behaviour UBSan reports), and exponents so big that
  // a loop of n multiplications would hang.
  void power(int d) {
    expr(d);
    op('^');
    // clang-format off
    static constexpr const char* kExponents[] = {
        "0", "1", "2", "3", "-1", "-2", "0.5", "-0.5", "2.0", "31", "32", "63", "64", "100", "1000", "65536",
        "2147483647", "2147483648", "-2147483648", "4294967296", "9007199254740993", "1e18",
        "9223372036854775808", "-9.3e18", "1e19", "1e300", "1e999"};
    // clang-format on
    switch (c_.below(4)) {
      case 0: out_ += kExponents[c_.below(sizeof kExponents / sizeof *kExponents)]; return;
      case 1: return parameter();
      case 2:
        out_ += '(';
        expr(d);
        out_ += ')';
        return;
      default: return expr(d);
    }
  }

  void number() {
    // clang-format off
    static constexpr const char* kSpecial[] = {
        "0", "1", "2", "3", "0.5", "0.1", "00", "007", "0.0", "1.", ".0", "1E5", "1e+5", "2.5E-2",
        "1e308", "1.7976931348623157e308", "1e-308", "4.9e-324", "1e-330", "1e330",  // double's edges
        "3.4028235e38", "3.4028236e38", "1.17549435e-38", "1e-45",                   // float's edges
        "88.72283", "0.044715", "1.702"};
    // clang-format on
    switch (c_.below(6)) {
      case 0: out_ += static_cast<char>('0' + c_.below(10)); return;
      case 1: out_ += std::to_string(c_.below(65536)); return;
      case 2: out_ += std::to_string(c_.below(100)) + '.' + std::to_string(c_.below(1000)); return;
      case 3: out_ += '.' + std::to_string(1 + c_.below(999)); return;
      case 4: {
        static constexpr const char* kExponentMarks[] = {"e", "E", "e-", "e+", "E-", "E+"};
        out_ += std::to_string(1 + c_.below(9));
        if (c_.below(2)) out_ += '.' + std::to_string(c_.below(100));
        out_ += kExponentMarks[c_.below(6)];
        // Mostly ordinary exponents; now and then past the double range.
        out_ += std::to_string(c_.rarely(32) ? c_.below(400) : c_.below(40));
        return;
      }
      default: out_ += kSpecial[c_.below(sizeof kSpecial / sizeof *kSpecial)]; return;
    }
  }

  // Names a user might pick, names that brush against the language's own
  // (z, pi, e, function names, inf and nan as a printer might write them),
  // and numbered ones, so some expressions have many parameters.
  void parameter() {
    static constexpr const char* kNames[] = {"a",   "b",   "c",   "k",   "w",        "alpha", "beta_2", "_t",
                                             "x",   "zz",  "z1",  "pie", "e2",       "ee",    "expo",   "relu_",
                                             "inf", "nan", "NaN", "Inf", "Infinity", "E",     "PI",     "Z"};
    if (c_.below(4)) {
      out_ += kNames[c_.below(sizeof kNames / sizeof *kNames)];
    } else {
      out_ += 'p';
      out_ += std::to_string(c_.below(80));
    }
  }

  void call(int d) {
    const std::vector<Function>& fs = functions();
    const Function& f = fs[c_.below(fs.size())];
    if (f.arity == 3) return where(d);
    out_ += f.name;
    out_ += '(';
    space();
    for (int i = 0; i < f.arity; ++i) {
      if (i) {
        out_ += ',';
        if (spacing_ == 1) out_ += ' ';
        space();
      }
      expr(d);
    }
    space();
    out_ += ')';
  }

  void comparison(int d) {
    static constexpr const char* kComparisons[] = {"<", "<=", ">", ">="};
    expr(d);
    if (spacing_ == 1) out_ += ' ';
    out_ += kComparisons[c_.below(4)];
    if (spacing_ == 1) out_ += ' ';
    expr(d);
  }

  void where(int d) {
    out_ += "where(";
    comparison(d);
    out_ += spacing_ == 1 ? ", " : ",";
    expr(d);
    out_ += spacing_ == 1 ? ", " : ",";
    expr(d);
    out_ += ')';
  }

  // Inputs that hit the limits: nesting just below, at and far above
  // kMaxDepth, right-associative chains, long sums of distinct terms (the
  // node limit), many parameters, very long numbers.
  void abuse() {
    const size_t kCounts[] = {act::expr::kMaxDepth - 1,
                              act::expr::kMaxDepth,
                              act::expr::kMaxDepth + 1,
                              2 * act::expr::kMaxDepth,
                              1000,
                              10000};
    const size_t n = kCounts[c_.below(6)];
    switch (c_.below(9)) {
      case 0:
        out_.append(n, '(');
        out_ += 'z';
        out_.append(n, ')');
        return;
      case 1:
        out_.append(n, '-');
        out_ += 'z';
        return;
      case 2:
        for (size_t i = 0; i < n; ++i) out_ += "z^";
        out_ += '2';
        return;
      case 3:
        for (size_t i = 0; i < n; ++i) out_ += "exp(";
        out_ += 'z';
        out_.append(n, ')');
        return;
      case 4:  // distinct subexpressions: sharing cannot merge them
        for (size_t i = 1; i <= n && out_.size() < kBudget + 20000; ++i) {
          if (i > 1) out_ += '+';
          out_ += "z*" + std::to_string(i);
        }
        return;
      case 5: {
        const size_t kParams[] = {act::expr::kMaxParameters - 1, act::expr::kMaxParameters,
                                  act::expr::kMaxParameters + 1, 300};
        const size_t m = kParams[c_.below(4)];
        for (size_t i = 0; i < m; ++i) out_ += (i ? "+q" : "q") + std::to_string(i);
        return;
      }
      case 6:
        out_ += '1';
        out_.append(n, '0');
        return;
      case 7:
        out_ += "0.";
        out_.append(n, '3');
        out_ += "e-";
        out_.append(n % 7 + 1, '9');
        return;
      default:  // one shared term: a long chain that sharing collapses
        for (size_t i = 0; i < n; ++i) out_ += "z+";
        out_ += 'z';
        return;
    }
  }

  // Tokens and forms the parser must reject (or accept, for the odd valid
  // one) with a message: wrong arity, unknown names, comparisons outside
  // where, malformed numbers, non-ASCII look-alikes, stray bytes.
  void invalid_token() {
    static const std::string kTokens[] = {"nosuch(z)",
                                          "exp(z, z)",
                                          "max(z)",
                                          "min(z, z, z)",
                                          "where(z, 1, 2)",
                                          "where(z < 1, 2)",
                                          "where(z<1,z,)",
                                          "relu()",
                                          "sigmoid(z)(z)",
                                          "z < 1",
                                          "z == 1",
                                          "z != 1",
                                          "1e999",
                                          "-1e999",
                                          "1e",
                                          "1e+",
                                          "1.2.3",
                                          ".",
                                          "0x1F",
                                          "2z",
                                          "z z",
                                          "(",
                                          ")",
                                          "()",
                                          ",",
                                          "**",
                                          "z!",
                                          "z^^2",
                                          "--z",
                                          "+-+z",
                                          "exp",
                                          "exp z",
                                          "e^",
                                          "\xcf\x80",               // π
                                          "\xe2\x88\x92z",          // U+2212 minus sign
                                          "z\xc2\xb2",              // z²
                                          "\xff",                   // never valid UTF-8
                                          "\xc3",                   // truncated sequence
                                          std::string("z\0+1", 4),  // NUL inside
                                          "$",
                                          "\\sigma",
                                          "#"};
    out_ += kTokens[c_.below(sizeof kTokens / sizeof *kTokens)];
  }

  // One edit of the finished text: most make it invalid at a position the
  // error must point at.
  void invalid_edit() {
    const size_t pos = c_.below(static_cast<uint32_t>(out_.size() + 1));
    switch (c_.below(7)) {
      case 0:
        if (pos < out_.size()) out_.erase(pos, 1);
        return;
      case 1: out_.insert(pos, 1, c_.below(2) ? '(' : ')'); return;
      case 2: out_.insert(pos, 1, static_cast<char>(c_.byte())); return;  // any byte: NUL, 0x80..0xff
      case 3: out_.resize(pos); return;
      case 4: {
        const size_t len = c_.below(16);
        out_.insert(pos, out_.substr(pos, len));
        return;
      }
      case 5:
        if (pos + 1 < out_.size()) std::swap(out_[pos], out_[pos + 1]);
        return;
      default: out_.append(10000, '('); return;
    }
  }

  Choices& c_;
  std::string out_;
  int max_depth_ = 0;
  uint32_t spacing_ = 0;  // 0 none, 1 around operators, 2 random whitespace
};

// The grammar mode's mapping: any bytes to an expression.
inline std::string expression_from_bytes(const uint8_t* data, size_t size) {
  Choices choices(data, size);
  return Generator(choices).run();
}

// A reproducible random expression for tests: the seed fills the choice
// bytes. More bytes allow bigger trees.
inline std::string random_expression(uint64_t seed, size_t bytes = 512) {
  std::vector<uint8_t> data(bytes);
  uint64_t state = seed;
  for (size_t i = 0; i < bytes; i += 8) {
    const uint64_t r = splitmix64(state);
    for (size_t k = 0; k < 8 && i + k < bytes; ++k) data[i + k] = static_cast<uint8_t>(r >> (8 * k));
  }
  return expression_from_bytes(data.data(), data.size());
}

}  // namespace act::fuzz
