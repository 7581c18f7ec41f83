#!/usr/bin/env python3
"""Fits the float32 polynomials of the fast tier's GELU (src/core/fast_gelu.hpp).

With z = |x|, w = z^2/2, Phi the normal CDF and c = 1/sqrt(2 pi):
1. e^r = 1 + r + r^2 q(r) on |r| <= ln2/2 (plus a margin), q of degree 4.
2. E(v) = (Phi(x) - 1/2)/x, v = x^2 in [0, 1/4], degree 3 (g for |x| < 1/2).
3. G(z) = z Phi(-z) e^w = z erfcx(z/sqrt2)/2 on four pieces of [1/2, 14.8]:
   [1/2, 1), [1, 2), [2, 4) in v = z/2^e - centre (exact in float32), and
   [4, 14.8] in v = 4/z - 5/8, each as c0 + v H(v), H of degree 7, with c0
   as float32 hi + lo: the kernel adds everything but c0_hi first.
4. F(z) = (Phi(-z) - z phi(z)) e^w / (z0 - z), z0 = 0.7517915... the zero of
   g'(-z), on the same pieces, the first extended down to 0: [0, 1), H of
   degree 6 (g' has twice g's error budget), c0 as hi + lo too.
Fits are relative minimax (linearised least squares with Lawson weights at
Chebyshev nodes), rounded to float32 one coefficient at a time, highest
degree first, refitting the rest after each; the printed errors are those of
the rounded coefficients in exact arithmetic (the float32 evaluation adds
its own roundings, which tests/cpp/fast_exhaustive.cpp measures). Run:
    python3 scripts/fit_fast_gelu.py
and paste the coefficients into src/core/fast_gelu.hpp (takes a minute).
"""
import mpmath as mp

from float32_fit import f32, horner, show

mp.mp.dps = 40
SQRT_HALF = 1 / mp.sqrt(2)
C = 1 / mp.sqrt(2 * mp.pi)


def fit(f, a, b, degree, keep_constant=False, points=60, iterations=10):
    """Relative minimax polynomial sum p_k v^k of f on [a, b] with float32
    coefficients (p_0 left in full precision if keep_constant)."""
    xs = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / points) for i in range(points)]
    fs = [f(x) for x in xs]

    def solve(fixed):
        free = [j for j in range(degree + 1) if j not in fixed]
        w = [mp.mpf(1)] * points
        for it in range(iterations):
            rows = [[wi * x**j / fx for j in free] for x, fx, wi in zip(xs, fs, w)]
            rhs = [wi * (1 - sum(fixed[j] * x**j for j in fixed) / fx) for x, fx, wi in zip(xs, fs, w)]
            sol = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))[0]
            p = [fixed.get(j) for j in range(degree + 1)]
            for i, j in enumerate(free):
                p[j] = sol[i]
            errs = [abs(mp.polyval(p[::-1], x) / fx - 1) for x, fx in zip(xs, fs)]
            m = max(errs)
            w = [wi * mp.sqrt(e / m) + mp.mpf(10)**-30 for wi, e in zip(w, errs)]
        return p

    fixed = {}
    p = solve(fixed)
    for j in range(degree, 0 if keep_constant else -1, -1):
        fixed[j] = mp.mpf(f32(p[j]))
        if len(fixed) <= degree:
            p = solve(fixed)
    p = [fixed.get(j, p[j]) for j in range(degree + 1)]
    worst = max(abs(mp.polyval(p[::-1], a + (b - a) * i / 2000) / f(a + (b - a) * i / 2000) - 1) for i in range(2001))
    return p, worst


def log2(e):
    return float(mp.log(e, 2)) if e > 0 else -999


def M(z):  # Phi(-z) e^w = erfcx(z/sqrt2)/2
    return mp.erfc(z * SQRT_HALF) * mp.exp(z * z / 2) / 2


Z0 = mp.findroot(lambda z: M(z) - C * z, mp.mpf(0.75))


def G(z):
    return z * M(z)


def F(z):
    if abs(z - Z0) < mp.mpf(10)**-25:
        return C - mp.diff(M, Z0)
    return (M(z) - C * z) / (Z0 - z)


# The pieces: z range, and z = (v + centre) / scale for v = z*scale - centre
# (pieces 0-2), or z = 4/(v + 5/8) (piece 3).
PIECES = [(0.5, 1, 1, 0.75), (1, 2, 1, 1.5), (2, 4, 0.5, 1.5), (4, 14.8, None, 0.625)]
F_LOW = 0  # F's piece 0 starts at 0


def z_of(piece, v):
    lo, hi, scale, centre = PIECES[piece]
    return 4 / (v + centre) if scale is None else (v + centre) / scale


def v_range(piece, lo, hi):
    _, _, scale, centre = PIECES[piece]
    if scale is None:
        return 4 / mp.mpf(hi) - centre, 4 / mp.mpf(lo) - centre
    return lo * scale - centre, hi * scale - centre


def main():
    # 1. The exponential's q: (e^r - 1 - r)/r^2.
    R = mp.log(2) / 2 * (1 + mp.mpf(2)**-20)
    q, err = fit(lambda r: (mp.exp(r) - 1 - r) / r**2 if r != 0 else mp.mpf(1) / 2, -R, R, 4)
    print(f"// exp: q of degree 4, relative error 2^{log2(err):.1f} (t within 2^{log2(err * R * R):.1f})")
    print("  q: " + ", ".join(show(c) for c in q))

    # 2. E(v) for g = x/2 + x^2 E(x^2) near 0.
    e, err = fit(lambda v: mp.erf(mp.sqrt(v) * SQRT_HALF) / (2 * mp.sqrt(v)) if v != 0 else C, mp.mpf(0), mp.mpf(1) / 4, 3)
    print(f"// E: degree 3 on v in [0, 1/4], relative error 2^{log2(err):.1f}")
    print("  E: " + ", ".join(show(c) for c in e))

    # 3. and 4.: the pieces of G and F, coefficient k of every piece side by side.
    for name, fn, degree in (("G", G, 8), ("F", F, 7)):
        coeffs = []
        for piece, (lo, hi, _, _) in enumerate(PIECES):
            if name == "F" and piece == 0:
                lo = F_LOW
            a, b = v_range(piece, lo, hi)
            p, err = fit(lambda v, piece=piece: fn(z_of(piece, v)), min(a, b), max(a, b), degree, keep_constant=True)
            print(f"// {name} piece {piece}: z in [{lo}, {hi}), v in [{float(min(a, b)):.4f}, {float(max(a, b)):.4f}]: "
                  f"relative error 2^{log2(err):.1f}")
            coeffs.append(p)
        print(f"  {name} c0 hi: " + ", ".join(show(f32(p[0])) for p in coeffs))
        print(f"  {name} c0 lo: " + ", ".join(show(f32(p[0] - f32(p[0]))) for p in coeffs))
        for k in range(1, degree + 1):
            print(f"  {name} c{k}: " + ", ".join(show(p[k]) for p in coeffs))
    hi = f32(Z0)
    print(f"// z0 = {mp.nstr(Z0, 20)} = {show(hi)} + {show(f32(Z0 - hi))}")


if __name__ == "__main__":
    main()
