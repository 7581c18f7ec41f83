#!/usr/bin/env python3
"""Interior zeros of the activations' first and second derivatives.

    python3 scripts/interior_zeros.py > src/core/interior_zeros.hpp
    python3 scripts/interior_zeros.py --test-points > tests/cpp/oracle_zero_points.inc

Near a zero z0 of g' or g'' the textbook formulas subtract nearly equal terms,
so kernels and the test oracle switch to a Taylor polynomial in t = x - z0
inside a narrow band. This script finds every real zero on [-40, 40] with
mpmath at 60 digits, writes the header of zeros and Taylor coefficients to
stdout, and the survey table (every zero found, why those not emitted are left
out, and how far each polynomial stays accurate) to stderr.

A zero is found where g' or g'' changes sign between neighbouring points of a
grid of step 1/512; a pair of zeros closer than that would show up as a local
minimum of |f| without a sign change, so such minima are examined too (none
occurs). Functions are written from their definitions with the branch
conventions of the project (value at a kink = the x <= kink branch unless the
convention says otherwise), and only with default parameters: silu's zeros are
those of the beta-free h1(u), h2(u) of u = beta x, valid for every beta.
"""

import struct
import sys

import mpmath as mp

mp.mp.dps = 60

GRID_STEP = mp.mpf(1) / 512
LO, HI = -40, 40


# --- the functions (default parameters) -------------------------------------

def sig(x):
    return 1 / (1 + mp.exp(-x))


def Phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


SELU_L = mp.mpf('1.0507009873554804934193349852946')
SELU_A = mp.mpf('1.6732632423543772848170429916717')
GT_K = mp.sqrt(2 / mp.pi)
GT_C = mp.mpf('0.044715')


# Written with sigmoid(+-2u) instead of tanh(u): at 60 digits tanh(u) rounds to
# +-1 once |u| > 70, and 1 - tanh^2 would then be an exact 0 that hides the
# tails (and any sign change there) from the survey.
def gelu_tanh_parts(x):
    u = GT_K * (x + GT_C * x**3)
    du = GT_K * (1 + 3 * GT_C * x**2)
    d2u = 6 * GT_K * GT_C * x
    S, R = sig(2 * u), sig(-2 * u)  # (1 + tanh u)/2, (1 - tanh u)/2
    return S, R, du, d2u


def gelu_tanh_d1(x):
    # d/dx of x S with S' = 2 S R u'
    S, R, du, _ = gelu_tanh_parts(x)
    return S + 2 * x * S * R * du


def gelu_tanh_d2(x):
    # (S R)' = 2 S R (R - S) u'
    S, R, du, d2u = gelu_tanh_parts(x)
    return 2 * S * R * (2 * du + 2 * x * du**2 * (R - S) + x * d2u)


def silu_h1(u):
    s, r = sig(u), sig(-u)
    return s + u * s * r


def silu_h2(u):
    s, r = sig(u), sig(-u)
    return s * r * (2 + u * (r - s))


def mish_parts(x):
    # tanh(log(1 + e^x)) and its complement from e^x directly, for the same
    # reason as gelu_tanh: 1 - tanh(softplus(x)) ~ 2 e^-2x must not round to 0.
    w = mp.exp(x)
    d = w * w + 2 * w + 2
    return w * (w + 2) / d, 2 / d, sig(x), sig(-x)  # T, 1 - T, s, 1 - s


def mish_d1(x):
    T, C, s, _ = mish_parts(x)
    return T + x * C * (1 + T) * s


def mish_d2(x):
    T, C, s, r = mish_parts(x)
    return C * (1 + T) * s * (2 + x * (r - 2 * T * s))


def heav(cond):
    return mp.mpf(1) if cond else mp.mpf(0)


def sgn(x):
    return mp.mpf((x > 0) - (x < 0))


