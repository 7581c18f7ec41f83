#!/usr/bin/env python3
"""Fits the polynomials of the fast tier's softplus family (src/core/fast_log.hpp).

The kernels write every order in s = e^-|u| = 2^n (1 + t) (fast::Exp), and
split at |u| = 0.35 (beyond it, n <= -1 and s <= 0.705):

1. |u| > 0.35: log1p(s) = s - s^2 H(s), H(s) = (s - log1p(s))/s^2 in
   [0.36, 1/2], so the leading s is exact in the kernel's form and the
   polynomial only forms the smaller term (at most 0.34 of the result, at
   s = 0.705). H is a polynomial in v = s - 3/8 on s in [0, 0.71]: its terms
   fall by about 2.8x a degree (H's singularity at s = -1), so Horner in
   float32 does not cancel.
2. |u| <= 0.35: softplus(u) = ln2 + u/2 + u^2 C(u^2), C(w) = log(cosh(sqrt(w)/2))/w
   (softplus(u) - u/2 = log(2 cosh(u/2)) is even), C(0) = 1/8; the
   polynomial term is at most 0.03 of the result.

Chebyshev interpolation (near-minimax), coefficients rounded to float32.
Printed: the relative error of each polynomial with the rounded
coefficients in exact arithmetic, and for 1 the relative error of
s - s (s H) with every operation rounded to float32 (no FMA, as the kernel)
over float32 s on a dense grid, all as log2. Run:
    python3 scripts/fit_fast_log.py [degree of H] [degree of C]
and paste the coefficients into src/core/fast_log.hpp.
"""
import sys
import mpmath as mp

from float32_fit import f32, horner, show

mp.mp.dps = 40
H_DEGREE = int(sys.argv[1]) if len(sys.argv) > 1 else 8
C_DEGREE = int(sys.argv[2]) if len(sys.argv) > 2 else 2
H_CENTRE = mp.mpf(3) / 8
S_MAX = mp.mpf('0.71')  # e^-0.35 = 0.7047, plus a margin
U_MAX = mp.mpf('0.36')


def horner_float32(coeffs, x):
    acc = coeffs[0]
    for c in coeffs[1:]:
        acc = f32(f32(acc * x) + c)
    return acc


# 1. H in v = s - 3/8.
def H(v):
    s = H_CENTRE + v
    return mp.mpf(1) / 2 if abs(s) < mp.mpf('1e-20') else (s - mp.log1p(s)) / s**2


h = [f32(c) for c in mp.chebyfit(H, [-H_CENTRE, S_MAX - H_CENTRE], H_DEGREE + 1)]
h_worst = log_worst = mp.mpf(0)
N = 20000
for i in range(1, N + 1):
    s = f32(S_MAX * i / N)
    v = f32(s - float(H_CENTRE))
    h_worst = max(h_worst, abs(horner(h, mp.mpf(v)) / H(mp.mpf(v)) - 1))
    log1p = f32(s - f32(s * f32(s * horner_float32(h, v))))
    log_worst = max(log_worst, abs(mp.mpf(log1p) / mp.log1p(s) - 1))
print(f'// H(s) = (s - log1p(s))/s^2 in v = s - 3/8, degree {H_DEGREE}, highest first')
for c in h:
    print(show(c))
print(f'// max relative error: H 2^{float(mp.log(h_worst, 2)):.1f}, '
      f'float32 s - s(sH) 2^{float(mp.log(log_worst, 2)):.1f} (its last rounding alone: up to 2^-24)')


# 2. C in w = u^2.
def C(w):
    return mp.mpf(1) / 8 if w < mp.mpf('1e-30') else mp.log(mp.cosh(mp.sqrt(w) / 2)) / w


c = [f32(x) for x in mp.chebyfit(C, [0, U_MAX**2], C_DEGREE + 1)]
c_worst = mp.mpf(0)
for i in range(N + 1):
    w = U_MAX**2 * i / N
    c_worst = max(c_worst, abs(horner(c, w) / C(w) - 1))
print(f'// C(w) = log(cosh(sqrt(w)/2))/w, degree {C_DEGREE}, highest first')
for x in c:
    print(show(x))
print(f'// max relative error: C 2^{float(mp.log(c_worst, 2)):.1f}')
