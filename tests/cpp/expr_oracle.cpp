#include "expr_oracle.hpp"

#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <utility>

#include "core/registry.hpp"
#include "oracle.hpp"

namespace act::oracle::expr {

namespace {

constexpr Real kPi = 3.141592653589793238462643383279502884L;
constexpr Real kE = 2.718281828459045235360287471352662498L;
constexpr Real kTwoOverSqrtPi = 1.128379167095512573896158903121545172L;
constexpr Real kNaN = std::numeric_limits<Real>::quiet_NaN();
// float64's smallest subnormal: the absolute error of a float64 result that
// underflows.
constexpr Real kDoubleTiny = 0x1p-1074L;

enum class Op {
  kZ,
  kConst,
  kParam,
  kNeg,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kPowInt,
  kPowConst,
  kPowVar,
  kFn,
  kCatalogue,
  kMax,
  kMin,
  kAbs,
  kWhere
};
enum class Fn { kExp, kLog, kLog1p, kExpm1, kSqrt, kSin, kCos, kTanh, kErf, kErfc, kSigmoid, kSoftplus };
enum class Cmp { kLt, kLe, kGt, kGe };

struct Node {
  Op op = Op::kConst;
  int kid[4] = {-1, -1, -1, -1};
  Real value = 0;                  // kConst; the folded exponent of kPowInt
  long long n = 0;                 // kPowInt
  int param = -1;                  // kParam
  Fn fn = Fn::kExp;                // kFn
  Cmp cmp = Cmp::kLt;              // kWhere
  const Reference* ref = nullptr;  // kCatalogue
  std::vector<double> catalogue_params;
  bool uses_z = false, uses_param = false;
};

// f, f', f'' of one elementary function at u.
struct F3 {
  Real f, f1, f2;
};

// A product that is 0 when either factor is exactly 0, so that an exact zero
// (a constant's derivative, a vanishing curvature) wins over an infinity.
Real mulz(Real a, Real b) { return a == 0 || b == 0 ? 0 : a * b; }
// a / b. Emscripten 3.1.6's soft-float quad division returns 2 for
// 1/(1 − 2^-113), a divisor whose 113-bit mantissa is all ones (measured;
// a million other divisors near 1 were right). Such a divisor is
// ±2^k·(1 − 2^-113), whose reciprocal is 2^-k·(1 + 2^-113) to quad rounding.
Real quotient(Real a, Real b) {
  if constexpr (LDBL_MANT_DIG == 113) {
    int k = 0;
    const Real m = std::frexp(std::fabs(b), &k);
    if (m == 1 - 0x1p-113L) return std::copysign(std::ldexp(a * (1 + 0x1p-113L), -k), b);
  }
  return a / b;
}

Real divz(Real a, Real b) { return a == 0 ? 0 : quotient(a, b); }

bool fits_double(Real r) { return static_cast<Real>(static_cast<double>(r)) == r; }

// sigmoid and its derivatives from t = e^-|u|: no 1 - s, no s(1 - s).
F3 sigmoid3(Real u) {
  const Real t = std::exp(-std::fabs(u));
  const Real s = u >= 0 ? quotient(1, 1 + t) : quotient(t, 1 + t);
  const Real s1 = quotient(t, (1 + t) * (1 + t));
  // 1 - 2s = -+(1 - t)/(1 + t), with 1 - t = -expm1(-|u|) exact near u = 0.
  const Real m = quotient(std::expm1(-std::fabs(u)), 1 + t);
  return {s, s1, mulz(s1, u >= 0 ? m : -m)};
}

F3 elementary(Fn fn, Real u) {
  switch (fn) {
    case Fn::kExp: {
      const Real e = std::exp(u);
      return {e, e, e};
    }
    case Fn::kLog: return {std::log(u), quotient(1, u), -quotient(1, u * u)};
    case Fn::kLog1p: {
      const Real w = 1 + u;
      return {std::log1p(u), quotient(1, w), -quotient(1, w * w)};
    }
    case Fn::kExpm1: {
      const Real e = std::exp(u);
      return {std::expm1(u), e, e};
    }
    case Fn::kSqrt: {
      const Real s = std::sqrt(u);
      return {s, quotient(0.5L, s), -quotient(0.25L, u * s)};
    }
    case Fn::kSin: return {std::sin(u), std::cos(u), -std::sin(u)};
    case Fn::kCos: return {std::cos(u), -std::sin(u), -std::cos(u)};
    case Fn::kTanh: {
      // 1 - tanh^2 = 4e/(1+e)^2 with e = e^-2|u|: no cancellation as tanh -> +-1.
      const Real t = std::tanh(u), e = std::exp(-2 * std::fabs(u));
      const Real sech2 = quotient(4 * e, (1 + e) * (1 + e));
      return {t, sech2, -2 * mulz(t, sech2)};
    }
    case Fn::kErf: {
      const Real g = kTwoOverSqrtPi * std::exp(-u * u);
      return {std::erf(u), g, -2 * mulz(u, g)};
    }
    case Fn::kErfc: {
      // erfcl, not 1 - erfl: the right tail is tiny, not 0.
      const Real g = kTwoOverSqrtPi * std::exp(-u * u);
      return {std::erfc(u), -g, 2 * mulz(u, g)};
    }
    case Fn::kSigmoid: return sigmoid3(u);
    case Fn::kSoftplus: {
      // max(u, 0) + log1p(e^-|u|): neither 1 + e^u overflowing nor log(1 + tiny).
      const F3 s = sigmoid3(u);
      return {std::fmax(u, Real(0)) + std::log1p(std::exp(-std::fabs(u))), s.f, s.f1};
    }
  }
  return {kNaN, kNaN, kNaN};
}

struct FnName {
  const char* name;
  Fn fn;
};
// The language's own functions; they take precedence over catalogue ids of
// the same name (sigmoid, tanh, softplus are the mathematical functions).
constexpr FnName kFunctions[] = {
    {"exp", Fn::kExp},   {"log", Fn::kLog},   {"log1p", Fn::kLog1p},     {"expm1", Fn::kExpm1},
    {"sqrt", Fn::kSqrt}, {"sin", Fn::kSin},   {"cos", Fn::kCos},         {"tanh", Fn::kTanh},
    {"erf", Fn::kErf},   {"erfc", Fn::kErfc}, {"sigmoid", Fn::kSigmoid}, {"softplus", Fn::kSoftplus},
};

// --- parser: precedence climbing by hand ------------------------------------
//   sum     = product (('+' | '-') product)*
//   product = unary (('*' | '/') unary)*
//   unary   = ('-' | '+') unary | power
//   power   = primary ('^' unary)?          (right-assoc; -z^2 = -(z^2), 2^-z)
//   primary = number | name | name '(' args ')' | '(' sum ')'
class Parser {
 public:
  Parser(std::string_view src, std::vector<Node>* nodes, std::vector<std::string>* params)
      : src_(src), nodes_(*nodes), params_(*params) {}

