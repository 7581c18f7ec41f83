"""Helpers of the float32 fitting scripts (fit_fast*.py): rounding to float32,
printing a coefficient as a C++ hex float literal, Horner's scheme in mpmath."""
import struct

import mpmath as mp


def f32(v):
    """v rounded to the nearest float32, as a Python float."""
    return struct.unpack('f', struct.pack('f', float(v)))[0]


def show(c):
    """c as a C++ float literal in hex, e.g. 0x1.62e4p-1f (0.0f for zero)."""
    if c == 0:
        return '0.0f'
    mantissa, exponent = float.hex(float(c)).split('p')
    return f"{mantissa.rstrip('0').rstrip('.')}p{exponent}f"


def horner(coeffs, x):
    """The polynomial with coeffs (highest degree first) at x, in mpmath."""
    acc = mp.mpf(0)
    for c in coeffs:
        acc = acc * x + mp.mpf(c)
    return acc
