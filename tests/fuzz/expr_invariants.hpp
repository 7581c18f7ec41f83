// What must hold for ANY source given to act::expr::Expression::compile,
// valid or not: checked by the fuzz target (tests/fuzz/expr_fuzz.cpp) and by
// the seeded Catch2 run. No oracle here: these are agreements between the
// engine's own passes, so they hold for expressions nobody wrote a reference
// for.
//
// Each check returns an empty string when all is well, else one line that
// names the violation (the caller traps or fails with it).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.hpp"
#include "expr_grammar.hpp"

namespace act::fuzz {

struct Checks {
  // compile(evaluated()) succeeds, adds no parameter, needs no further
  // rewrite and gives the same bits: evaluated() is shown to the user as
  // "what runs", so it must be what runs.
  bool round_trip = true;
  // Contracts stated in expression.hpp beyond the brief's minimum: source()
  // is the source given, a compiled source is within kMaxSourceLength,
  // rewrite columns point into the source, latex() and evaluated() are not
  // empty, error messages are valid UTF-8 without NUL (they reach JS
  // strings through embind).
  bool strict = true;
};

// FNV-1a: the parameter values and random inputs derive from the source, so
// a saved crash input reproduces them exactly.
inline uint64_t hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char ch : s) h = (h ^ ch) * 0x100000001b3ull;
  return h;
}

// std::bit_cast is missing from Emscripten 3.1.6's libc++, and this header
// is built for wasm too (act_tests).
template <class To, class From> inline To bits_as(From v) {
  static_assert(sizeof(To) == sizeof(From));
  To t;
  std::memcpy(&t, &v, sizeof t);
  return t;
}

// Equal bits, or both NaN (the NaN payload and sign are not part of the
// contract).
inline bool same(float a, float b) {
  return (std::isnan(a) && std::isnan(b)) || bits_as<uint32_t>(a) == bits_as<uint32_t>(b);
}

// Inputs where activations misbehave: zeros of both signs, infinities, NaN,
// subnormals, the float range's ends, the exp overflow and underflow edges,
// values next to 1, and a few random ones (bit patterns and moderate values).
// 41 of them, so that vector loops have a tail.
inline std::vector<float> interesting_inputs(uint64_t seed) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float tiny = std::numeric_limits<float>::denorm_min();
  const float fmin = std::numeric_limits<float>::min();
  const float fmax = std::numeric_limits<float>::max();
  // clang-format off
  std::vector<float> x = {
      0.0f, -0.0f, 1.0f, -1.0f, 0.5f, -0.5f, 2.0f, -2.0f, 3.0f, 20.0f, -20.0f,
      inf, -inf, nan, -nan,
      tiny, -tiny, 0x1p-130f, -0x1p-130f, fmin, -fmin, 1e-8f, -1e-8f,  // subnormal and tiny
      fmax, -fmax, 1e10f, -1e10f,
      88.72283f, -88.72283f, 89.0f, -104.0f,  // where expf overflows and underflows
      0x1.fffffep-1f, 0x1.000002p+0f};        // the neighbours of 1
  // clang-format on
  uint64_t state = seed;
  for (int i = 0; i < 4; ++i) x.push_back(bits_as<float>(static_cast<uint32_t>(splitmix64(state))));
  for (int i = 0; i < 4; ++i) x.push_back(static_cast<float>((splitmix64(state) >> 11) * 0x1p-53 * 20.0 - 10.0));
  return x;
}

// Finite parameter values: the usual ones, the awkward ones (0, tiny, huge,
// a subnormal double) and a random moderate one.
inline std::vector<double> parameter_values(size_t count, uint64_t seed) {
  static constexpr double kValues[] = {1.0,  0.0, -1.0, 0.5,    2.0,   -2.0,   3.0,      0.25,
                                       1e-3, 1e3, 30.0, 1e-300, 1e300, -1e300, 4.9e-324, -0.0};
  constexpr size_t kCount = sizeof kValues / sizeof *kValues;
  std::vector<double> p;
  uint64_t state = seed ^ 0x5eedull;
  for (size_t i = 0; i < count; ++i) {
    const uint64_t r = splitmix64(state);
    p.push_back(r % (kCount + 4) < kCount ? kValues[r % (kCount + 4)] : (r >> 11) * 0x1p-53 * 16.0 - 8.0);
  }
  return p;
}