# name -> (g', g'')
FUNCTIONS = [
    ('identity', lambda x: mp.mpf(1), lambda x: mp.mpf(0)),
    ('sigmoid', lambda x: sig(x) * sig(-x),
     lambda x: sig(x) * sig(-x) * (sig(-x) - sig(x))),
    ('tanh', lambda x: mp.sech(x)**2,
     lambda x: -2 * mp.tanh(x) * mp.sech(x)**2),
    ('relu', lambda x: heav(x > 0), lambda x: mp.mpf(0)),
    ('leaky_relu', lambda x: mp.mpf(1) if x > 0 else mp.mpf('0.01'), lambda x: mp.mpf(0)),
    ('relu6', lambda x: heav(0 < x < 6), lambda x: mp.mpf(0)),
    ('hardtanh', lambda x: heav(-1 < x < 1), lambda x: mp.mpf(0)),
    ('elu', lambda x: mp.mpf(1) if x > 0 else mp.exp(x),
     lambda x: mp.mpf(0) if x > 0 else mp.exp(x)),
    ('selu', lambda x: SELU_L if x > 0 else SELU_L * SELU_A * mp.exp(x),
     lambda x: mp.mpf(0) if x > 0 else SELU_L * SELU_A * mp.exp(x)),
    ('celu', lambda x: mp.mpf(1) if x > 0 else mp.exp(x),
     lambda x: mp.mpf(0) if x > 0 else mp.exp(x)),
    ('gelu', lambda x: Phi(x) + x * phi(x), lambda x: phi(x) * (2 - x * x)),
    ('gelu_tanh', gelu_tanh_d1, gelu_tanh_d2),
    ('silu', silu_h1, silu_h2),
    ('mish', mish_d1, mish_d2),
    ('softplus', lambda x: sig(x) if x <= 20 else mp.mpf(1),
     lambda x: sig(x) * sig(-x) if x <= 20 else mp.mpf(0)),
    ('softsign', lambda x: 1 / (1 + abs(x))**2,
     lambda x: -2 * sgn(x) / (1 + abs(x))**3),
    ('hardsigmoid', lambda x: mp.mpf(1) / 6 if -3 < x < 3 else mp.mpf(0),
     lambda x: mp.mpf(0)),
    ('hardswish',
     lambda x: mp.mpf(0) if x < -3 else (mp.mpf(1) if x > 3 else (2 * x + 3) / 6),
     lambda x: mp.mpf(1) / 3 if -3 <= x <= 3 else mp.mpf(0)),
    ('log_sigmoid', lambda x: sig(-x), lambda x: -sig(x) * sig(-x)),
]

# The header's arrays: (function, order) -> C++ name.
EMIT = {
    ('gelu', 1): 'kGeluD1', ('gelu', 2): 'kGeluD2',
    ('gelu_tanh', 1): 'kGeluTanhD1', ('gelu_tanh', 2): 'kGeluTanhD2',
    ('silu', 1): 'kSiluD1', ('silu', 2): 'kSiluD2',
    ('mish', 1): 'kMishD1', ('mish', 2): 'kMishD2',
}


# --- finding zeros ----------------------------------------------------------

def is_float32(x):
    """True when x is exactly a float32 value (then no Taylor band is needed)."""
    if x == 0:
        return True
    m, e = mp.frexp(x)
    scaled = m * 2**24
    return scaled == mp.floor(scaled)


def bisect(f, a, b):
    fa = f(a)
    while b - a > mp.mpf(10)**(-mp.mp.dps + 2) * max(1, abs(a)):
        m = (a + b) / 2
        fm = f(m)
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return (a + b) / 2


def refine(f, a, b):
    """The root of f in [a, b] (f(a), f(b) of opposite signs), or None when
    the sign changes by a jump."""
    try:
        # Anderson-Bjorck keeps the bracket, so it cannot wander off to
        # another zero; verify=False because at a jump it cannot converge.
        r = mp.findroot(f, (a, b), solver='anderson', verify=False)
        if not a <= r <= b:
            r = bisect(f, a, b)
    except (ValueError, ZeroDivisionError):
        r = bisect(f, a, b)
    # A continuous f is tiny on both sides of its root; a jump is not.
    d = mp.mpf(10)**-25
    scale = max(abs(f(r - mp.mpf('1e-3'))), abs(f(r + mp.mpf('1e-3'))), mp.mpf(10)**-30)
    if abs(f(r - d)) > scale * mp.mpf(10)**-15 or abs(f(r + d)) > scale * mp.mpf(10)**-15:
        return None
    return r


def survey(name, order, f):
    """Every zero-like feature of f on [LO, HI]: list of (kind, where, note)."""
    n = int((HI - LO) / GRID_STEP)
    xs = [LO + i * GRID_STEP for i in range(n + 1)]
    ys = [f(x) for x in xs]
    found = []
    # Runs of exact zeros on the grid: flat pieces (or an isolated grid zero).
    i = 0
    while i <= n:
        if ys[i] == 0:
            j = i
            while j + 1 <= n and ys[j + 1] == 0:
                j += 1
            if j > i:
                found.append(('flat', (xs[i], xs[j]), 'f == 0 identically'))
            else:
                left = ys[i - 1] if i > 0 else 0
                right = ys[i + 1] if i < n else 0
                if left * right < 0 or left == 0 or right == 0:
                    found.append(('root', xs[i], 'on a grid point'))
            i = j + 1
        else:
            i += 1
    for i in range(n):
        if ys[i] * ys[i + 1] < 0:
            r = refine(f, xs[i], xs[i + 1])
            if r is None:
                found.append(('jump', (xs[i] + xs[i + 1]) / 2,
                              'sign change by a jump, not a zero'))
            else:
                found.append(('root', r, ''))
    # Two zeros within one grid step: a dip of |f| with no sign change.
    dips = 0
    for i in range(1, n):
        a, b, c = abs(ys[i - 1]), abs(ys[i]), abs(ys[i + 1])
        if b < a and b < c and ys[i - 1] * ys[i] > 0 and ys[i] * ys[i + 1] > 0:
            dips += 1
            # Newton on f' from the dip; a real double zero would make f ~ 0.
            try:
                m = mp.findroot(lambda x: mp.diff(f, x), xs[i])
                if abs(m - xs[i]) < GRID_STEP and abs(f(m)) < mp.mpf(10)**-40 * max(a, c):
                    found.append(('pair?', m, 'local minimum of |f| ~ 0: check by hand'))
            except (ValueError, ZeroDivisionError):
                pass
    return found, dips