  int parse() {
    const int root = sum();
    skip();
    if (pos_ < src_.size()) fail("unexpected '" + std::string(1, src_[pos_]) + "' after a complete expression");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("expression oracle: column " + std::to_string(pos_ + 1) + ": " + what + " in '" +
                                std::string(src_) + "'");
  }
  void skip() {
    while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_]))) ++pos_;
  }
  bool accept(char c) {
    skip();
    if (pos_ < src_.size() && src_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }

  int add(Node n) {
    for (int k : n.kid) {
      if (k < 0) continue;
      n.uses_z = n.uses_z || nodes_[k].uses_z;
      n.uses_param = n.uses_param || nodes_[k].uses_param;
    }
    nodes_.push_back(std::move(n));
    return static_cast<int>(nodes_.size()) - 1;
  }
  int binary(Op op, int a, int b) {
    Node n;
    n.op = op;
    n.kid[0] = a;
    n.kid[1] = b;
    return add(std::move(n));
  }

  int sum() {
    int left = product();
    for (;;) {
      if (accept('+')) {
        left = binary(Op::kAdd, left, product());
      } else if (accept('-')) {
        left = binary(Op::kSub, left, product());
      } else {
        return left;
      }
    }
  }
  int product() {
    int left = unary();
    for (;;) {
      if (accept('*')) {
        left = binary(Op::kMul, left, unary());
      } else if (accept('/')) {
        left = binary(Op::kDiv, left, unary());
      } else {
        return left;
      }
    }
  }
  int unary() {
    if (accept('-')) return binary(Op::kNeg, unary(), -1);
    if (accept('+')) return unary();
    return power();
  }
  int power() {
    const int base = primary();
    if (!accept('^')) return base;
    const int exponent = unary();
    const Node& e = nodes_[exponent];
    Node n;
    n.kid[0] = base;
    n.kid[1] = exponent;
    if (e.uses_z) {
      n.op = Op::kPowVar;
    } else if (e.uses_param) {
      n.op = Op::kPowConst;
    } else {
      // A constant exponent: folded here, and an integer one means repeated
      // multiplication (any sign of the base).
      const Real c = fold(exponent);
      if (std::isfinite(c) && c == std::nearbyint(c) && std::fabs(c) < 0x1p62L) {
        n.op = Op::kPowInt;
        n.n = static_cast<long long>(c);
      } else {
        n.op = Op::kPowConst;
      }
    }
    return add(std::move(n));
  }
  Real fold(int node) const;

  int primary() {
    skip();
    if (pos_ >= src_.size()) fail("expected a number, a name or '(' but the source ended");
    const char c = src_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name();
    if (accept('(')) {
      const int inner = sum();
      expect(')');
      return inner;
    }
    fail(std::string("expected a number, a name or '(' but found '") + c + "'");
  }

  int number() {
    const size_t start = pos_;
    size_t digits = 0;
    auto run = [&] {
      while (pos_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[pos_]))) ++pos_, ++digits;
    };
    run();
    if (pos_ < src_.size() && src_[pos_] == '.') ++pos_, run();
    if (digits == 0) fail("a number needs a digit");
    if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < src_.size() && (src_[pos_] == '+' || src_[pos_] == '-')) ++pos_;
      digits = 0;
      run();
      if (digits == 0) fail("an exponent needs a digit");
    }
    Node n;
    // The decimal's long double value: the constant the source means.
    n.value = std::strtold(std::string(src_.substr(start, pos_ - start)).c_str(), nullptr);
    return add(std::move(n));
  }

  int name() {
    const size_t start = pos_;
    while (pos_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '_')) ++pos_;
    const std::string id(src_.substr(start, pos_ - start));
    skip();
    if (pos_ < src_.size() && src_[pos_] == '(') return call(id);
    Node n;
    if (id == "z") {
      n.op = Op::kZ;
      n.uses_z = true;
    } else if (id == "pi") {
      n.value = kPi;
    } else if (id == "e") {
      n.value = kE;
    } else {
      if (is_function(id)) fail("function '" + id + "' needs its arguments in parentheses");
      n.op = Op::kParam;
      n.uses_param = true;
      for (size_t i = 0; i < params_.size(); ++i) {
        if (params_[i] == id) n.param = static_cast<int>(i);
      }
      if (n.param < 0) {
        n.param = static_cast<int>(params_.size());
        params_.push_back(id);
      }
    }
    return add(std::move(n));
  }

  static bool is_function(const std::string& id) {
    for (const FnName& f : kFunctions) {
      if (id == f.name) return true;
    }
    return id == "abs" || id == "max" || id == "min" || id == "where" || find_activation(id) != nullptr;
  }

  std::vector<int> arguments(const std::string& id, size_t count) {
    expect('(');
    std::vector<int> args;
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) expect(',');
      args.push_back(sum());
    }
    if (!accept(')')) fail("'" + id + "' takes " + std::to_string(count) + " argument(s): expected ')'");
    return args;
  }

  int call(const std::string& id) {
    Node n;
    for (const FnName& f : kFunctions) {
      if (id == f.name) {
        n.op = Op::kFn;
        n.fn = f.fn;
        n.kid[0] = arguments(id, 1)[0];
        return add(std::move(n));
      }
    }
    if (id == "abs" || id == "max" || id == "min") {
      n.op = id == "abs" ? Op::kAbs : id == "max" ? Op::kMax : Op::kMin;
      const std::vector<int> args = arguments(id, id == "abs" ? 1 : 2);
      for (size_t i = 0; i < args.size(); ++i) n.kid[i] = args[i];
      return add(std::move(n));
    }
    if (id == "where") return where();
    const Activation* a = find_activation(id);
    if (a == nullptr) fail("unknown function '" + id + "'");
    n.ref = find(id);
    if (n.ref == nullptr) fail("catalogue id '" + id + "' has no reference in tests/cpp/oracle.cpp");
    n.op = Op::kCatalogue;
    const Params p = default_params(*a);
    n.catalogue_params.assign(kMaxParams, 0.0);
    for (size_t i = 0; i < a->params.size(); ++i) n.catalogue_params[i] = p.v[i];
    n.kid[0] = arguments(id, 1)[0];
    return add(std::move(n));
  }

  // where(lhs cmp rhs, a, b)
  int where() {
    Node n;
    n.op = Op::kWhere;
    expect('(');
    n.kid[0] = sum();
    skip();
    const bool lt = accept('<');
    const bool gt = !lt && accept('>');
    if (!lt && !gt) fail("where's first argument is a comparison: expected <, <=, > or >=");
    const bool eq = pos_ < src_.size() && src_[pos_] == '=' && (++pos_, true);
    n.cmp = lt ? (eq ? Cmp::kLe : Cmp::kLt) : (eq ? Cmp::kGe : Cmp::kGt);
    n.kid[1] = sum();
    expect(',');
    n.kid[2] = sum();
    expect(',');
    n.kid[3] = sum();
    if (!accept(')')) fail("'where' takes 3 arguments: expected ')'");
    return add(std::move(n));
  }

  std::string_view src_;
  size_t pos_ = 0;
  std::vector<Node>& nodes_;
  std::vector<std::string>& params_;
};

