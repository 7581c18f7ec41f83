// What the page says about every custom expression, where a catalogue function
// has its text record (src/docs/<id>.yaml). Written from the expression
// engine's contract (src/expr/expression.hpp); $…$ is inline TeX (tex.js).

export const CUSTOM_TEXT = Object.freeze({
  summary:
    'Your own expression in $z$, parsed and compiled by the WebAssembly module. Every value on the page comes from that compiled expression, exactly as for the functions of the menu.',
  computation:
    "The module compiles the expression once into a tape and runs it over float64 lanes that carry each value with its first two Taylor coefficients (forward-mode differentiation): $g$, $g'$ and $g''$ come out together, exact up to float64 rounding, and are rounded once to float32 at the end. No finite differences anywhere. Textbook forms that fail in floating point are first replaced by stable primitives (listed under the notes). Moving a parameter does not parse the expression again.",
  kinks:
    "$\\max(a, b)$ and $\\min(a, b)$ at a tie take the one-sided slope of least magnitude: $0$ when the two sides slope in opposite directions (as $|z|$ and relu at $0$), else the smaller one ($\\max(a z, z)$ at $0$ has slope $a$); $g''$ comes from the same side. $|u|$ at $u = 0$ has slope $0$. $\\operatorname{where}(c, a, b)$ follows the branch $c$ selects. Functions of the menu keep their own conventions (relu′(0) = 0). $u^n$ for a whole number $n$ is repeated multiplication; $u^v$ with $v$ depending on $z$ is $e^{v \\log u}$ (NaN for $u < 0$).",
  noRewrites: 'Nothing was rewritten: the module evaluates the expression as written.',
});