def classify(name, order, kind, where):
    if kind != 'root':
        return kind
    if where == 0:
        return 'excluded: x = 0'
    if is_float32(where):
        return 'excluded: exactly representable'
    return 'interior' if (name, order) in EMIT else 'interior (not emitted)'


# --- Taylor polynomials -----------------------------------------------------

def taylor(f, z0):
    # mpmath differentiates numerically with extra working precision; 80
    # digits here leave the coefficients good to far beyond double.
    with mp.workdps(80):
        c = mp.taylor(f, z0, 5)
    # A coefficient that vanishes identically (gelu'' about +-sqrt(2) has
    # c[3] = 0) comes out as differentiation noise near 1e-68: write it as 0.
    return [mp.mpf(0) if abs(ck) < mp.mpf(10)**-45 * abs(c[1]) else mp.mpf(ck) for ck in c]


def rel_err(f, z0, c, t):
    p = sum(c[k] * t**k for k in range(1, 6))
    v = f(z0 + t)
    return abs(p - v) / abs(v)


def radius(f, z0, c, bound):
    """Largest r with relative error of the (double-coefficient) polynomial
    below bound for every |t| <= r, found on a geometric grid then bisected."""
    def ok(t):
        return rel_err(f, z0, c, t) < bound and rel_err(f, z0, c, -t) < bound
    t = mp.mpf(2)**-30
    if not ok(t):
        return mp.mpf(0)
    while t < 4 and ok(t * 2):
        t *= 2
    a, b = t, t * 2
    for _ in range(40):
        m = (a + b) / 2
        # ok() is checked on the whole [a, m] by sampling: the error grows like t^5
        if all(ok(a + (m - a) * k / 8) for k in range(1, 9)):
            a = m
        else:
            b = m
    return a


def fmt(x):
    text = '%.17g' % float(x)  # 17 digits: the double round-trips exactly
    return text if any(ch in text for ch in '.e') else text + '.0'


def main():
    test_points = '--test-points' in sys.argv[1:]
    table = []  # (name, order, kind, where, note)
    emitted = {key: [] for key in EMIT}
    dips_total = 0
    for name, d1, d2 in FUNCTIONS:
        for order, f in ((1, d1), (2, d2)):
            found, dips = survey(name, order, f)
            dips_total += dips
            for kind, where, note in found:
                cls = classify(name, order, kind, where)
                table.append((name, order, cls, where, note))
                if cls == 'interior':
                    emitted[(name, order)].append(where)

    err = sys.stderr
    print('Zeros of g\' and g\'\' on [%d, %d] (grid step 1/512, mpmath %d digits; '
          'silu: of h1(u), h2(u), u = beta x)' % (LO, HI, mp.mp.dps), file=err)
    print('%-12s %-3s %-32s %s' % ('function', 'd', 'kind', 'where'), file=err)
    for name, order, cls, where, note in table:
        if isinstance(where, tuple):
            w = '[%s, %s]' % (mp.nstr(where[0], 8), mp.nstr(where[1], 8))
        else:
            w = mp.nstr(where, 30)
        print('%-12s %-3s %-32s %s%s' % (name, "'" * order, cls, w,
                                         ('  (' + note + ')') if note else ''), file=err)
    print('local minima of |f| away from sign changes: %d examined, none a hidden pair '
          'of zeros' % dips_total if not any(r[2] == 'pair?' for r in table) else
          'WARNING: possible zero pairs listed above', file=err)

    fns = {name: (d1, d2) for name, d1, d2 in FUNCTIONS}
    rows = []
    print('', file=err)
    print('Taylor polynomials (degree 5, coefficients rounded to double): largest |t| '
          'with relative error below 2^-40 / 2^-50', file=err)
    for (name, order), cname in EMIT.items():
        f = fns[name][order - 1]
        for z0 in emitted[(name, order)]:
            c = taylor(f, z0)
            hi = mp.mpf(float(z0))
            lo = mp.mpf(float(z0 - hi))
            cd = [mp.mpf(float(ck)) for ck in c]
            cd[0] = mp.mpf(0)
            z = hi + lo  # the polynomial is used about the double-double zero
            r40 = radius(f, z, cd, mp.mpf(2)**-40)
            r50 = radius(f, z, cd, mp.mpf(2)**-50)
            print('%-12s %-3s z0 = %-34s |t| <= %-10s (2^-40)  %-10s (2^-50)'
                  % (name, "'" * order, mp.nstr(z0, 30), mp.nstr(r40, 4), mp.nstr(r50, 4)),
                  file=err)
            rows.append((cname, name, order, z0, hi, lo, cd, r40, r50))

    if test_points:
        emit_test_points(rows, fns)
    else:
        emit_header(rows)