// --- evaluation ---------------------------------------------------------------

uint64_t mix(uint64_t z) {  // splitmix64's finaliser: a well-spread hash of a counter
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

struct Context {
  Real x;
  const std::vector<Real>& params;
  const Perturbation* perturb;
  bool beyond_double = false;
};

// One jet component as a sum of terms, with what a float64 evaluation of it
// would round: exact only when every term and the sum are doubles and no
// term came from a library function.
class Sum {
 public:
  void add(Real t, bool from_library = false) {
    if (t == 0) return;
    const Real before = value_;
    value_ += t;
    size_ += std::fabs(t);
    // An addition that rounded in long double (1 + z^2 for z = 1e-23) was not exact in double either.
    exact_ = exact_ && !from_library && fits_double(t) && value_ - before == t;
  }
  // The component, moved as the perturbation says; `key` names it.
  Real settle(Context& c, uint64_t key) const {
    Real r = value_;
    // An infinity at a finite x left float64's range too (e^z at z = 1e4; 1/z at 0 is skipped with it).
    if (std::isinf(r) && std::isfinite(c.x)) c.beyond_double = true;
    if (!std::isfinite(r)) return r;
    if (std::fabs(r) > DBL_MAX) c.beyond_double = true;
    if (c.perturb == nullptr || (exact_ && fits_double(r))) return r;
    const Real step = std::fmax(c.perturb->relative * size_, kDoubleTiny);
    return (mix(mix(c.perturb->seed) + key) & 1) ? r + step : r - step;
  }

 private:
  Real value_ = 0, size_ = 0;
  bool exact_ = true;
};

Jet nan_jet() { return {kNaN, kNaN, kNaN}; }
// A function undefined at a point has no derivatives there either.
Jet settled(Jet j) { return std::isnan(j.v) ? nan_jet() : j; }

class Evaluator {
 public:
  Evaluator(const std::vector<Node>& nodes, Context& c) : nodes_(nodes), c_(c) {}

  Jet eval(int i) {
    const Node& n = nodes_[i];
    const uint64_t key = static_cast<uint64_t>(i) * 16;
    switch (n.op) {
      case Op::kZ: return {c_.x, 1, 0};
      case Op::kConst: {
        Sum s;
        s.add(n.value);
        return {s.settle(c_, key), 0, 0};
      }
      case Op::kParam: return {c_.params.at(n.param), 0, 0};  // exact: the engine gets the same double
      case Op::kNeg: {
        const Jet a = eval(n.kid[0]);
        return {-a.v, -a.d, -a.dd};
      }
      case Op::kAdd: return add(eval(n.kid[0]), eval(n.kid[1]), 1, key);
      case Op::kSub: return add(eval(n.kid[0]), eval(n.kid[1]), -1, key);
      case Op::kMul: return mul(eval(n.kid[0]), eval(n.kid[1]), key);
      case Op::kDiv: return div(eval(n.kid[0]), eval(n.kid[1]), key);
      case Op::kPowInt: return pow_int(eval(n.kid[0]), n.n, key);
      case Op::kPowConst: return pow_const(eval(n.kid[0]), eval(n.kid[1]).v, key);
      case Op::kPowVar: {
        // u^v = exp(v log u), NaN for u < 0.
        const Jet u = eval(n.kid[0]);
        const Jet l = chain(u, elementary(Fn::kLog, u.v), true, key);
        const Jet m = mul(eval(n.kid[1]), l, key + 4);
        return chain(m, elementary(Fn::kExp, m.v), true, key + 8);
      }
      case Op::kFn: {
        const Jet u = eval(n.kid[0]);
        // sqrt is correctly rounded in IEEE arithmetic: exact when its result is a double.
        return chain(u, elementary(n.fn, u.v), n.fn != Fn::kSqrt, key);
      }
      case Op::kCatalogue: {
        const Jet u = eval(n.kid[0]);
        const double* p = n.catalogue_params.data();
        return chain(u, {n.ref->eval[0](u.v, p), n.ref->eval[1](u.v, p), n.ref->eval[2](u.v, p)}, true, key);
      }
      case Op::kMax: return pick(eval(n.kid[0]), eval(n.kid[1]), true);
      case Op::kMin: return pick(eval(n.kid[0]), eval(n.kid[1]), false);
      case Op::kAbs: {
        const Jet u = eval(n.kid[0]);
        if (std::isnan(u.v)) return nan_jet();
        if (u.v == 0) return {0, 0, 0};
        return u.v > 0 ? u : Jet{-u.v, -u.d, -u.dd};
      }
      case Op::kWhere: {
        const Real l = eval(n.kid[0]).v, r = eval(n.kid[1]).v;
        if (std::isnan(l) || std::isnan(r)) return nan_jet();
        bool take = false;
        switch (n.cmp) {
          case Cmp::kLt: take = l < r; break;
          case Cmp::kLe: take = l <= r; break;
          case Cmp::kGt: take = l > r; break;
          case Cmp::kGe: take = l >= r; break;
        }
        return eval(n.kid[take ? 2 : 3]);
      }
    }
    return nan_jet();
  }

 private:
  Jet add(const Jet& a, const Jet& b, int sign, uint64_t key) {
    Sum v, d, dd;
    v.add(a.v), v.add(sign * b.v);
    d.add(a.d), d.add(sign * b.d);
    dd.add(a.dd), dd.add(sign * b.dd);
    return settled({v.settle(c_, key), d.settle(c_, key + 1), dd.settle(c_, key + 2)});
  }
  Jet mul(const Jet& a, const Jet& b, uint64_t key) {
    Sum v, d, dd;
    v.add(a.v * b.v);
    d.add(mulz(a.d, b.v)), d.add(mulz(a.v, b.d));
    dd.add(mulz(a.dd, b.v)), dd.add(2 * mulz(a.d, b.d)), dd.add(mulz(a.v, b.dd));
    return settled({v.settle(c_, key), d.settle(c_, key + 1), dd.settle(c_, key + 2)});
  }
  // h = a/b, h' = (a' - h b')/b, h'' = (a'' - 2h'b' - h b'')/b.
  Jet div(const Jet& a, const Jet& b, uint64_t key) {
    Sum v, d, dd;
    v.add(quotient(a.v, b.v));
    Jet h{v.settle(c_, key), 0, 0};
    d.add(divz(a.d, b.v)), d.add(-divz(mulz(h.v, b.d), b.v));
    h.d = d.settle(c_, key + 1);
    dd.add(divz(a.dd, b.v)), dd.add(-2 * divz(mulz(h.d, b.d), b.v)), dd.add(-divz(mulz(h.v, b.dd), b.v));
    h.dd = dd.settle(c_, key + 2);
    return settled(h);
  }
  // h = f(u), h' = f'(u) u', h'' = f''(u) u'^2 + f'(u) u''.
  Jet chain(const Jet& u, const F3& f, bool value_from_library, uint64_t key) {
    if (std::isnan(u.v)) return nan_jet();
    Sum v, d, dd;
    v.add(f.f, value_from_library);
    d.add(mulz(f.f1, u.d), true);
    dd.add(mulz(f.f2, mulz(u.d, u.d)), true), dd.add(mulz(f.f1, u.dd), true);
    return settled({v.settle(c_, key), d.settle(c_, key + 1), dd.settle(c_, key + 2)});
  }
  // Repeated multiplication: rounds like arithmetic, exact when the powers are doubles.
  Jet pow_int(const Jet& u, long long n, uint64_t key) {
    if (n == 0) return std::isnan(u.v) ? nan_jet() : Jet{1, 0, 0};
    if (n == 1) return u;
    const Real nn = static_cast<Real>(n);
    Sum v, d, dd;
    v.add(std::pow(u.v, nn));
    const Real p1 = std::pow(u.v, nn - 1);
    d.add(mulz(nn * p1, u.d));
    dd.add(mulz(nn * (nn - 1) * std::pow(u.v, nn - 2), mulz(u.d, u.d))), dd.add(mulz(nn * p1, u.dd));
    return settled({v.settle(c_, key), d.settle(c_, key + 1), dd.settle(c_, key + 2)});
  }
  // IEEE pow with a constant exponent c.
  Jet pow_const(const Jet& u, Real c, uint64_t key) {
    if (std::isnan(u.v) || std::isnan(c)) return nan_jet();
    if (c == 0) return {1, 0, 0};
    Sum v, d, dd;
    v.add(std::pow(u.v, c), true);
    const Real p1 = mulz(c, std::pow(u.v, c - 1));
    d.add(mulz(p1, u.d), true);
    dd.add(mulz(mulz(c * (c - 1), std::pow(u.v, c - 2)), mulz(u.d, u.d)), true), dd.add(mulz(p1, u.dd), true);
    return settled({v.settle(c_, key), d.settle(c_, key + 1), dd.settle(c_, key + 2)});
  }
  // max (is_max) or min of two jets, with the header's rule at a tie.
  static Jet pick(const Jet& a, const Jet& b, bool is_max) {
    if (std::isnan(a.v) || std::isnan(b.v)) return nan_jet();
    if (a.v != b.v) return (a.v > b.v) == is_max ? a : b;
    // The two one-sided slopes are a' and b'.
    if ((a.d < 0 && b.d > 0) || (a.d > 0 && b.d < 0)) return {a.v, 0, 0};
    if (std::fabs(a.d) != std::fabs(b.d)) return std::fabs(a.d) < std::fabs(b.d) ? a : b;
    // Equal slopes: on both sides the larger (max) or smaller (min) curvature wins.
    return {a.v, a.d, is_max ? std::fmax(a.dd, b.dd) : std::fmin(a.dd, b.dd)};
  }

  const std::vector<Node>& nodes_;
  Context& c_;
};

// Exponents without z or parameters are evaluated once, at parse time.
Real Parser::fold(int node) const {
  static const std::vector<Real> none;
  Context c{0, none, nullptr};
  return Evaluator(nodes_, c).eval(node).v;
}

}  // namespace

