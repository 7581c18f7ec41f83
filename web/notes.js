// Teaching notes shown under the chart, keyed by activation id.
// Drawn from the project's seed text (activation-derivations.md).
// Text between $...$ is rendered as inline TeX with KaTeX; everything else is plain text.
// An id without an entry simply shows no notes.

export const NOTES = {
  sigmoid: [
    'The sigmoid squashes any $z$ into $(0, 1)$, which is why it is used for probabilities in classification.',
    'Its derivative can be written with the value itself: $g\'(z) = g(z)\\,(1 - g(z))$, so a forward pass that has stored $g(z)$ gets the slope almost for free.',
    'The slope peaks at $z = 0$ with $g\'(0) = \\tfrac14$ and decays towards 0 in both tails. Each sigmoid layer multiplies a back-propagated gradient by at most $\\tfrac14$, so gradients shrink geometrically through deep stacks (the vanishing-gradient problem), and saturated units with large $|z|$ barely learn.',
  ],
  tanh: [
    'tanh maps $z$ into $(-1, 1)$ and is centred on 0; it is a rescaled sigmoid: $\\tanh(z) = 2\\sigma(2z) - 1$.',
    'Its derivative also follows from the value: $g\'(z) = 1 - g(z)^2$.',
    'The slope is at most $g\'(0) = 1$, four times the sigmoid’s peak, but it still falls to 0 for large $|z|$: saturated tanh units pass back vanishing gradients too.',
  ],
  relu: [
    'ReLU is $g(z) = \\max(0, z)$: the identity for $z > 0$ and 0 for $z < 0$.',
    'Its derivative is 1 for $z > 0$ and 0 for $z < 0$ — cheap to compute, and it does not shrink gradients on the active side.',
    'A unit whose input stays at $z \\le 0$ gets a zero gradient, so its weights stop changing: a “dead neuron” that may never recover.',
  ],
  leaky_relu: [
    'Leaky ReLU changes ReLU only for $z < 0$: there it returns $\\alpha z$ with a small slope $\\alpha$ (often $0.01$) instead of 0.',
    'The derivative is 1 for $z > 0$ and $\\alpha$ for $z < 0$, so a unit with negative input still receives a small gradient and can recover — this is the fix for dead neurons.',
    'Move the $\\alpha$ slider to see the negative branch of $g$ and the lower step of $g\'$ follow it.',
  ],
};
