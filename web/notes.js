// The seed's teaching notes (activation-derivations.md), each placed where it
// applies: `derivative` under the g′ formula, `chart` beside the chart (next to
// the shading it explains), `depth` in the gradient-through-depth view.
// Text between $...$ is inline TeX. The registry's own notes (info.notes) are
// shown in the explanation as well; these add the seed's points to them.

export const SEED_NOTES = {
  sigmoid: {
    derivative:
      'The derivative can be written with the value itself: $g\'(z) = g(z)\\,(1 - g(z))$, so a forward pass that stored $g(z)$ gets the slope almost for free. Two numbers that add up to 1 have the largest product when both are $\\tfrac12$, so $\\sigma\'(z) \\le \\tfrac14$, reached only at $z = 0$.',
    chart:
      'In the shaded tails the sigmoid is saturated: $\\sigma\'$ is below the threshold, so those units pass back almost no gradient and barely learn.',
    depth:
      'Because $\\sigma\' \\le \\tfrac14$, a gradient that passes $L$ sigmoid layers is multiplied by at most $(\\tfrac14)^L$: ten layers shrink it by at least $10^{6}$ even at the best input $z = 0$. This is the vanishing-gradient problem.',
  },
  tanh: {
    derivative:
      'From the value: $g\'(z) = 1 - g(z)^2$. The peak slope is $g\'(0) = 1$, four times the sigmoid\'s $\\tfrac14$.',
    chart: 'Saturated tanh units (shaded) pass back vanishing gradients too, though later than the sigmoid.',
    depth:
      'Even tanh reaches its best slope of 1 only at $z = 0$: any spread of inputs makes the typical factor smaller than 1, and the product decays geometrically with depth.',
  },
  relu: {
    chart:
      'Dead neurons: where $z \\le 0$ ReLU\'s slope is exactly 0 (cross-hatched). A unit whose input stays there for every example receives no gradient, its weights stop changing, and it may never recover.',
    depth:
      'With inputs centred on 0, every ReLU layer zeroes about half of the paths, so after $L$ layers only about $2^{-L}$ of them still carry a gradient (the lower chart). Those that survive carry exactly 1.',
  },
  leaky_relu: {
    chart:
      'Leaky ReLU\'s fix for dead neurons: for $z < 0$ the slope is $\\alpha$ instead of 0, so nothing is cross-hatched: a unit with negative input still receives a small gradient and can recover. Set $\\alpha = 0$ to see ReLU\'s dead zone return.',
    depth:
      'No path is ever exactly 0 (for $\\alpha > 0$), but every negative input multiplies the gradient by $\\alpha$: small, yet not dead.',
  },
};