struct Formula::Impl {
  std::string source;
  std::vector<Node> nodes;
  std::vector<std::string> params;
  int root = -1;
};

Formula::Formula(std::string_view source) : impl_(std::make_unique<Impl>()) {
  impl_->source = std::string(source);
  impl_->root = Parser(impl_->source, &impl_->nodes, &impl_->params).parse();
}
Formula::Formula(Formula&&) noexcept = default;
Formula& Formula::operator=(Formula&&) noexcept = default;
Formula::~Formula() = default;

const std::string& Formula::source() const { return impl_->source; }
const std::vector<std::string>& Formula::parameters() const { return impl_->params; }

std::vector<Real> Formula::bind(const std::map<std::string, double>& by_name) const {
  for (const auto& [name, value] : by_name) {
    bool known = false;
    for (const std::string& p : impl_->params) known = known || p == name;
    if (!known)
      throw std::invalid_argument("expression oracle: '" + impl_->source + "' has no parameter '" + name + "'");
  }
  std::vector<Real> out;
  for (const std::string& p : impl_->params) {
    const auto it = by_name.find(p);
    if (it == by_name.end()) {
      throw std::invalid_argument("expression oracle: no value for parameter '" + p + "' of '" + impl_->source + "'");
    }
    out.push_back(it->second);
  }
  return out;
}

