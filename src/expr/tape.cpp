#include "tape.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "core/registry.hpp"
#include "elementary.hpp"

namespace act::expr {

namespace {

using namespace act::simd;

constexpr double kTwoOverSqrtPi = 0x1.20dd750429b6dp+0;

// One copy of each elementary function per lane type, called from every
// loop: inlined, the loops of the three orders each carried its own copy
// (sin's exact reduction, erfc's polynomial), which doubled the module.
template <class V> [[gnu::noinline]] V exp_of(V x) { return elem::exp(x); }
template <class V> [[gnu::noinline]] V expm1_of(V x) { return elem::expm1(x); }
template <class V> [[gnu::noinline]] V log_of(V x) { return elem::log(x); }
template <class V> [[gnu::noinline]] V log1p_of(V x) { return elem::log1p(x); }
template <class V> [[gnu::noinline]] V sin_of(V x) { return elem::sin(x); }
template <class V> [[gnu::noinline]] V cos_of(V x) { return elem::cos(x); }
template <class V> [[gnu::noinline]] V tanh_of(V x) { return elem::tanh(x); }
template <class V> [[gnu::noinline]] V erf_of(V x) { return elem::erf(x); }
template <class V> [[gnu::noinline]] V erfc_of(V x) { return elem::erfc(x); }

template <class V> struct Jet { V v, d, dd; };

// Products in the jets treat an exact zero as a strong zero: 0·∞ = 0, not
// NaN. A term that vanishes identically (the slope of a constant, e^−z² that
// has underflowed) contributes nothing even where its partner is infinite, so
// g' of exp(−z²) at z = ±∞ is 0 and z·σ(z) has its limits, as the oracle
// (tests/cpp/expr_oracle.hpp) defines them.
template <class V> inline V times(V a, V b) { return select((a == 0.0) | (b == 0.0), splat<V>(0.0), a * b); }

// f(u) with f'(u) = f1, f''(u) = f2, by the chain rule.
template <int K, class V> inline Jet<V> chain(const Jet<V>& u, V f, V f1, V f2) {
  Jet<V> r{f, f, f};
  if constexpr (K >= 1) r.d = times(f1, u.d);
  if constexpr (K >= 2) r.dd = times(f2, u.d * u.d) + times(f1, u.dd);
  return r;
}

template <class V> inline V sign_or_zero(V x) {
  return select(x > 0.0, splat<V>(1.0), select(x < 0.0, splat<V>(-1.0), splat<V>(0.0)));
}

// Logistic pieces of u from s = e^−|u| ∈ [0, 1], which never overflows; the
// curvature term 1 − 2σ only when g'' is asked for (it costs an expm1).
template <int K, class V> struct Logistic {
  V s, sigma, slope, one_minus_twice;  // σ(u), σ'(u), 1 − 2σ(u)
  explicit Logistic(V u) {
    // math::exp, cheaper than elem::exp: its argument here is ≤ 0, and past
    // its clamp (−700) the true e^−|u| is 0 or a subnormal the result does not
    // need; 0 exactly beyond −746, so that the strong zeros give the limits.
    s = select(abs(u) > 746.0, splat<V>(0.0), math::exp(-abs(u)));
    const V q = 1.0 / (1.0 + s);
    sigma = select(u < 0.0, s * q, q);
    slope = (s * q) * q;
    if constexpr (K >= 2) {
      // 1 − 2σ(u) = −sign(u)·(1 − s)/(1 + s), with 1 − s = −expm1(−|u|) exact near 0.
      const V r = -expm1_of(-abs(u)) * q;
      one_minus_twice = select(u > 0.0, -r, r);
    } else {
      one_minus_twice = slope;
    }
  }
};

// The jet of op applied to one argument.
// (op is a template argument, so that each loop over a block holds one
// function's code: a switch inside the loop cost 4x in the fused pass.)
template <Op op, int K, class V> inline Jet<V> unary(const Jet<V>& u) {
  const V x = u.v;
  switch (op) {
    case Op::neg: return {-u.v, -u.d, -u.dd};
    case Op::exp: {
      const V e = exp_of(x);
      return chain<K>(u, e, e, e);
    }
    case Op::expm1: {
      const V e = K >= 1 ? exp_of(x) : x;
      return chain<K>(u, expm1_of(x), e, e);
    }
    case Op::log: {
      const V inv = 1.0 / x;
      return chain<K>(u, log_of(x), inv, -(inv * inv));
    }
    case Op::log1p: {
      const V inv = 1.0 / (1.0 + x);
      return chain<K>(u, log1p_of(x), inv, -(inv * inv));
    }
    case Op::sqrt: {
      const V s = sqrt(x);
      const V f1 = 0.5 / s;
      return chain<K>(u, s, f1, -f1 / (2.0 * x));
    }
    case Op::abs: {
      const V sg = sign_or_zero(x);
      return {abs(x), sg * u.d, sg * u.dd};
    }
    case Op::sin: {
      const V s = sin_of(x);
      const V c = K >= 1 ? cos_of(x) : x;
      return chain<K>(u, s, c, -s);
    }
    case Op::cos: {
      const V c = cos_of(x);
      const V s = K >= 1 ? sin_of(x) : x;
      return chain<K>(u, c, -s, -c);
    }
    case Op::tanh: {
      const V t = tanh_of(x);
      if constexpr (K == 0) return {t, t, t};
      // sech² u = 4s/(1 + s)² with s = e^−2|u|: no cancellation where tanh rounds to ±1.
      const V s = exp_of(-2.0 * abs(x));
      const V q = 1.0 / (1.0 + s);
      const V sech2 = 4.0 * s * q * q;
      return chain<K>(u, t, sech2, -2.0 * t * sech2);
    }
    case Op::erf:
    case Op::erfc: {
      const V f = op == Op::erf ? erf_of(x) : erfc_of(x);
      if constexpr (K == 0) return {f, f, f};
      V f1 = kTwoOverSqrtPi * exp_of(-(x * x));
      if (op == Op::erfc) f1 = -f1;
      return chain<K>(u, f, f1, times(-2.0 * x, f1));
    }
    case Op::sigmoid: {
      const Logistic<K, V> l(x);
      return chain<K>(u, l.sigma, l.slope, l.slope * l.one_minus_twice);
    }
    case Op::softplus: {
      const Logistic<K, V> l(x);
      // max(u, 0) + log(1 + e^−|u|): both terms exact in their tails.
      const V f = select(x > 0.0, x, splat<V>(0.0)) + log1p_of(l.s);
      return chain<K>(u, keep_nan(x, f), l.sigma, l.slope);
    }
    default: return u;  // not reached: the other ops have their own cases
  }
}

// f(the op as a compile-time constant), for the ops of one argument.
template <class F> inline auto with_unary_op(Op op, F f) {
  using std::integral_constant;
  switch (op) {
    case Op::exp: return f(integral_constant<Op, Op::exp>{});
    case Op::log: return f(integral_constant<Op, Op::log>{});
    case Op::log1p: return f(integral_constant<Op, Op::log1p>{});
    case Op::expm1: return f(integral_constant<Op, Op::expm1>{});
    case Op::sqrt: return f(integral_constant<Op, Op::sqrt>{});
    case Op::abs: return f(integral_constant<Op, Op::abs>{});
    case Op::sin: return f(integral_constant<Op, Op::sin>{});
    case Op::cos: return f(integral_constant<Op, Op::cos>{});
    case Op::tanh: return f(integral_constant<Op, Op::tanh>{});
    case Op::erf: return f(integral_constant<Op, Op::erf>{});
    case Op::erfc: return f(integral_constant<Op, Op::erfc>{});
    case Op::sigmoid: return f(integral_constant<Op, Op::sigmoid>{});
    case Op::softplus: return f(integral_constant<Op, Op::softplus>{});
    default: return f(integral_constant<Op, Op::neg>{});
  }
}

// u^k for an integer k, by squaring; k may be negative.
template <class V> inline V power(V u, int k) {
  unsigned m = static_cast<unsigned>(k < 0 ? -k : k);
  V result = splat<V>(1.0);
  V base = u;
  while (m != 0) {
    if (m & 1u) result = result * base;
    m >>= 1;
    if (m != 0) base = base * base;
  }
  return k < 0 ? 1.0 / result : result;
}

template <int K, class V> inline Jet<V> power_int(const Jet<V>& u, int k) {
  const V f = power(u.v, k);
  if constexpr (K == 0) return {f, f, f};
  const V f1 = double(k) * power(u.v, k - 1);
  const V f2 = K >= 2 ? double(k) * double(k - 1) * power(u.v, k - 2) : f1;
  return chain<K>(u, f, f1, f2);
}

// u^c for a c independent of z, as IEEE pow: for u < 0 only integer c.
template <class V> inline V power_real(V u, V log_abs_u, double c, bool negative_result_where_negative) {
  if (c == 0) return splat<V>(1.0);
  V r = exp_of(c * log_abs_u);
  const bool integer = c == std::floor(c);
  if (!integer) return select(u < 0.0, splat<V>(__builtin_nan("")), r);
  return negative_result_where_negative ? select(u < 0.0, -r, r) : r;
}

template <int K, class V> inline Jet<V> power_uniform(const Jet<V>& u, double c) {
  const V t = log_of(abs(u.v));
  const bool odd = std::fmod(std::fabs(c), 2.0) == 1.0;
  const V f = power_real(u.v, t, c, odd);
  if constexpr (K == 0) return {f, f, f};
  const V f1 = c * power_real(u.v, t, c - 1, !odd);
  const V f2 = K >= 2 ? c * (c - 1) * power_real(u.v, t, c - 2, odd) : f1;
  return chain<K>(u, f, f1, f2);
}

// max(a, b) (is_max) or min(a, b). At a tie, the one-sided slope of least
// magnitude: 0 when the two slopes have opposite signs; with equal slopes,
// the larger curvature for max and the smaller for min (expression.hpp).
template <int K, class V> inline Jet<V> extremum(const Jet<V>& a, const Jet<V>& b, bool is_max) {
  const auto a_wins = is_max ? a.v > b.v : a.v < b.v;
  const auto b_wins = is_max ? b.v > a.v : b.v < a.v;
  const V nan = splat<V>(__builtin_nan(""));
  const auto any_nan = (a.v != a.v) | (b.v != b.v);
  Jet<V> r;
  r.v = select(any_nan, nan, select(b_wins, b.v, a.v));
  if constexpr (K >= 1) {
    const auto opposite = ((a.d > 0.0) & (b.d < 0.0)) | ((a.d < 0.0) & (b.d > 0.0));
    const auto a_flatter = abs(a.d) < abs(b.d);
    const auto b_flatter = abs(b.d) < abs(a.d);
    const V tie_d = select(opposite, splat<V>(0.0), select(b_flatter, b.d, a.d));
    r.d = select(a_wins, a.d, select(b_wins, b.d, tie_d));
    if constexpr (K >= 2) {
      const V same_dd = is_max ? select(b.dd > a.dd, b.dd, a.dd) : select(b.dd < a.dd, b.dd, a.dd);
      const V tie_dd = select(opposite, splat<V>(0.0), select(a_flatter, a.dd, select(b_flatter, b.dd, same_dd)));
      r.dd = select(a_wins, a.dd, select(b_wins, b.dd, tie_dd));
    }
  }
  return r;
}

template <class V> inline auto compare(int how, V x, V y) {
  switch (how) {
    case '<': return x < y;
    case '>': return x > y;
    case 'l': return x <= y;
    default: return x >= y;
  }
}

template <class V> inline V load(const double* p) {
  if constexpr (Shape<V>::kLanes == 1) {
    return *p;
  } else {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
}
template <class V> inline void store(double* p, V v) {
  if constexpr (Shape<V>::kLanes == 1) {
    *p = v;
  } else {
    std::memcpy(p, &v, sizeof v);
  }
}

#if ACT_HAVE_VECTOR
using Lanes = f64x2;
#else
using Lanes = double;
#endif
constexpr size_t kWidth = Shape<Lanes>::kLanes;

// to[0, len) = from as doubles, to[len, padded) = 0.
void widen(const float* from, double* to, size_t len, size_t padded) {
  size_t i = 0;
#if ACT_HAVE_VECTOR
  for (; i + 2 <= len; i += 2) store(to + i, load_widen(from + i));
#endif
  for (; i < len; ++i) to[i] = from[i];
  for (; i < padded; ++i) to[i] = 0;
}

// out = float32(g·dy) (dy when not null), or x itself where x is NaN; where
// the value is NaN (log of a negative), its derivatives are NaN too.
void round_out(const double* g, const double* value, const float* x, const float* dy, float* out, size_t len) {
  size_t i = 0;
#if ACT_HAVE_VECTOR
  for (; i + 2 <= len; i += 2) {
    f64x2 v = load<f64x2>(g + i);
    if (dy != nullptr) v = v * load_widen(dy + i);
    const f64x2 xi = load_widen(x + i);
    const f64x2 gi = load<f64x2>(value + i);
    store_narrow(out + i, select(xi != xi, xi, select(gi != gi, gi, v)));
  }
#endif
  for (; i < len; ++i) {
    const double v = dy != nullptr ? g[i] * static_cast<double>(dy[i]) : g[i];
    out[i] = x[i] != x[i] ? x[i] : value[i] != value[i] ? static_cast<float>(value[i]) : static_cast<float>(v);
  }
}

}  // namespace

double fold(const Node& n, const double* a) {
  Jet<double> u{a[0], 0, 0};
  switch (n.op) {
    case Op::constant: return n.value;
    case Op::add: return a[0] + a[1];
    case Op::sub: return a[0] - a[1];
    case Op::mul: return a[0] * a[1];
    case Op::div: return a[0] / a[1];
    case Op::pow_int: return power(a[0], n.aux);
    case Op::pow: return power_uniform<0>(u, a[1]).v;
    case Op::max: return extremum<0>(u, Jet<double>{a[1], 0, 0}, true).v;
    case Op::min: return extremum<0>(u, Jet<double>{a[1], 0, 0}, false).v;
    case Op::where: return compare(n.aux, a[0], a[1]) ? a[2] : a[3];
    case Op::catalogue: {
      // Two lanes: the jet kernels take an even count.
      const Activation& act = activations()[static_cast<size_t>(n.aux)];
      const double u[2] = {a[0], a[0]};
      double g[2] = {0, 0};
      double* const out[3] = {g, nullptr, nullptr};
      act.jet(u, out, 0, 2, default_params(act));
      return g[0];
    }
    default: return with_unary_op(n.op, [&](auto op) { return unary<decltype(op)::value, 0>(u).v; });
  }
}

Program::Program(const Graph& graph, int root) {
  const auto& nodes = graph.nodes();
  // What the root needs, and each varying node's last use.
  std::vector<bool> needed(nodes.size(), false);
  needed[static_cast<size_t>(root)] = true;
  std::vector<int> last_use(nodes.size(), -1);
  for (int i = root; i >= 0; --i) {
    if (!needed[static_cast<size_t>(i)]) continue;
    for (int a : nodes[static_cast<size_t>(i)].args) {
      if (a < 0) continue;
      needed[static_cast<size_t>(a)] = true;
      if (last_use[static_cast<size_t>(a)] < i) last_use[static_cast<size_t>(a)] = i;
    }
  }
  uniform_slot_of_.assign(nodes.size(), -1);
  std::vector<int> register_of(nodes.size(), -1);
  std::vector<int> free_registers;
  auto new_register = [&]() {
    if (!free_registers.empty()) {
      const int r = free_registers.back();
      free_registers.pop_back();
      return r;
    }
    return static_cast<int>(registers_++);
  };
  for (int i = 0; i <= root; ++i) {
    const Node& n = nodes[static_cast<size_t>(i)];
    if (!needed[static_cast<size_t>(i)]) continue;
    if (n.uniform) {
      Node copy = n;
      for (int& a : copy.args) {
        if (a >= 0) a = uniform_slot_of_[static_cast<size_t>(a)];
      }
      uniform_slot_of_[static_cast<size_t>(i)] = static_cast<int>(uniform_nodes_.size());
      uniform_nodes_.push_back(copy);
      continue;
    }
    Instr in{n.op, n.aux, -1, {-1, -1, -1, -1}, {false, false, false, false}};
    for (int k = 0; k < 4; ++k) {
      const int a = n.args[k];
      if (a < 0) continue;
      if (nodes[static_cast<size_t>(a)].uniform) {
        // A uniform operand lives in a register of its own, filled once per call.
        if (register_of[static_cast<size_t>(a)] < 0) {
          register_of[static_cast<size_t>(a)] = static_cast<int>(registers_++);
          broadcasts_.emplace_back(register_of[static_cast<size_t>(a)], uniform_slot_of_[static_cast<size_t>(a)]);
        }
        in.uniform_args[k] = true;
      }
      in.args[k] = register_of[static_cast<size_t>(a)];
    }
    // Arguments whose last use is this instruction free their registers
    // first, so the result may take one of them (instructions read all their
    // operands of an element before writing it).
    for (int a : n.args) {
      // z keeps its register: its slope (1) and curvature (0) are written once per call.
      const bool keep = a >= 0 && nodes[static_cast<size_t>(a)].op == Op::z;
      if (a >= 0 && !keep && !nodes[static_cast<size_t>(a)].uniform && last_use[static_cast<size_t>(a)] == i) {
        const int r = register_of[static_cast<size_t>(a)];
        bool already = false;
        for (int f : free_registers) already = already || f == r;
        if (!already) free_registers.push_back(r);
      }
    }
    in.out = new_register();
    register_of[static_cast<size_t>(i)] = in.out;
    if (n.op == Op::z) {
      z_register_ = in.out;
      continue;  // filled from the input
    }
    code_.push_back(in);
  }
  if (nodes[static_cast<size_t>(root)].uniform) {
    root_slot_ = uniform_slot_of_[static_cast<size_t>(root)];
  } else {
    root_register_ = register_of[static_cast<size_t>(root)];
  }
  uniform_values_.assign(uniform_nodes_.size(), 0.0);
  // One spare register past the last, for the catalogue's in-place case.
  work_.assign((registers_ + 1) * 3 * kBlock, 0.0);
}

template <int K, class V> void Program::sweep(size_t len) const {
  constexpr size_t w = Shape<V>::kLanes;
  auto get = [&](int r, size_t i) {
    Jet<V> j;
    j.v = load<V>(reg(r, 0) + i);
    j.d = K >= 1 ? load<V>(reg(r, 1) + i) : j.v;
    j.dd = K >= 2 ? load<V>(reg(r, 2) + i) : j.v;
    return j;
  };
  auto put = [&](int r, size_t i, const Jet<V>& j) {
    store(reg(r, 0) + i, j.v);
    if constexpr (K >= 1) store(reg(r, 1) + i, j.d);
    if constexpr (K >= 2) store(reg(r, 2) + i, j.dd);
  };
  for (const Instr& in : code_) {
    const int a0 = in.args[0];
    const int a1 = in.args[1];
    switch (in.op) {
      case Op::add:
      case Op::sub:
        for (size_t i = 0; i < len; i += w) {
          const Jet<V> a = get(a0, i);
          const Jet<V> b = get(a1, i);
          put(in.out, i,
              in.op == Op::add ? Jet<V>{a.v + b.v, a.d + b.d, a.dd + b.dd} : Jet<V>{a.v - b.v, a.d - b.d, a.dd - b.dd});
        }
        break;
      case Op::mul:
        for (size_t i = 0; i < len; i += w) {
          const Jet<V> a = get(a0, i);
          const Jet<V> b = get(a1, i);
          Jet<V> r;
          r.v = times(a.v, b.v);
          // A factor independent of z scales the other's jet.
          if (in.uniform_args[0]) {
            r.d = times(a.v, b.d);
            r.dd = times(a.v, b.dd);
          } else if (in.uniform_args[1]) {
            r.d = times(a.d, b.v);
            r.dd = times(a.dd, b.v);
          } else {
            r.d = times(a.d, b.v) + times(a.v, b.d);
            r.dd = times(a.dd, b.v) + 2.0 * times(a.d, b.d) + times(a.v, b.dd);
          }
          put(in.out, i, r);
        }
        break;
      case Op::div:
        for (size_t i = 0; i < len; i += w) {
          const Jet<V> a = get(a0, i);
          const Jet<V> b = get(a1, i);
          Jet<V> r;
          r.v = a.v / b.v;
          if (in.uniform_args[1]) {
            r.d = a.d / b.v;
            r.dd = a.dd / b.v;
          } else {
            // (a/b)' = (a' − (a/b)·b')/b; (a/b)'' = (a'' − 2(a/b)'b' − (a/b)b'')/b.
            r.d = (a.d - times(r.v, b.d)) / b.v;
            r.dd = (a.dd - 2.0 * times(r.d, b.d) - times(r.v, b.dd)) / b.v;
          }
          put(in.out, i, r);
        }
        break;
      case Op::pow_int:
        for (size_t i = 0; i < len; i += w) put(in.out, i, power_int<K>(get(a0, i), in.aux));
        break;
      case Op::pow: {
        const double c = reg(a1, 0)[0];  // the exponent is uniform: its register holds it everywhere
        for (size_t i = 0; i < len; i += w) put(in.out, i, power_uniform<K>(get(a0, i), c));
        break;
      }
      case Op::max:
      case Op::min:
        for (size_t i = 0; i < len; i += w) put(in.out, i, extremum<K>(get(a0, i), get(a1, i), in.op == Op::max));
        break;
      case Op::where:
        for (size_t i = 0; i < len; i += w) {
          const auto c = compare(in.aux, load<V>(reg(a0, 0) + i), load<V>(reg(a1, 0) + i));
          const Jet<V> a = get(in.args[2], i);
          const Jet<V> b = get(in.args[3], i);
          put(in.out, i, Jet<V>{select(c, a.v, b.v), select(c, a.d, b.d), select(c, a.dd, b.dd)});
        }
        break;
      case Op::catalogue: {
        // The activation's own g, g', g'' of the argument, into the output's
        // register, then the chain rule in place.
        const Activation& act = activations()[static_cast<size_t>(in.aux)];
        double* const out[3] = {reg(in.out, 0), reg(in.out, 1), reg(in.out, 2)};
        if (in.out == a0) {
          // The argument's register is reused for the result: keep its jet.
          double* scratch = reg(static_cast<int>(registers_), 0);
          std::memcpy(scratch, reg(a0, 0), 3 * kBlock * sizeof(double));
          act.jet(scratch, out, K, len, default_params(act));
          for (size_t i = 0; i < len; i += w) {
            const Jet<V> u{load<V>(scratch + i), load<V>(scratch + kBlock + i), load<V>(scratch + 2 * kBlock + i)};
            put(in.out, i, chain<K>(u, load<V>(out[0] + i), load<V>(out[1] + i), load<V>(out[2] + i)));
          }
        } else {
          act.jet(reg(a0, 0), out, K, len, default_params(act));
          for (size_t i = 0; i < len; i += w) {
            put(in.out, i, chain<K>(get(a0, i), load<V>(out[0] + i), load<V>(out[1] + i), load<V>(out[2] + i)));
          }
        }
        break;
      }
      default:
        with_unary_op(in.op, [&](auto op) {
          for (size_t i = 0; i < len; i += w) put(in.out, i, unary<decltype(op)::value, K>(get(a0, i)));
        });
        break;
    }
  }
}

void Program::run(int orders, const float* x, float* const outputs[3], const float* dy, size_t n,
                  const double* params) const {
  if (n == 0) return;
  // Once per call: everything independent of z.
  for (size_t s = 0; s < uniform_nodes_.size(); ++s) {
    const Node& node = uniform_nodes_[s];
    if (node.op == Op::parameter) {
      uniform_values_[s] = params[node.aux];
      continue;
    }
    double args[4] = {};
    for (int k = 0; k < 4; ++k) {
      if (node.args[k] >= 0) args[k] = uniform_values_[static_cast<size_t>(node.args[k])];
    }
    uniform_values_[s] = fold(node, args);
  }
  for (const auto& [r, slot] : broadcasts_) {
    const double v = uniform_values_[static_cast<size_t>(slot)];
    for (size_t i = 0; i < kBlock; ++i) {
      reg(r, 0)[i] = v;
      reg(r, 1)[i] = 0;
      reg(r, 2)[i] = 0;
    }
  }
  if (z_register_ >= 0) {
    std::fill(reg(z_register_, 1), reg(z_register_, 1) + kBlock, 1.0);
    std::fill(reg(z_register_, 2), reg(z_register_, 2) + kBlock, 0.0);
  }
  for (size_t start = 0; start < n; start += kBlock) {
    const size_t len = n - start < kBlock ? n - start : kBlock;
    const size_t padded = (len + kWidth - 1) / kWidth * kWidth;
    double value[kBlock], first[kBlock], second[kBlock];
    const double* g[3] = {value, first, second};
    // The inputs, read before any output is written (outputs may be the input arrays).
    float in[kBlock], gradient[kBlock];
    std::memcpy(in, x + start, len * sizeof(float));
    if (dy != nullptr) std::memcpy(gradient, dy + start, len * sizeof(float));
    if (root_slot_ >= 0) {
      for (size_t i = 0; i < len; ++i)
        value[i] = uniform_values_[static_cast<size_t>(root_slot_)], first[i] = 0, second[i] = 0;
    } else {
      widen(in, reg(z_register_, 0), len, padded);
      switch (orders) {
        case 0: sweep<0, Lanes>(padded); break;
        case 1: sweep<1, Lanes>(padded); break;
        default: sweep<2, Lanes>(padded); break;
      }
      for (int k = 0; k < 3; ++k) g[k] = reg(root_register_, k);
    }
    // Round once to float32; NaN in gives NaN out whatever the expression.
    for (int k = 0; k < 3; ++k) {
      if (outputs[k] != nullptr)
        round_out(g[k], g[0], in, k == 1 ? (dy != nullptr ? gradient : nullptr) : nullptr, outputs[k] + start, len);
    }
  }
}

}  // namespace act::expr