def emit_header(rows):
    out = sys.stdout
    out.write('// Generated by scripts/interior_zeros.py (mpmath, 60 digits): '
              'python3 scripts/interior_zeros.py > src/core/interior_zeros.hpp\n')
    out.write('#pragma once\n\n')
    out.write('namespace act::zeros {\n\n')
    out.write('// f(z0 + t) = c[1] t + c[2] t^2 + c[3] t^3 + c[4] t^4 + c[5] t^5 + O(t^6), '
              'with z0 = hi + lo exactly\n')
    out.write('struct InteriorZero { double hi, lo; double c[6]; };\n')
    by_name = {}
    for row in rows:
        by_name.setdefault(row[0], []).append(row)
    for cname in EMIT.values():
        entries = by_name.get(cname, [])
        name, order = entries[0][1], entries[0][2]
        what = ("h%d(u) of u = beta x (g%s = %sh%d(beta x))"
                % (order, "'" * order, 'beta ' if order == 2 else '', order)
                if name == 'silu' else "%s%s" % (name, "'" * order))
        out.write('\n// Zeros of %s.\n' % what)
        out.write('inline constexpr InteriorZero %s[] = {\n' % cname)
        for _, _, _, z0, hi, lo, cd, r40, r50 in entries:
            out.write('    // z0 = %s; degree 5 within 2^-40 for |t| <= %s, 2^-50 for |t| <= %s\n'
                      % (mp.nstr(z0, 30), mp.nstr(r40, 3), mp.nstr(r50, 3)))
            out.write('    {%s, %s,\n     {0.0, %s}},\n'
                      % (fmt(hi), fmt(lo), ', '.join(fmt(c) for c in cd[1:])))
        out.write('};\n')
    out.write('\n}  // namespace act::zeros\n')


def float32_neighbours(z, k):
    """The k float32 values on either side of z (z itself is not one)."""
    def bits_of(f):
        return struct.unpack('<I', struct.pack('<f', f))[0]

    def from_bits(b):
        return struct.unpack('<f', struct.pack('<I', b))[0]
    b = bits_of(float(z))  # the float32 nearest z, and its neighbours by bit pattern
    pts = sorted(from_bits(b + d) for d in range(-k - 1, k + 2))
    below = [p for p in pts if p < z][-k:]
    above = [p for p in pts if p > z][:k]
    return below + above


def emit_test_points(rows, fns):
    """Rows {id, order, x, f(x)} at the two float32 inputs on either side of
    each zero, where cancellation is worst, at t = +-2^-9 (just outside the
    oracle's Taylor bands of half-width 2^-10) and at t = 2^-6."""
    out = sys.stdout
    out.write('// Generated by scripts/interior_zeros.py (mpmath, 60 digits): python3 '
              'scripts/interior_zeros.py --test-points > tests/cpp/oracle_zero_points.inc\n'
              '// Rows {id, order, x, g^(order)(x)} at the default parameters, read by '
              'tests/cpp/oracle.cpp.\n')
    for cname, name, order, z0, hi, lo, cd, r40, r50 in rows:
        f = fns[name][order - 1]
        xs = float32_neighbours(z0, 2)
        for t in (mp.mpf(2)**-9, -mp.mpf(2)**-9, mp.mpf(2)**-6):
            xs.append(float(mp.mpf(float(z0 + t))))
        for x in xs:
            v = f(mp.mpf(x))
            mant, exp = float(x).hex().split('p')
            out.write('    {"%s", %d, %sp%s, %sL},\n'
                      % (name, order, mant.rstrip('0').rstrip('.'), exp,
                         mp.nstr(v, 25, min_fixed=1, max_fixed=0)))


if __name__ == '__main__':
    main()
