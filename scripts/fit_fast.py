#!/usr/bin/env python3
"""Fits the float32 polynomials of the fast tier (src/core/fast.hpp).

1. e^r = 1 + r + r^2 q(r) on |r| <= ln2/2 (plus a margin for the rounding of
   r), q of degree 4 with float32 coefficients.
2. tanh(z) = z + z^3 P(z^2) on 0 <= z <= 0.5625 (above it the kernel uses
   1 - 2e/(1 + e), e = e^-2z), P of degree 6 in v = z^2.
Both from Chebyshev interpolation (near-minimax), coefficients rounded to
float32; the printed errors are those of the rounded coefficients in exact
arithmetic (the float32 evaluation adds its own roundings, which the
accuracy harness measures). Run:
    python3 scripts/fit_fast.py
and paste the coefficients into src/core/fast.hpp.
"""
import mpmath as mp

from float32_fit import f32, horner, show

mp.mp.dps = 40


# 1. The exponential's q.
EXP_DEGREE = 4
R = mp.log(2) / 2 * (1 + mp.mpf(2) ** -20)


def q(r):
    return mp.mpf(1) / 2 if abs(r) < mp.mpf('1e-30') else (mp.exp(r) - 1 - r) / r**2


exp_coeffs = [f32(c) for c in mp.chebyfit(q, [-R, R], EXP_DEGREE + 1)]
worst = mp.mpf(0)
for i in range(4001):
    r = -R + 2 * R * i / 4000
    worst = max(worst, abs((1 + r + r * r * horner(exp_coeffs, r)) / mp.exp(r) - 1))
print('// e^r = 1 + r + r^2 q(r), q highest degree first')
for c in exp_coeffs:
    print(show(c))
print(f'// max relative error of 1 + r + r^2 q(r): 2^{float(mp.log(worst, 2)):.1f}')

# 2. tanh's small-argument polynomial, in v = z^2.
TANH_DEGREE = 6
T = mp.mpf('0.5625')


def P(v):
    if v < mp.mpf('1e-30'):
        return mp.mpf(-1) / 3
    z = mp.sqrt(v)
    return (mp.tanh(z) - z) / z**3


tanh_coeffs = [f32(c) for c in mp.chebyfit(P, [0, T * T], TANH_DEGREE + 1)]
worst = mp.mpf(0)
for i in range(1, 4001):
    z = T * i / 4000
    worst = max(worst, abs((z + z**3 * horner(tanh_coeffs, z * z)) / mp.tanh(z) - 1))
print('// tanh(z) = z + z^3 P(z^2), P highest degree first')
for c in tanh_coeffs:
    print(show(c))
print(f'// max relative error of z + z^3 P(z^2): 2^{float(mp.log(worst, 2)):.1f}')
