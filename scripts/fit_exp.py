#!/usr/bin/env python3
"""Fits the float32 polynomial of the mixed-precision exponential (math.hpp).

e^r = 1 + r + r^2 q(r) on |r| <= ln2/2, q of degree 5 with float32
coefficients, from Chebyshev interpolation of q (near-minimax). The float32
lanes evaluate r^2 q(r), which is at most 0.07, so its rounding costs about
2^-28 of e^r; the fit's own error is printed (target: below 2^-30). Run:
    python3 scripts/fit_exp.py
and paste the printed coefficients into ExpOfNegative in src/core/math.hpp.
"""
import struct
import mpmath as mp

mp.mp.dps = 40
DEGREE = 5
A, B = -mp.log(2) / 2, mp.log(2) / 2


def to_float32(v):
    return struct.unpack('f', struct.pack('f', float(v)))[0]


def q(r):
    return mp.mpf(1) / 2 if abs(r) < mp.mpf('1e-30') else (mp.exp(r) - 1 - r) / r**2


coeffs = [to_float32(c) for c in mp.chebyfit(q, [A, B], DEGREE + 1)]  # highest degree first
worst = mp.mpf(0)
for i in range(4001):
    r = A + (B - A) * i / 4000
    acc = mp.mpf(0)
    for c in coeffs:
        acc = acc * r + mp.mpf(c)
    worst = max(worst, abs((1 + r + r * r * acc) / mp.exp(r) - 1))
for c in coeffs:
    mantissa, exponent = float.hex(c).split('p')
    print(f"{mantissa.rstrip('0').rstrip('.')}p{exponent}f")
print(f'max relative error of 1 + r + r^2 q(r): 2^{float(mp.log(worst, 2)):.1f}')