namespace detail {

inline std::string hex(float v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", static_cast<double>(v));
  return buf;
}

inline std::string mismatch(const std::string& what, float x, float got, float want) {
  return what + " at x = " + hex(x) + ": " + hex(got) + " instead of " + hex(want);
}

inline bool valid_utf8_without_nul(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    if (c == 0) return false;
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    i += len;
  }
  return true;
}

inline bool identifier(std::string_view s) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (s.empty() || !letter(s[0])) return false;
  for (char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

inline int paren_depth(std::string_view s) {
  int depth = 0, deepest = 0;
  for (char c : s) {
    if (c == '(') deepest = std::max(deepest, ++depth);
    if (c == ')') --depth;
  }
  return deepest;
}

// y[order] for orders 0, 1, 2 on x.
struct Values {
  std::vector<float> y[3];
};

inline Values evaluate(const act::expr::Expression& e, const std::vector<float>& x, const double* params) {
  Values v;
  for (int order = 0; order < 3; ++order) {
    v.y[order].assign(x.size(), 0.0f);
    e.eval(order, x.data(), v.y[order].data(), x.size(), params);
  }
  return v;
}

}  // namespace detail

// Checks the passes of one compiled expression against each other: fused and
// backward against eval, each element independent of its position and of n,
// in place the same as out of place (kernels.hpp promises both).
inline std::string check_passes(const act::expr::Expression& e, const std::vector<float>& x, const double* params,
                                const detail::Values& v) {
  using detail::mismatch;
  const size_t n = x.size();
  for (int order = 0; order < 3; ++order) {
    // Twice, in place, on a shifted and shorter span, and n = 0 writes nothing.
    std::vector<float> again(n), in_place = x, shifted(n - 1), sentinel = {42.0f};
    e.eval(order, x.data(), again.data(), n, params);
    e.eval(order, in_place.data(), in_place.data(), n, params);
    e.eval(order, x.data() + 1, shifted.data(), n - 1, params);
    e.eval(order, x.data(), sentinel.data(), 0, params);
    const std::string name = "eval order " + std::to_string(order);
    if (sentinel[0] != 42.0f) return name + " with n = 0 wrote its output";
    for (size_t i = 0; i < n; ++i) {
      if (!same(again[i], v.y[order][i])) return mismatch(name + " run twice", x[i], again[i], v.y[order][i]);
      if (!same(in_place[i], v.y[order][i])) return mismatch(name + " in place", x[i], in_place[i], v.y[order][i]);
      if (i > 0 && !same(shifted[i - 1], v.y[order][i]))
        return mismatch(name + " one element later in the batch", x[i], shifted[i - 1], v.y[order][i]);
    }
  }

  std::vector<float> value(n), derivative(n);
  e.fused(x.data(), value.data(), derivative.data(), n, params);
  for (size_t i = 0; i < n; ++i) {
    if (!same(value[i], v.y[0][i])) return mismatch("fused value vs eval 0", x[i], value[i], v.y[0][i]);
    if (!same(derivative[i], v.y[1][i])) return mismatch("fused derivative vs eval 1", x[i], derivative[i], v.y[1][i]);
  }

  // dx = dy·g'(x) with g' in double rounded once: for dy = ±1 that is ±eval 1
  // exactly (rounding to nearest is symmetric). For dy = 2 or -4 it is
  // dy·eval 1 exactly when no subnormal or overflow rounding is involved:
  // scaling by a power of two commutes with rounding only then.
  static constexpr float kDy[] = {1.0f, -1.0f, 2.0f, -4.0f};
  std::vector<float> dy(n), dx(n);
  for (size_t i = 0; i < n; ++i) dy[i] = kDy[i % 4];
  e.backward(x.data(), dy.data(), dx.data(), n, params);
  std::vector<float> dx_in_place = dy;
  e.backward(x.data(), dx_in_place.data(), dx_in_place.data(), n, params);
  for (size_t i = 0; i < n; ++i) {
    if (!same(dx_in_place[i], dx[i])) return mismatch("backward in place (dx = dy)", x[i], dx_in_place[i], dx[i]);
    const float g1 = v.y[1][i];
    const double want = static_cast<double>(dy[i]) * g1;
    const bool exact =
        std::fabs(dy[i]) == 1.0f || std::isnan(g1) || std::isinf(g1) ||
        (std::fabs(g1) >= std::numeric_limits<float>::min() && std::fabs(want) >= std::numeric_limits<float>::min() &&
         std::fabs(want) <= std::numeric_limits<float>::max());
    if (exact && !same(dx[i], static_cast<float>(want)))
      return mismatch("backward with dy = " + std::to_string(static_cast<int>(dy[i])) + " vs dy * eval 1", x[i], dx[i],
                      static_cast<float>(want));
  }
  return {};
}