Outcome Formula::eval(Real x, const std::vector<Real>& params, const Perturbation* perturb) const {
  if (params.size() != impl_->params.size()) {
    throw std::invalid_argument("expression oracle: '" + impl_->source + "' takes " +
                                std::to_string(impl_->params.size()) + " parameter value(s), given " +
                                std::to_string(params.size()));
  }
  if (std::isnan(x)) return {nan_jet(), false};
  Context c{x, params, perturb};
  const Jet j = Evaluator(impl_->nodes, c).eval(impl_->root);
  return {j, c.beyond_double};
}

Jet Formula::spread(Real x, const std::vector<Real>& params, Real relative, int trials) const {
  const Jet exact = eval(x, params).jet;
  Jet worst;
  for (int t = 0; t < trials; ++t) {
    const Perturbation p{relative, static_cast<uint64_t>(t) + 1};
    const Jet moved = eval(x, params, &p).jet;
    Real* w[3] = {&worst.v, &worst.d, &worst.dd};
    for (int order = 0; order < 3; ++order) {
      const Real a = exact[order], b = moved[order];
      if (a == b || (std::isnan(a) && std::isnan(b))) continue;
      const Real change = std::fabs(b - a);
      *w[order] = std::isnan(change) ? std::numeric_limits<Real>::infinity() : std::fmax(*w[order], change);
    }
  }
  return worst;
}

}  // namespace act::oracle::expr