inline std::string check_expression(std::string_view source, const Checks& checks = {}) {
  using act::expr::Error;
  using act::expr::Expression;
  Error error;
  const std::unique_ptr<Expression> e = Expression::compile(source, &error);
  if (!e) {
    if (error.message.empty()) return "compile failed with an empty message";
    if (error.column < 0 || static_cast<size_t>(error.column) > source.size() + 1)
      return "error column " + std::to_string(error.column) + " outside [0, " + std::to_string(source.size() + 1) +
             "]: " + error.message;
    if (checks.strict && !detail::valid_utf8_without_nul(error.message))
      return "error message is not valid UTF-8 or holds a NUL";
    return {};
  }

  const std::vector<std::string>& names = e->parameters();
  for (size_t i = 0; i < names.size(); ++i) {
    if (!detail::identifier(names[i])) return "parameter " + std::to_string(i) + " is not an identifier";
    if (names[i] == "z" || names[i] == "pi" || names[i] == "e") return "parameter named " + names[i];
    for (size_t k = 0; k < i; ++k)
      if (names[k] == names[i]) return "parameter " + names[i] + " listed twice";
  }
  if (names.size() > act::expr::kMaxParameters) return std::to_string(names.size()) + " parameters compiled";

  if (checks.strict) {
    if (e->source() != source) return "source() differs from the source compiled";
    if (source.size() > act::expr::kMaxSourceLength) return "compiled a source longer than kMaxSourceLength";
    if (e->latex().empty()) return "latex() is empty";
    if (e->evaluated().empty()) return "evaluated() is empty";
    for (const act::expr::Rewrite& r : e->rewrites()) {
      if (r.column < 1 || static_cast<size_t>(r.column) > source.size())
        return "rewrite column " + std::to_string(r.column) + " outside the source";
      if (r.from.empty() || r.to.empty()) return "rewrite with an empty side";
    }
  }

  const uint64_t h = hash(source);
  const std::vector<float> x = interesting_inputs(h);
  const std::vector<double> params = parameter_values(names.size(), h);
  const double* p = params.empty() ? nullptr : params.data();
  const detail::Values v = detail::evaluate(*e, x, p);
  std::string violation = check_passes(*e, x, p, v);
  if (!violation.empty()) {
    for (size_t i = 0; i < names.size(); ++i) {
      char value[40];
      std::snprintf(value, sizeof value, "%.17g", params[i]);
      violation += (i ? ", " : " (with ") + names[i] + " = " + value;
    }
    return names.empty() ? violation : violation + ")";
  }

  // Only where the limits cannot be the reason for a failure: a rewrite may
  // lengthen the text or add parentheses.
  const std::string& text = e->evaluated();
  if (!checks.round_trip || text.size() > act::expr::kMaxSourceLength / 2 ||
      detail::paren_depth(text) > act::expr::kMaxDepth / 4)
    return {};
  Error again_error;
  const std::unique_ptr<Expression> again = Expression::compile(text, &again_error);
  if (!again)
    return "evaluated() does not compile: " + again_error.message + " (column " + std::to_string(again_error.column) +
           " of " + text + ")";
  if (!again->rewrites().empty())
    return "evaluated() needs a further rewrite: " + again->rewrites()[0].from + " -> " + again->rewrites()[0].to;
  // evaluated() may drop or reorder parameters; values go by name.
  std::vector<double> mapped;
  for (const std::string& name : again->parameters()) {
    size_t k = 0;
    while (k < names.size() && names[k] != name) ++k;
    if (k == names.size()) return "evaluated() has a parameter the source does not: " + name + " in " + text;
    mapped.push_back(params[k]);
  }
  const detail::Values w = detail::evaluate(*again, x, mapped.empty() ? nullptr : mapped.data());
  for (int order = 0; order < 3; ++order)
    for (size_t i = 0; i < x.size(); ++i)
      if (!same(w.y[order][i], v.y[order][i]))
        return detail::mismatch("compile(evaluated()) eval order " + std::to_string(order) + " [" + text + "]", x[i],
                                w.y[order][i], v.y[order][i]);
  return {};
}

}  // namespace act::fuzz
