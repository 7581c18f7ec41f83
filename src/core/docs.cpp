#include "docs.hpp"

namespace act {

namespace {

std::vector<Docs> build_docs() {
  return {
      // ------------------------------------------------------------------
      {
          "identity",
          "Linear",
          "The identity g(z) = z, i.e. no activation at all; used on the output of regression "
          "models and wherever a layer should stay linear, such as residual and projection paths.",
          R"(g''(z) = 0)",
          {
              {R"(g(z) = z)",
               R"(The identity passes its input through unchanged; it is what a layer without an activation computes.)"},
              {R"(g'(z) = \lim_{h \to 0} \frac{(z + h) - z}{h} = \lim_{h \to 0} \frac{h}{h})",
               R"(Start from the definition of the derivative: the difference quotient is $h/h$.)"},
              {R"(g'(z) = 1)",
               R"(The quotient equals 1 for every $h \ne 0$, so the slope is 1 everywhere and the backward pass hands gradients on unchanged.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\,1 = 0)",
               R"(The derivative of a constant is 0.)"},
          },
          R"(none: smooth everywhere)",
          R"(Exact: $g(z) = z$ is returned as it is, and $g' = 1$ and $g'' = 0$ are constants, so nothing is rounded.)",
          R"(Stacking linear layers only ever produces another linear map, however deep the stack, so hidden layers need a non-linear activation. The identity belongs on regression outputs and in skip connections.)",
          {R"((-\infty, \infty))", "increasing", R"($C^\infty$)", true, "no", "none"},
      },
      // ------------------------------------------------------------------
      {
          "sigmoid",
          "Sigmoid-like",
          "The logistic function σ(z) = 1/(1 + e^(−z)), which squashes any real number into "
          "(0, 1); used for probabilities in binary classification and for the gates of LSTM and "
          "GRU cells.",
          R"(g''(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\bigl(1 - 2\sigma(z)\bigr))",
          {
              {R"(g'(z) = \frac{d}{dz}\left(1 + e^{-z}\right)^{-1})",
               R"(Write $\sigma(z)$ as the $-1$ power of its denominator, so that the power rule and the chain rule apply.)"},
              {R"(g'(z) = -\left(1 + e^{-z}\right)^{-2} \cdot \frac{d}{dz}\left(1 + e^{-z}\right) = -\left(1 + e^{-z}\right)^{-2} \cdot \left(-e^{-z}\right))",
               R"(Chain rule: the outer power $u^{-1}$ gives $-u^{-2}$, multiplied by the derivative of the inner $u = 1 + e^{-z}$, which is $-e^{-z}$.)"},
              {R"(g'(z) = \frac{e^{-z}}{\left(1 + e^{-z}\right)^2})",
               R"(The two minus signs cancel. This is the seed's simplified form; it is positive for every $z$, so the sigmoid is strictly increasing.)"},
              {R"(g'(z) = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} = \sigma(z)\bigl(1 - \sigma(z)\bigr))",
               R"(Split the fraction into two factors: the first is $\sigma(z)$ and the second is $1 - \sigma(z)$, since $1 - \frac{1}{1 + e^{-z}} = \frac{e^{-z}}{1 + e^{-z}}$. A backward pass that stored $\sigma(z)$ can reuse it.)"},
              {R"(g'(z) = \frac{s}{(1 + s)^2}, \qquad s = e^{-|z|})",
               R"(Because $g'(-z) = g'(z)$, the library evaluates the step-3 form at $|z|$, so $s \le 1$ never overflows. The seed's $e^{-z}$ overflows for $z < -88.72$ (giving NaN), and $\sigma(1 - \sigma)$ is exactly 0 once a float32 $\sigma$ rounds to 1: from $z = 16.64$ when $\sigma$ is computed as $1/(1 + e^{-z})$ in float32, from $z = 17.33$ when it is correctly rounded.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\Bigl[\sigma(z)\bigl(1 - \sigma(z)\bigr)\Bigr] = \sigma'(z)\bigl(1 - \sigma(z)\bigr) - \sigma(z)\,\sigma'(z))",
               R"(Product rule on $\sigma(1 - \sigma)$, using $\frac{d}{dz}(1 - \sigma) = -\sigma'$.)"},
              {R"(g''(z) = \sigma'(z)\bigl(1 - 2\sigma(z)\bigr) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\bigl(1 - 2\sigma(z)\bigr))",
               R"(Collect the common factor $\sigma'$. $g''$ is 0 at $z = 0$, where the slope peaks at $\tfrac14$, positive to its left and negative to its right.)"},
              {R"(1 - 2\sigma(z) = -\tanh\left(\frac{z}{2}\right) = -\operatorname{sign}(z)\,\frac{1 - s}{1 + s} \quad\Rightarrow\quad g''(z) = -\operatorname{sign}(z)\,\frac{s\,(1 - s)}{(1 + s)^3})",
               R"(The factor $1 - 2\sigma$ cancels near $z = 0$, where both terms are close to 1, so it is rewritten with $s = e^{-|z|}$; $1 - s$ is taken as $-\operatorname{expm1}(-|z|)$, which stays accurate for tiny $|z|$.)"},
          },
          R"(none: smooth everywhere)",
          R"(Mixed precision, faithfully rounded (the float32 result is one of the two floats around the true value; measured at most 0.79 ULP over all float32 inputs): $t = e^{-z}$ is reduced in float32 lanes, four at a time, as $2^n(1 + r_{hi} + c)$ with $r_{hi}$ exact and only the small term $c$ rounded, and everything after it is float64, whose range holds $t$ up to $e^{104}$, beyond which every order is out of float32's range. So one formula serves both signs: $g = 1/(1 + t)$, which keeps the left tail's relative accuracy instead of forming $1 - \sigma(-z)$; $g' = t/(1 + t)^2$ (the same form in float32 arithmetic reaches 4.2 ULP at $z = 6.235$, so the library spends the double precision); $g'' = t(t - 1)/(1 + t)^3$ with $t - 1 = \operatorname{expm1}(-z)$, accurate near 0. The textbook $\sigma(1 - \sigma)$ computed from a float32 $\sigma = 1/(1 + e^{-z})$ is already 17% off at $z = 15$ and exactly 0 from $z = 16.64$ on (from 17.33 on with a correctly rounded $\sigma$), and the seed's $e^{-z}/(1 + e^{-z})^2$ is NaN below $z = -88.72$ in float32.)",
          R"(The slope is at most $\tfrac14$, so each sigmoid layer shrinks a back-propagated gradient at least fourfold, and saturated units with large $|z|$ pass back almost nothing: the vanishing-gradient problem of deep sigmoid networks. Its outputs are never negative, so the gradients on all the incoming weights of a following unit share one sign, which makes their updates zig-zag.)",
          {R"((0, 1))", "increasing", R"($C^\infty$)", false, "both sides", "none"},
      },
      // ------------------------------------------------------------------
      {
          "tanh",
          "Sigmoid-like",
          "The hyperbolic tangent, a zero-centred S-curve onto (−1, 1) equal to 2σ(2z) − 1; used "
          "for the hidden state and candidate cell values of LSTM and GRU cells and in classic "
          "recurrent networks.",
          R"(g''(z) = -2\tanh(z)\bigl(1 - \tanh^2(z)\bigr))",
          {
              {R"(g'(z) = \frac{d}{dz}\,\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}})",
               R"(Write tanh with exponentials; the numerator $u = e^z - e^{-z}$ and the denominator $v = e^z + e^{-z}$ are each other's derivatives.)"},
              {R"(g'(z) = \frac{\left(e^{z} + e^{-z}\right)^2 - \left(e^{z} - e^{-z}\right)^2}{\left(e^{z} + e^{-z}\right)^2})",
               R"(Quotient rule $(u/v)' = (u'v - uv')/v^2$ with $u' = v$ and $v' = u$.)"},
              {R"(g'(z) = \frac{4}{\left(e^{z} + e^{-z}\right)^2} = \operatorname{sech}^2(z))",
               R"(Expand the two squares: the $e^{2z}$ and $e^{-2z}$ terms cancel and only the cross terms survive, $2 - (-2) = 4$.)"},
              {R"(g'(z) = 1 - \frac{\left(e^{z} - e^{-z}\right)^2}{\left(e^{z} + e^{-z}\right)^2} = 1 - \tanh^2(z))",
               R"(Splitting the step-2 fraction into two terms instead gives the seed's $g' = 1 - g(z)^2$, cheap when the forward value is stored.)"},
              {R"(g'(z) = \frac{4s}{(1 + s)^2}, \qquad s = e^{-2|z|})",
               R"(Multiply the top and bottom of step 3 by $e^{-2|z|}$. The library uses this form: $1 - \tanh^2$ from a float32 tanh is already 6% off at $|z| = 8$ and exactly 0 from $|z| = 9.0109$ on, where tanh rounds to $\pm 1$.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\bigl(1 - \tanh^2(z)\bigr) = -2\tanh(z)\,\tanh'(z))",
               R"(Chain rule on the square.)"},
              {R"(g''(z) = -2\tanh(z)\bigl(1 - \tanh^2(z)\bigr) = -2\tanh(z)\,\frac{4s}{(1 + s)^2})",
               R"(Substitute $\tanh'$. $g''$ is 0 at $z = 0$ and largest in size at $z = \pm\operatorname{artanh}(1/\sqrt{3}) \approx \pm 0.6585$, where the slope changes fastest.)"},
          },
          R"(none: smooth everywhere)",
          R"(Mixed precision, faithfully rounded (measured at most 0.82 ULP over all float32 inputs): $s = e^{-2z}$ is reduced in float32 lanes as for the sigmoid ($2z$ is exact) and the rest is float64, which holds $s$ up to $e^{110}$. $\tanh(z) = (1 - s)/(1 + s)$ with $1 - s = -\operatorname{expm1}(-2z)$ formed without cancellation, so $\tanh z \approx z$ keeps its relative accuracy for tiny $z$, where $(e^{2z} - 1)/(e^{2z} + 1)$ cancels, and nothing overflows for large $|z|$. $g' = 4s/(1 + s)^2$ replaces $1 - \tanh^2$, which is 0 in float32 for $|z| \ge 9.0109$. $g'' = -2\tanh(z)\,g'(z) = 8s(s - 1)/(1 + s)^3$, a product of accurate factors.)",
          R"(Its outputs are centred on 0 and its peak slope is 1 rather than the sigmoid's $\tfrac14$, which makes it the better hidden-layer choice of the two. It still saturates on both sides, so deep stacks of tanh units suffer vanishing gradients; LSTMs work around this with an additive cell state.)",
          {R"((-1, 1))", "increasing", R"($C^\infty$)", true, "both sides", "none"},
      },
      // ------------------------------------------------------------------
      {
          "relu",
          "ReLU family",
          "The rectified linear unit max(0, z), zero for negative inputs and the identity for "
          "positive ones; the default hidden activation of deep convolutional and fully connected "
          "networks since AlexNet (2012).",
          R"(g''(z) = 0)",
          {
              {R"(g(z) = \max(0, z) = \begin{cases} z & z > 0 \\ 0 & z \le 0 \end{cases})",
               R"(Write the maximum as two linear pieces that meet at $z = 0$.)"},
              {R"(\frac{d}{dz}\,z = 1 \quad (z > 0), \qquad \frac{d}{dz}\,0 = 0 \quad (z < 0))",
               R"(Differentiate each piece on its open half-line: slope 1 on the right, 0 on the left.)"},
              {R"(\lim_{h \to 0^-} \frac{g(h) - g(0)}{h} = 0 \ne 1 = \lim_{h \to 0^+} \frac{g(h) - g(0)}{h})",
               R"(At $z = 0$ the one-sided slopes differ, so $g'(0)$ does not exist; every value in $[0, 1]$ is a subgradient there.)"},
              {R"(g'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases})",
               R"(The library picks $g'(0) = 0$, the convention of PyTorch and TF.js.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\,1 = \frac{d}{dz}\,0 = 0 \quad (z \ne 0))",
               R"(Both pieces of $g'$ are constant. The jump of $g'$ at 0 has no finite derivative, and $g''(0)$ is set to 0 as well.)"},
          },
          R"(At $z = 0$: $g'(0) = 0$, the left branch, as PyTorch and TF.js; $g'' = 0$ everywhere, the kink included. $g(-0) = +0$.)",
          R"(Exact in float32: $g$ is $z$ or $+0$ selected by the sign of $z$, and $g'$ and $g''$ are the constants 1 and 0, so nothing is rounded.)",
          R"(On the active side the slope is exactly 1, so gradients cross many layers without shrinking, and the function is almost free to compute. A unit whose input stays at $z \le 0$ for every example gets no gradient and stops learning (a dead neuron), for instance after a large update.)",
          {R"([0, \infty))", "non-decreasing", R"($C^0$ (kink at $z = 0$))", false,
           R"(left ($z \to -\infty$))", R"($z \le 0$)"},
      },
      // ------------------------------------------------------------------
      {
          "leaky_relu",
          "ReLU family",
          "ReLU with a small slope α (default 0.01) for negative inputs, so that no unit loses its "
          "gradient entirely; common in GAN discriminators (α = 0.2) and YOLO detectors (α = 0.1).",
          R"(g''(z) = 0)",
          {
              {R"(g(z) = \begin{cases} z & z \ge 0 \\ \alpha z & z < 0 \end{cases})",
               R"(Two lines through the origin. For $0 \le \alpha \le 1$ this is the seed's $\max(\alpha z, z)$.)"},
              {R"(\frac{d}{dz}\,z = 1 \quad (z > 0), \qquad \frac{d}{dz}\,\alpha z = \alpha \quad (z < 0))",
               R"(Each piece has a constant slope.)"},
              {R"(\lim_{h \to 0^-} \frac{g(h) - g(0)}{h} = \alpha, \qquad \lim_{h \to 0^+} \frac{g(h) - g(0)}{h} = 1)",
               R"(For $\alpha \ne 1$ the one-sided slopes at 0 differ, so a value has to be chosen there.)"},
              {R"(g'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases})",
               R"(The library uses $g'(0) = \alpha$, as PyTorch and TF.js do.)"},
          },
          {
              {R"(g''(z) = 0 \quad (z \ne 0))",
               R"(Both pieces of $g'$ are constant; $g''(0)$ is set to 0 too.)"},
          },
          R"(At $z = 0$: $g'(0) = \alpha$, the negative branch, as PyTorch and TF.js; $g'' = 0$ everywhere.)",
          R"(In float32: $g = \alpha z$ for $z < 0$ is one product, rounded once; $g = z$ for $z \ge 0$, $g' \in \{1, \alpha\}$ and $g'' = 0$ are exact. A comparison selects the branch, since $\max(\alpha z, z)$ would be wrong for $\alpha > 1$.)",
          R"(The small negative slope keeps a gradient flowing for $z < 0$, so units cannot die as they can with ReLU: this is the seed's fix for dead neurons. With $\alpha = 0$ it is ReLU again, and with $\alpha$ learned per channel it becomes PReLU.)",
          {R"((-\infty, \infty))", R"(increasing (for $\alpha > 0$))",
           R"($C^0$ (kink at $z = 0$))", true, "no", R"(none (for $\alpha > 0$))"},
      },
      // ------------------------------------------------------------------
      {
          "relu6",
          "ReLU family",
          "ReLU capped at 6, min(max(0, z), 6); used in MobileNetV1 and V2 because the bounded "
          "range suits low-precision (8-bit) inference.",
          R"(g''(z) = 0)",
          {
              {R"(g(z) = \min\bigl(\max(0, z), 6\bigr) = \begin{cases} 0 & z \le 0 \\ z & 0 < z < 6 \\ 6 & z \ge 6 \end{cases})",
               R"(Clamping to $[0, 6]$ gives three linear pieces.)"},
              {R"(g'(z) = 0 \ \ (z < 0), \qquad g'(z) = 1 \ \ (0 < z < 6), \qquad g'(z) = 0 \ \ (z > 6))",
               R"(Differentiate each piece on its open interval.)"},
              {R"(g'(z) = \begin{cases} 1 & 0 < z < 6 \\ 0 & \text{otherwise} \end{cases})",
               R"(At both kinks the one-sided slopes are 0 and 1. The library takes 0 at $z = 0$ and at $z = 6$, as PyTorch does.)"},
          },
          {
              {R"(g''(z) = 0 \quad (z \ne 0,\ z \ne 6))",
               R"(All pieces are linear, so $g''$ is 0 wherever it exists, and it is set to 0 at the kinks too.)"},
          },
          R"(At $z = 0$ and $z = 6$: $g' = 0$ at both, as PyTorch, whose gradient passes only strictly inside $(0, 6)$. TF.js gives 0 at $z = 0$ but 1 at $z = 6$. $g'' = 0$ everywhere.)",
          R"(Exact in float32: a clamp returns $0$, $z$ or $6$, and $g'$ and $g''$ are constants chosen by comparisons; nothing is rounded.)",
          R"(The cap bounds the activations, which keeps fixed-point ranges small for quantised inference and stops activations from growing without limit. The price is a second dead zone: units with $z \ge 6$ get no gradient either.)",
          {R"([0, 6])", "non-decreasing", R"($C^0$ (kinks at $z = 0$ and $z = 6$))", false,
           "both sides", R"($z \le 0$ and $z \ge 6$)"},
      },
      // ------------------------------------------------------------------
      {
          "hardtanh",
          "Hard (piecewise linear)",
          "The identity clamped to [min, max] (default [−1, 1]), a piecewise-linear stand-in for "
          "tanh; used as a cheap tanh substitute and, as the straight-through gradient, in "
          "binarised and quantised networks.",
          R"(g''(z) = 0)",
          {
              {R"(g(z) = \begin{cases} a_{\min} & z < a_{\min} \\ z & a_{\min} \le z \le a_{\max} \\ a_{\max} & z > a_{\max} \end{cases})",
               R"(Clamping $z$ to $[a_{\min}, a_{\max}]$ gives three linear pieces, the shape of tanh drawn with straight lines.)"},
              {R"(g'(z) = 0 \ \ (z < a_{\min}), \qquad g'(z) = 1 \ \ (a_{\min} < z < a_{\max}), \qquad g'(z) = 0 \ \ (z > a_{\max}))",
               R"(Differentiate each piece on its open interval.)"},
              {R"(g'(z) = \begin{cases} 1 & a_{\min} < z < a_{\max} \\ 0 & \text{otherwise} \end{cases})",
               R"(At the two endpoints the one-sided slopes are 0 and 1. The library takes 0 at both, as PyTorch does.)"},
          },
          {
              {R"(g''(z) = 0 \quad (z \ne a_{\min},\ z \ne a_{\max}))",
               R"(All pieces are linear; $g''$ is set to 0 at the endpoints as well.)"},
          },
          R"(At $z = a_{\min}$ and $z = a_{\max}$: $g' = 0$, as PyTorch's Hardtanh, whose gradient passes only strictly inside the interval. TF.js has no hardtanh op; its clipByValue, which computes the same $g$, passes the gradient at the endpoints, i.e. gives 1 there. $g'' = 0$ everywhere.)",
          R"(Exact in float32: a clamp against the parameter values returns $a_{\min}$, $z$ or $a_{\max}$ unchanged, and $g'$ and $g''$ are constants chosen by comparisons.)",
          R"(Inside the interval gradients pass unchanged; outside it the function saturates hard, with a slope of exactly 0, so units pushed past the limits stop learning. Binarised networks use its slope as the straight-through estimator: the forward pass takes the sign of $z$, the backward pass the hardtanh gradient.)",
          {R"([a_{\min}, a_{\max}])", "non-decreasing",
           R"($C^0$ (kinks at $z = a_{\min}$ and $z = a_{\max}$))", true, "both sides",
           R"($z \le a_{\min}$ and $z \ge a_{\max}$)"},
      },
      // ------------------------------------------------------------------
      {
          "elu",
          "Exponential linear",
          "The exponential linear unit (Clevert et al., 2015): the identity for z > 0 and "
          "α(e^z − 1) for z ≤ 0, which saturates smoothly at −α and pushes mean activations "
          "towards zero.",
          R"(g''(z) = \begin{cases} 0 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases})",
          {
              {R"(g(z) = \begin{cases} z & z > 0 \\ \alpha\left(e^{z} - 1\right) & z \le 0 \end{cases})",
               R"(Two pieces that meet at $g(0) = 0$, so $g$ is continuous.)"},
              {R"(\frac{d}{dz}\,\alpha\left(e^{z} - 1\right) = \alpha e^{z}, \qquad \frac{d}{dz}\,z = 1)",
               R"(On the negative branch the constant $-\alpha$ drops out and $e^z$ is its own derivative; the positive branch has slope 1.)"},
              {R"(\alpha e^{z} = \alpha\left(e^{z} - 1\right) + \alpha = g(z) + \alpha \quad (z \le 0))",
               R"(The negative-branch slope can also be written from the output, which is how backward passes that keep only the output compute it.)"},
              {R"(g'(z) = \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases})",
               R"(At $z = 0$ the left slope is $\alpha$ and the right slope 1; the library takes the negative branch, $g'(0) = \alpha$, as PyTorch does. For $\alpha = 1$ the two agree and $g'$ is continuous.)"},
          },
          {
              {R"(g''(z) = \begin{cases} 0 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases})",
               R"(Differentiate each branch of $g'$ again; the exponential reproduces itself. $g''$ jumps from $\alpha$ to 0 at the origin, and the library takes $g''(0) = \alpha$ from the negative branch.)"},
          },
          R"(At $z = 0$: $g'(0) = \alpha$ and $g''(0) = \alpha$, from the negative branch. PyTorch also uses the negative branch for $z \le 0$ and gives $\alpha$; TF.js, whose ELU has $\alpha = 1$ fixed and derives the gradient from the output, gives 1. With $\alpha = 1$ the one-sided slopes agree and only $g''$ jumps, from 1 to 0.)",
          R"(Mixed precision, faithfully rounded (measured at most 0.71 ULP): $e^{z}$ for $z \le 0$ is reduced in float32 lanes as for the sigmoid and finished in float64. The negative branch is $\alpha\,\operatorname{expm1}(z)$: $e^z - 1$ loses all its digits as $z \to 0$, and in float32 it is exactly 0 for $|z| < 2^{-25}$. $g' = g'' = \alpha e^{z}$ on that branch come straight from the input; forming $g' = g + \alpha$ from a stored float32 output instead gives 0 for $z \lesssim -17.3$ (with $\alpha = 1$), where $g$ has rounded to $-\alpha$.)",
          R"(Negative outputs pull the mean activation towards zero, which speeds up learning much as normalisation does, and the slope $\alpha e^z$ never reaches exactly 0, so units do not die. For very negative $z$ the gradient still fades (soft saturation), which makes the negative side insensitive to noise.)",
          {R"((-\alpha, \infty))", R"(increasing (for $\alpha > 0$))",
           R"($C^1$ for $\alpha = 1$ ($g''$ jumps at 0), otherwise $C^0$ ($g'$ jumps from $\alpha$ to 1))",
           true, R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "selu",
          "Exponential linear",
          "The scaled ELU of Klambauer et al. (2017), λ·elu(z, α) with fixed λ ≈ 1.0507 and "
          "α ≈ 1.6733, chosen so that activations in deep fully connected networks drift towards "
          "zero mean and unit variance (self-normalising networks).",
          R"(g''(z) = \begin{cases} 0 & z > 0 \\ \lambda\alpha e^{z} & z \le 0 \end{cases})",
          {
              {R"(g(z) = \lambda \begin{cases} z & z > 0 \\ \alpha\left(e^{z} - 1\right) & z \le 0 \end{cases}, \qquad \lambda \approx 1.0507, \quad \alpha \approx 1.6733)",
               R"(SELU is ELU multiplied by the constant $\lambda$; both constants are fixed by the self-normalising analysis, not trained.)"},
              {R"(\frac{d}{dz}\,\lambda z = \lambda, \qquad \frac{d}{dz}\,\lambda\alpha\left(e^{z} - 1\right) = \lambda\alpha e^{z})",
               R"(Differentiate each branch; the constant factor $\lambda$ carries through.)"},
              {R"(g'(z) = \begin{cases} \lambda & z > 0 \\ \lambda\alpha e^{z} & z \le 0 \end{cases})",
               R"(At $z = 0$ the left slope is $\lambda\alpha \approx 1.7581$ and the right slope $\lambda \approx 1.0507$. The library takes the negative branch, $g'(0) = \lambda\alpha$, as PyTorch and TF.js do.)"},
          },
          {
              {R"(g''(z) = \begin{cases} 0 & z > 0 \\ \lambda\alpha e^{z} & z \le 0 \end{cases})",
               R"(Differentiate again; $g''(0) = \lambda\alpha$ comes from the negative branch, the same choice as for $g'$.)"},
          },
          R"(At $z = 0$: $g'(0) = \lambda\alpha \approx 1.7581$ and $g''(0) = \lambda\alpha$, from the negative branch. PyTorch (negative branch for $z \le 0$) and TF.js (slope $\lambda$ only for $z > 0$) both give $\lambda\alpha$ at 0.)",
          R"(As for ELU, mixed precision, faithfully rounded (measured at most 0.71 ULP): $\lambda\alpha\,\operatorname{expm1}(z)$ on the negative branch, with no cancellation near 0, and $\lambda z$ on the positive one. $g' = g'' = \lambda\alpha e^{z}$ for $z \le 0$ come straight from the input, so the left tail keeps its relative accuracy where $g + \lambda\alpha$ from a float32 output would be 0.)",
          R"(With LeCun-normal weights, the mean and variance of SELU activations are pulled towards a stable fixed point at $(0, 1)$ from layer to layer, so deep fully connected networks train without batch normalisation. The slope $\lambda > 1$ on the right lets a too-small variance grow and the saturating left side lets a too-large one shrink; ordinary dropout breaks the property, so it is paired with alpha dropout.)",
          {R"((-\lambda\alpha, \infty) \approx (-1.7581, \infty))", "increasing",
           R"($C^0$ ($g'$ jumps from $\lambda\alpha$ to $\lambda$ at 0))", true,
           R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "celu",
          "Exponential linear",
          "The continuously differentiable ELU (Barron, 2017), max(0, z) + min(0, α(e^(z/α) − 1)), "
          "whose slope is 1 on both sides of 0 for every α.",
          R"(g''(z) = \begin{cases} 0 & z > 0 \\ \dfrac{1}{\alpha}\, e^{z/\alpha} & z \le 0 \end{cases})",
          {
              {R"(g(z) = \max(0, z) + \min\left(0,\ \alpha\left(e^{z/\alpha} - 1\right)\right) = \begin{cases} z & z > 0 \\ \alpha\left(e^{z/\alpha} - 1\right) & z \le 0 \end{cases})",
               R"(For $\alpha > 0$, $\alpha(e^{z/\alpha} - 1)$ has the sign of $z$, so only one of the two terms is non-zero at a time.)"},
              {R"(\frac{d}{dz}\,\alpha\left(e^{z/\alpha} - 1\right) = \alpha \cdot \frac{1}{\alpha}\, e^{z/\alpha} = e^{z/\alpha})",
               R"(Chain rule on the negative branch: the inner derivative $1/\alpha$ cancels the outer factor $\alpha$.)"},
              {R"(g'(z) = \begin{cases} 1 & z > 0 \\ e^{z/\alpha} & z \le 0 \end{cases})",
               R"(Both branches give slope $e^0 = 1$ at $z = 0$ for every $\alpha$, so $g'$ is continuous, unlike ELU with $\alpha \ne 1$. With $\alpha = 1$, CELU is ELU.)"},
          },
          {
              {R"(g''(z) = \begin{cases} 0 & z > 0 \\ \dfrac{1}{\alpha}\, e^{z/\alpha} & z \le 0 \end{cases})",
               R"(Differentiating $e^{z/\alpha}$ brings down another $1/\alpha$. $g''$ jumps from $1/\alpha$ to 0 at the origin; the library takes $g''(0) = 1/\alpha$ from the negative branch.)"},
          },
          R"($g$ and $g'$ are continuous ($g'(0) = 1$ from both sides); only $g''$ jumps at $z = 0$, from $1/\alpha$ to 0, and the library takes $g''(0) = 1/\alpha$, the negative branch. PyTorch computes CELU with its ELU kernel (input scaled by $1/\alpha$), which also treats $z \le 0$ as the negative branch; TF.js has no CELU.)",
          R"(Double-precision intermediates, rounded once to float32: $\alpha\,\operatorname{expm1}(z/\alpha)$ on the negative branch, since $e^{z/\alpha} - 1$ cancels near 0; $g' = e^{z/\alpha}$ and $g'' = e^{z/\alpha}/\alpha$ straight from the input.)",
          R"(It keeps ELU's advantages (negative outputs, no dead units) and removes ELU's slope jump for $\alpha \ne 1$, so the gradient is continuous for any $\alpha$. Small $\alpha$ makes the negative side saturate sooner, approaching ReLU as $\alpha \to 0$.)",
          {R"((-\alpha, \infty))", R"(increasing (for $\alpha > 0$))",
           R"($C^1$ ($g''$ jumps at 0))", true, R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "gelu",
          "Smooth gated (self-gated)",
          "The Gaussian error linear unit (Hendrycks & Gimpel, 2016), z·Φ(z) with Φ the standard "
          "normal CDF; the standard activation of Transformers (BERT, GPT-2, ViT), here in its "
          "exact erf form, the default of PyTorch's nn.GELU.",
          R"(g''(z) = \varphi(z)\left(2 - z^2\right) = \frac{2 - z^2}{\sqrt{2\pi}}\, e^{-z^2/2})",
          {
              {R"(g(z) = z\,\Phi(z), \qquad \Phi(z) = \frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right))",
               R"(GELU weights its input by the probability that a standard normal variable falls below it.)"},
              {R"(\Phi'(z) = \varphi(z) = \frac{1}{\sqrt{2\pi}}\, e^{-z^2/2})",
               R"(The derivative of a CDF is its density; equivalently, differentiate $\operatorname{erf}(z/\sqrt{2})$ using $\operatorname{erf}'(x) = \frac{2}{\sqrt{\pi}}\, e^{-x^2}$.)"},
              {R"(g'(z) = \Phi(z) + z\,\varphi(z))",
               R"(Product rule on $z \cdot \Phi(z)$.)"},
              {R"(g'(z) = 0 \iff \Phi(z) = -z\,\varphi(z) \iff z \approx -0.7518)",
               R"(For $z < 0$ the two terms have opposite signs and cancel at $z \approx -0.7518$, where $g$ has its minimum $-0.1700$; GELU is not monotonic.)"},
          },
          {
              {R"(\varphi'(z) = -z\,\varphi(z))",
               R"(Differentiating the Gaussian density brings down $-z$.)"},
              {R"(g''(z) = \varphi(z) + \varphi(z) + z\,\varphi'(z) = \varphi(z)\left(2 - z^2\right))",
               R"(Differentiate $\Phi + z\varphi$ with the product rule on the second term, then collect $\varphi$. $g''$ turns negative for $|z| > \sqrt{2}$, so $g'$ overshoots to about 1.129 at $z = \sqrt{2}$ before settling back to 1.)"},
          },
          R"(none: smooth everywhere)",
          R"(Double-precision intermediates, rounded once to float32. For $z < 0$, $\Phi(z)$ is taken as $\tfrac12\operatorname{erfc}(-z/\sqrt{2})$, because $1 + \operatorname{erf}$ cancels there and would wipe out the left tail, where $g$ is tiny but not 0. $\Phi(z) = \tfrac12 e^{-z^2/2}\operatorname{erfcx}(|z|/\sqrt2)$ with a fitted polynomial for $\operatorname{erfcx}$ (scripts/fit_erfcx.py), and $z^2$ is exact in double. $g' = \Phi + z\varphi$ cancels near its zero at $z \approx -0.7518$: in a narrow band around it the library evaluates a Taylor expansion about the zero, known to double-double precision, so the result keeps its relative accuracy. $g'' = \varphi(2 - z^2)$ needs no such care: for float32 $z$, $2 - z^2$ is exact in double near $\pm\sqrt2$.)",
          R"(It behaves like a smoothed ReLU that lets small negative inputs through with a small negative output, weighting each input by the probability $\Phi(z)$ that it exceeds a standard normal sample. Its slope is non-zero almost everywhere, so units do not die, and in practice it trains Transformer feed-forward blocks slightly better than ReLU.)",
          {R"(\approx [-0.1700, \infty))", R"(no: dips to a minimum of $-0.1700$ at $z \approx -0.7518$)",
           R"($C^\infty$)", true, R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "gelu_tanh",
          "Smooth gated (self-gated)",
          "The tanh approximation of GELU, ½z(1 + tanh(√(2/π)(z + 0.044715z³))), used in the "
          "original BERT and GPT-2 code and available in PyTorch as GELU(approximate='tanh').",
          R"(g''(z) = \operatorname{sech}^2(u)\left[\sqrt{\tfrac{2}{\pi}}\left(1 + 0.26829\,z^2\right) - z\,u'^2 \tanh u\right], \quad u' = \sqrt{\tfrac{2}{\pi}}\left(1 + 0.134145\,z^2\right))",
          {
              {R"(g(z) = \frac{z}{2}\bigl(1 + \tanh u\bigr), \qquad u = \sqrt{\tfrac{2}{\pi}}\left(z + 0.044715\,z^3\right))",
               R"(The approximation replaces $\Phi(z)$ by $\tfrac12(1 + \tanh u)$, a tanh of a fitted cubic that tracks the normal CDF closely.)"},
              {R"(u' = \sqrt{\tfrac{2}{\pi}}\left(1 + 0.134145\,z^2\right), \qquad \frac{d}{dz}\tanh u = \operatorname{sech}^2(u)\,u')",
               R"(Differentiate the cubic ($3 \times 0.044715 = 0.134145$), then use the chain rule with $\tanh' = \operatorname{sech}^2$.)"},
              {R"(g'(z) = \frac{1}{2}\bigl(1 + \tanh u\bigr) + \frac{z}{2}\,\operatorname{sech}^2(u)\,u')",
               R"(Product rule on $\frac{z}{2} \cdot (1 + \tanh u)$.)"},
              {R"(\tfrac{1}{2}(1 + \tanh u) = \sigma(2u), \quad \operatorname{sech}^2 u = 4\,\sigma(2u)\,\sigma(-2u) \quad\Rightarrow\quad g'(z) = \sigma(2u)\bigl(1 + 2z\,u'\,\sigma(-2u)\bigr))",
               R"(Rewriting with the sigmoid removes the sum $1 + \tanh u$, which cancels for negative $z$. $g'$ is 0 at $z \approx -0.7525$, where $g$ has its minimum $-0.1700$.)"},
          },
          {
              {R"(g''(z) = \operatorname{sech}^2(u)\,u' + \frac{z}{2}\Bigl(\operatorname{sech}^2(u)\,u'' - 2\tanh(u)\operatorname{sech}^2(u)\,u'^2\Bigr))",
               R"(Differentiate the two terms of $g'$: each contributes $\tfrac12\operatorname{sech}^2(u)\,u'$, and the product rule on $\operatorname{sech}^2(u)\,u'$ adds the bracket, using $(\operatorname{sech}^2 u)' = -2\tanh u\,\operatorname{sech}^2 u \cdot u'$.)"},
              {R"(g''(z) = \operatorname{sech}^2(u)\left[\sqrt{\tfrac{2}{\pi}}\left(1 + 0.26829\,z^2\right) - z\,u'^2 \tanh u\right])",
               R"(With $u'' = \sqrt{2/\pi} \cdot 0.26829\,z$, the terms $u' + \frac{z}{2}u''$ combine to $\sqrt{2/\pi}\,(1 + 6 \cdot 0.044715\,z^2)$. $g''$ vanishes at $z \approx \pm 1.4185$, close to exact GELU's $\pm\sqrt{2}$.)"},
          },
          R"(none: smooth everywhere)",
          R"(Double-precision intermediates, rounded once to float32. $1 + \tanh u$ cancels for negative $z$ (it goes to 0 while both terms stay near 1), so the library uses $\tfrac12(1 + \tanh u) = \sigma(2u)$ and $\operatorname{sech}^2 u = 4\sigma(2u)\sigma(-2u)$, with $\sigma$ computed from $e^{-|2u|}$ as for the sigmoid. Near the zero of $g'$ at $z \approx -0.7525$ and those of $g''$ at $z \approx \pm 1.4185$, where the remaining sums cancel, it evaluates a Taylor expansion about the zero, known to double-double precision.)",
          R"(The approximation dates from when erf was slow on accelerators; it differs from exact GELU by at most about $4.7 \times 10^{-4}$ (near $|z| = 2.7$). A model should be run with the form it was trained with, since such differences can shift its outputs.)",
          {R"(\approx [-0.1700, \infty))", R"(no: dips to a minimum of $-0.1700$ at $z \approx -0.7525$)",
           R"($C^\infty$)", true, R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "silu",
          "Smooth gated (self-gated)",
          "Swish, z·σ(βz) (Ramachandran et al., 2017); with β = 1 it is the SiLU (Elfwing et al., "
          "2017), used in EfficientNet, YOLOv5 and the SwiGLU feed-forward layers of LLaMA-style "
          "language models.",
          R"(g''(z) = \beta\,\sigma'(\beta z)\Bigl(2 + \beta z\bigl(1 - 2\sigma(\beta z)\bigr)\Bigr), \qquad \sigma' = \sigma\,(1 - \sigma))",
          {
              {R"(g(z) = z\,\sigma(\beta z))",
               R"(The input is gated by a sigmoid of a scaled copy of itself, hence self-gated.)"},
              {R"(\frac{d}{dz}\,\sigma(\beta z) = \beta\,\sigma'(\beta z) = \beta\,\sigma(\beta z)\bigl(1 - \sigma(\beta z)\bigr))",
               R"(Chain rule, with the sigmoid's derivative $\sigma' = \sigma(1 - \sigma)$ from its own derivation.)"},
              {R"(g'(z) = \sigma(\beta z) + \beta z\,\sigma(\beta z)\bigl(1 - \sigma(\beta z)\bigr))",
               R"(Product rule on $z \cdot \sigma(\beta z)$.)"},
              {R"(g'(z) = \sigma(\beta z)\bigl(1 + \beta z\,\sigma(-\beta z)\bigr))",
               R"(Factor out $\sigma(\beta z)$ and use $1 - \sigma(x) = \sigma(-x)$. The bracket is 0 at $\beta z \approx -1.2785$, the minimum, where $g = z + 1/\beta \approx -0.2785/\beta$.)"},
          },
          {
              {R"(g''(z) = \beta\,\sigma'(\beta z) + \beta\,\sigma'(\beta z) + \beta^2 z\,\sigma''(\beta z))",
               R"(Differentiate $g' = \sigma(\beta z) + \beta z\,\sigma'(\beta z)$ term by term, with the product rule on the second term.)"},
              {R"(\sigma''(x) = \sigma'(x)\bigl(1 - 2\sigma(x)\bigr) \quad\Rightarrow\quad g''(z) = \beta\,\sigma'(\beta z)\Bigl(2 + \beta z\bigl(1 - 2\sigma(\beta z)\bigr)\Bigr))",
               R"(Substitute the sigmoid's second derivative and factor out $\beta\sigma'(\beta z)$. The bracket vanishes at $\beta z \approx \pm 2.3994$.)"},
          },
          R"(none: smooth everywhere)",
          R"(Double-precision intermediates, rounded once to float32, with $\sigma(\beta z)$, $\sigma(-\beta z)$ and $\sigma'(\beta z) = s/(1 + s)^2$ all from $s = e^{-|\beta z|}$ as for the sigmoid, and $1 - 2\sigma(\beta z) = -\tanh(\beta z/2)$ via expm1. The factored $g'$ and the bracket of $g''$ still cancel near their zeros ($\beta z \approx -1.2785$ for $g'$, $\beta z \approx \pm 2.3994$ for $g''$); there the library evaluates a Taylor expansion about the zero, known to double-double precision.)",
          R"(Like GELU it is smooth, unbounded above and bounded below, with a small negative dip and a non-zero gradient almost everywhere, so units do not die. $\beta$ moves it between a scaled identity ($\beta = 0$ gives $z/2$) and ReLU ($\beta \to \infty$).)",
          {R"(\approx [-0.2785/\beta, \infty))",
           R"(no: dips to a minimum of $-0.2785/\beta$ at $z \approx -1.2785/\beta$)",
           R"($C^\infty$)", true, R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "mish",
          "Smooth gated (self-gated)",
          "Mish (Misra, 2019), z·tanh(softplus(z)), a smooth self-gated activation used in the "
          "YOLOv4 backbone.",
          R"(g''(z) = \sigma(z)\bigl(1 - t^2\bigr)\Bigl(2 + z\bigl(1 - \sigma(z) - 2\sigma(z)\,t\bigr)\Bigr), \qquad t = \tanh\bigl(\operatorname{sp}(z)\bigr))",
          {
              {R"(g(z) = z\,t(z), \qquad t(z) = \tanh\bigl(\operatorname{sp}(z)\bigr), \qquad \operatorname{sp}(z) = \log\left(1 + e^{z}\right))",
               R"(The gate $t$ is the tanh of the softplus $\operatorname{sp}$.)"},
              {R"(\operatorname{sp}'(z) = \frac{e^{z}}{1 + e^{z}} = \sigma(z), \qquad t'(z) = \bigl(1 - t^2\bigr)\,\sigma(z))",
               R"(Chain rule: the derivative of the softplus is the sigmoid, and $\tanh' = 1 - \tanh^2$.)"},
              {R"(g'(z) = t(z) + z\,\sigma(z)\bigl(1 - t(z)^2\bigr))",
               R"(Product rule on $z \cdot t(z)$.)"},
              {R"(t = \frac{n}{n + 2}, \qquad 1 - t^2 = \frac{4(n + 1)}{(n + 2)^2}, \qquad n = e^{z}\left(e^{z} + 2\right))",
               R"(Since $e^{\operatorname{sp}(z)} = 1 + e^z$, $t = \frac{(1 + e^z)^2 - 1}{(1 + e^z)^2 + 1}$, a ratio of terms in $e^z$ with nothing to cancel. $g'$ is 0 at $z \approx -1.1924$, where $g$ has its minimum $-0.3088$.)"},
          },
          {
              {R"(g''(z) = t' + \sigma\bigl(1 - t^2\bigr) + z\Bigl(\sigma'\bigl(1 - t^2\bigr) - 2\,t\,t'\,\sigma\Bigr))",
               R"(Differentiate $t + z\,\sigma(1 - t^2)$: the first term gives $t'$, the product rule on the second gives three terms.)"},
              {R"(g''(z) = \sigma(z)\bigl(1 - t^2\bigr)\Bigl(2 + z\bigl(1 - \sigma(z) - 2\sigma(z)\,t\bigr)\Bigr))",
               R"(Substitute $t' = \sigma(1 - t^2)$ and $\sigma' = \sigma(1 - \sigma)$, then factor out $\sigma(1 - t^2)$. The bracket vanishes at $z \approx -2.2564$ and $z \approx 1.4906$.)"},
          },
          R"(none: smooth everywhere)",
          R"(Double-precision intermediates, rounded once to float32: $t = n/(n + 2)$ and $1 - t^2 = 4(n + 1)/(n + 2)^2$ with $n = e^z(e^z + 2)$, instead of composing tanh, log and exp, where $\log(1 + e^z)$ rounds to 0 once $e^z$ falls below the rounding unit and $1 - \tanh^2$ cancels for large $z$; $\sigma(z)$ as for the sigmoid. Near the zero of $g'$ ($z \approx -1.1924$) and those of $g''$ ($z \approx -2.2564$ and $1.4906$) the library evaluates a Taylor expansion about the zero, known to double-double precision.)",
          R"(Mish behaves much like SiLU: smooth, unbounded above, bounded below with a small negative dip, and no dead units. Its author reports small accuracy gains over SiLU and ReLU, bought with more arithmetic per element than either.)",
          {R"(\approx [-0.3088, \infty))", R"(no: dips to a minimum of $-0.3088$ at $z \approx -1.1924$)",
           R"($C^\infty$)", true, R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "softplus",
          "Softplus family",
          "A smooth ReLU, (1/β)·log(1 + e^(βz)), switched to z above a threshold as in PyTorch; "
          "used where a value must stay positive, such as variances and scales in probabilistic "
          "models or the step size of Mamba-style state-space layers.",
          R"(g''(z) = \begin{cases} \beta\,\sigma(\beta z)\,\sigma(-\beta z) & \beta z \le \tau \\ 0 & \beta z > \tau \end{cases})",
          {
              {R"(g(z) = \frac{1}{\beta}\log\left(1 + e^{\beta z}\right))",
               R"(The log of $1 + e^{\beta z}$, scaled by $1/\beta$ so that it approaches $\max(0, z)$ as $\beta$ grows.)"},
              {R"(g'(z) = \frac{1}{\beta} \cdot \frac{\beta e^{\beta z}}{1 + e^{\beta z}} = \frac{e^{\beta z}}{1 + e^{\beta z}})",
               R"(Chain rule: $\frac{d}{dz}\log u = u'/u$ with $u = 1 + e^{\beta z}$ and $u' = \beta e^{\beta z}$; the two $\beta$s cancel.)"},
              {R"(g'(z) = \frac{1}{1 + e^{-\beta z}} = \sigma(\beta z))",
               R"(Divide the top and bottom by $e^{\beta z}$: the slope of softplus is a sigmoid, so softplus is the sigmoid's antiderivative.)"},
              {R"(g(z) = z, \quad g'(z) = 1 \qquad (\beta z > \tau))",
               R"(Like PyTorch, the library switches to the linear branch above the threshold $\tau$ (default 20), where $\log(1 + e^{\beta z})/\beta$ exceeds $z$ by less than $e^{-\tau}/\beta$.)"},
          },
          {
              {R"(g''(z) = \beta\,\sigma'(\beta z) = \beta\,\sigma(\beta z)\,\sigma(-\beta z) \quad (\beta z \le \tau), \qquad g''(z) = 0 \quad (\beta z > \tau))",
               R"(Chain rule on $\sigma(\beta z)$, with $\sigma' = \sigma(1 - \sigma)$ and $1 - \sigma(x) = \sigma(-x)$; the linear branch has no curvature.)"},
          },
          R"(Smooth as a formula, but the switch to $g = z$ for $\beta z > \tau$ (PyTorch's rule, default $\tau = 20$, used by its backward too) lowers $g$ by $\log(1 + e^{-\tau})/\beta \approx e^{-\tau}/\beta$ there and lifts $g'$ from $\sigma(\tau)$ to 1: at $\tau = 20$ both gaps are far below float32 resolution, but $g''$ drops from $\beta\sigma'(\tau) \approx 2 \times 10^{-9}\beta$ to exactly 0. TF.js's softplus has neither $\beta$ nor $\tau$ and switches to $z$ above $z \approx 13.94$ (and to $e^z$ below $-13.94$).)",
          R"(Double-precision intermediates, rounded once to float32: $g = \max(\beta z, 0)/\beta + \operatorname{log1p}(e^{-|\beta z|})/\beta$, which never overflows and keeps full accuracy in the left tail, where $g \approx e^{\beta z}/\beta$; the textbook $\log(1 + e^{\beta z})$ overflows for large $\beta z$ and gives 0 once $1 + e^{\beta z}$ rounds to 1. $g' = \sigma(\beta z)$ and $g'' = \beta s/(1 + s)^2$ with $s = e^{-|\beta z|}$, as for the sigmoid. Above the threshold $g = z$, $g' = 1$ and $g'' = 0$ exactly.)",
          R"(Softplus has ReLU's shape without the kink, and its slope $\sigma(\beta z)$ is never exactly 0, so no unit is ever completely dead; but the slope is small for negative inputs and the function costs an exponential and a logarithm. It has mostly given way to ReLU as a hidden activation and remains the usual way to map a real number to a positive one.)",
          {R"((0, \infty))",
           R"(increasing (the linear switch at $\beta z = \tau$ lowers $g$ by about $e^{-\tau}/\beta$, invisible in float32 at $\tau = 20$))",
           R"($C^\infty$ apart from the tiny jump at the linear switch, $\beta z = \tau$)", false,
           R"(left ($z \to -\infty$))", "none"},
      },
      // ------------------------------------------------------------------
      {
          "softsign",
          "Sigmoid-like",
          "z/(1 + |z|), an S-curve onto (−1, 1) like tanh that approaches its limits polynomially "
          "rather than exponentially; compared with tanh by Glorot & Bengio (2010).",
          R"(g''(z) = -\frac{2\operatorname{sign}(z)}{\left(1 + |z|\right)^3})",
          {
              {R"(g(z) = \frac{z}{1 + |z|} = \begin{cases} \dfrac{z}{1 + z} & z \ge 0 \\ \dfrac{z}{1 - z} & z < 0 \end{cases})",
               R"(Remove the absolute value by splitting at 0.)"},
              {R"(\frac{d}{dz}\,\frac{z}{1 + z} = \frac{(1 + z) - z}{(1 + z)^2} = \frac{1}{(1 + z)^2} \quad (z > 0))",
               R"(Quotient rule on the positive branch.)"},
              {R"(\frac{d}{dz}\,\frac{z}{1 - z} = \frac{(1 - z) + z}{(1 - z)^2} = \frac{1}{(1 - z)^2} \quad (z < 0))",
               R"(Quotient rule on the negative branch: the derivative of $1 - z$ is $-1$, which turns the minus sign into a plus.)"},
              {R"(g'(z) = \frac{1}{\left(1 + |z|\right)^2})",
               R"(Both branches are $1/(1 + |z|)^2$ and both give 1 at $z = 0$, so $g'$ is continuous. It decays like $1/z^2$, far more slowly than tanh's $4e^{-2|z|}$.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\left(1 + |z|\right)^{-2} = -2\left(1 + |z|\right)^{-3}\operatorname{sign}(z))",
               R"(Chain rule, with $\frac{d}{dz}|z| = \operatorname{sign}(z)$ for $z \ne 0$.)"},
              {R"(g''(z) = -\frac{2\operatorname{sign}(z)}{\left(1 + |z|\right)^3}, \qquad g''(0) = 0)",
               R"(At $z = 0$, $g''$ jumps from $+2$ to $-2$; the library takes $\operatorname{sign}(0) = 0$, the midpoint, which keeps $g''$ odd like $g$.)"},
          },
          R"($g$ and $g'$ are continuous ($g'(0) = 1$), but $g''$ jumps at $z = 0$ from $+2$ to $-2$; the library takes $g''(0) = 0$. That is also what automatic differentiation gives in PyTorch, which computes softsign as $z/(1 + |z|)$ and differentiates $|z|$ as $\operatorname{sign}(z)$, 0 at 0.)",
          R"(Double-precision intermediates, rounded once to float32: $g = z/(1 + |z|)$, and with $r = 1/(1 + |z|)$, $g' = r^2$ and $g'' = -2\operatorname{sign}(z)\,r^3$ (powers of $r$ rather than of $1 + |z|$, which would overflow). No cancellation: 1 and $|z|$ have the same sign. No exponential is involved.)",
          R"(Its tails flatten only like $1/z^2$, so units saturate more gently than with tanh and keep a usable gradient over a wider range of inputs; Glorot and Bengio found softsign networks less prone to saturating early in training. It is cheap but rarely used in modern networks.)",
          {R"((-1, 1))", "increasing", R"($C^1$ ($g''$ jumps at 0))", true, "both sides", "none"},
      },
      // ------------------------------------------------------------------
      {
          "hardsigmoid",
          "Hard (piecewise linear)",
          "A piecewise-linear sigmoid, relu6(z + 3)/6 in the PyTorch form used here (Keras 2 and "
          "TF.js use clip(0.2z + 0.5, 0, 1) instead); the gate of the squeeze-and-excitation "
          "blocks in MobileNetV3.",
          R"(g''(z) = 0)",
          {
              {R"(g(z) = \frac{\operatorname{relu6}(z + 3)}{6} = \begin{cases} 0 & z \le -3 \\ \dfrac{z}{6} + \dfrac{1}{2} & -3 < z < 3 \\ 1 & z \ge 3 \end{cases})",
               R"(Shifting ReLU6 by 3 and dividing by 6 gives a line through $(0, \tfrac12)$ clamped to $[0, 1]$.)"},
              {R"(g'(z) = 0 \ \ (z < -3), \qquad g'(z) = \tfrac{1}{6} \ \ (-3 < z < 3), \qquad g'(z) = 0 \ \ (z > 3))",
               R"(Each piece is linear. The middle slope $\tfrac16$ is below the sigmoid's $\tfrac14$ at 0, and the curve reaches 0 and 1 exactly.)"},
              {R"(g'(z) = \begin{cases} \tfrac{1}{6} & -3 < z < 3 \\ 0 & \text{otherwise} \end{cases})",
               R"(At both kinks the one-sided slopes are 0 and $\tfrac16$; the library takes 0 at $z = \pm 3$, as PyTorch does.)"},
          },
          {
              {R"(g''(z) = 0 \quad (z \ne \pm 3))",
               R"(All pieces are linear; $g''$ is set to 0 at the kinks too.)"},
          },
          R"(At $z = -3$ and $z = 3$: $g' = 0$ at both, as PyTorch's Hardsigmoid (slope $\tfrac16$ only strictly inside). Keras 2 and TF.js define a different function, $\operatorname{clip}(0.2z + 0.5, 0, 1)$, with kinks at $z = \pm 2.5$ and slope 0.2, and TF.js's clip gradient keeps the slope at its kinks; Keras 3 switched to the PyTorch form. $g'' = 0$ everywhere.)",
          R"(In float32 directly: $g = \min(\max(z + 3, 0), 6)/6$, where the sum $z + 3$ (exact for $-6 \le z \le -1.5$) and the division by 6 each round once; $g' \in \{0, \tfrac16\}$ and $g'' = 0$ are constants, $\tfrac16$ rounded to float32 once.)",
          R"(It replaces the sigmoid's exponential with a clamp, which is cheap and quantises well on mobile hardware. The price is a slope of exactly 0 outside $[-3, 3]$, so gates pushed there stop learning.)",
          {R"([0, 1])", "non-decreasing", R"($C^0$ (kinks at $z = -3$ and $z = 3$))", false,
           "both sides", R"($z \le -3$ and $z \ge 3$)"},
      },
      // ------------------------------------------------------------------
      {
          "hardswish",
          "Hard (piecewise linear)",
          "z·relu6(z + 3)/6, the cheap piecewise stand-in for swish/SiLU introduced with "
          "MobileNetV3 (Howard et al., 2019).",
          R"(g''(z) = \begin{cases} \tfrac{1}{3} & -3 \le z \le 3 \\ 0 & \text{otherwise} \end{cases})",
          {
              {R"(g(z) = z\,\frac{\operatorname{relu6}(z + 3)}{6} = \begin{cases} 0 & z \le -3 \\ \dfrac{z(z + 3)}{6} & -3 < z < 3 \\ z & z \ge 3 \end{cases})",
               R"(Hard-swish is $z$ times the hard sigmoid, built like SiLU with $\sigma$ replaced by its piecewise-linear version; the middle piece is a parabola.)"},
              {R"(\frac{d}{dz}\,\frac{z^2 + 3z}{6} = \frac{2z + 3}{6})",
               R"(Differentiate the parabola; the outer pieces have slopes 0 and 1.)"},
              {R"(g'(z) = \begin{cases} 0 & z < -3 \\ \dfrac{2z + 3}{6} & -3 \le z \le 3 \\ 1 & z > 3 \end{cases})",
               R"(The one-sided slopes are 0 and $-\tfrac12$ at $z = -3$, and $\tfrac32$ and 1 at $z = 3$, so $g'$ jumps at both. Following PyTorch, the middle formula holds on the closed interval, giving $-\tfrac12$ at $-3$ and $\tfrac32$ at 3.)"},
              {R"(g'(z) = 0 \iff z = -\tfrac{3}{2}, \qquad g(-\tfrac{3}{2}) = -\tfrac{3}{8})",
               R"(The slope is negative on $[-3, -1.5)$, so hard-swish dips to a minimum of $-0.375$, like SiLU's dip.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\,\frac{2z + 3}{6} = \frac{1}{3} \quad (-3 \le z \le 3), \qquad g''(z) = 0 \quad (|z| > 3))",
               R"(Differentiate the middle piece of $g'$, on the same closed interval; the outer pieces are linear and have no curvature.)"},
          },
          R"($g$ is continuous, but $g'$ jumps at $z = -3$ (from 0 to $-\tfrac12$) and at $z = 3$ (from $\tfrac32$ to 1). The library evaluates the middle piece on the closed interval $[-3, 3]$, as PyTorch's hardswish backward does for $g'$: $g'(-3) = -\tfrac12$ and $g'(3) = \tfrac32$. It takes $g'' = \tfrac13$ at both ends, from the same closed interval.)",
          R"(In float32 directly: the outer pieces are exact; the middle piece $z \cdot (z + 3)/6$ takes a few roundings with no cancellation, since $z + 3$ is exact for $-3 \le z \le -1.5$, where it is small, and elsewhere its rounding error is only relative. $g' = (2z + 3)/6$: $2z$ is exact and $2z + 3$ is exact for $-3 \le z \le -0.75$, so the zero at $z = -1.5$ comes out exactly. $g'' = \tfrac13$ is a constant rounded once.)",
          R"(It keeps most of swish's accuracy gain in MobileNetV3 while replacing the exponential with a clamp, which is fast and quantisation-friendly. Like ReLU it has an exact dead zone ($z < -3$), and its slope jumps at $z = \pm 3$.)",
          {R"([-0.375, \infty))", R"(no: dips to a minimum of $-0.375$ at $z = -1.5$)",
           R"($C^0$ ($g'$ jumps at $z = \pm 3$))", true, R"(left ($z \to -\infty$))",
           R"($z < -3$)"},
      },
      // ------------------------------------------------------------------
      {
          "log_sigmoid",
          "Softplus family",
          "The logarithm of the sigmoid, log σ(z) = −softplus(−z); the numerically safe way to get "
          "log-probabilities from logits, as in binary cross-entropy on logits, word2vec's "
          "negative-sampling loss and the DPO preference loss.",
          R"(g''(z) = -\sigma(z)\,\sigma(-z) = -\frac{e^{-|z|}}{\left(1 + e^{-|z|}\right)^2})",
          {
              {R"(g(z) = \log\sigma(z) = -\log\left(1 + e^{-z}\right))",
               R"(Take the log of $1/(1 + e^{-z})$; the result is minus the softplus of $-z$.)"},
              {R"(g'(z) = -\frac{-e^{-z}}{1 + e^{-z}} = \frac{e^{-z}}{1 + e^{-z}})",
               R"(Chain rule: $\frac{d}{dz}\log u = u'/u$ with $u = 1 + e^{-z}$ and $u' = -e^{-z}$.)"},
              {R"(g'(z) = \frac{1}{e^{z} + 1} = 1 - \sigma(z) = \sigma(-z))",
               R"(Divide the top and bottom by $e^{-z}$. Equivalently, $g' = \sigma'/\sigma = 1 - \sigma$ from the sigmoid's derivative.)"},
          },
          {
              {R"(g''(z) = \frac{d}{dz}\,\sigma(-z) = -\sigma'(-z) = -\sigma(z)\,\sigma(-z))",
               R"(Chain rule with inner derivative $-1$; $\sigma'(-z) = \sigma(-z)\,\sigma(z)$ because $\sigma'$ is even.)"},
          },
          R"(none: smooth everywhere)",
          R"(Double-precision intermediates, rounded once to float32: $g = \min(z, 0) - \operatorname{log1p}(e^{-|z|})$, accurate in both tails, whereas $\log(\sigma(z))$ gives $-\infty$ once $\sigma$ underflows and loses all relative accuracy for large $z$, where $\sigma$ rounds to 1 although $g \approx -e^{-z}$ is not 0. $g' = \sigma(-z)$ from $s = e^{-|z|}$ as for the sigmoid (not $1 - \sigma(z)$ from a float32 $\sigma$, which is 0 from $z = 16.64$ or $17.33$ on), and $g'' = -s/(1 + s)^2$.)",
          R"(Working with $\log\sigma$ directly avoids taking the log of a probability that has already rounded to 0 or 1, which is why such losses are written on logits. Its slope $\sigma(-z)$ is close to 1 for very negative $z$, so badly wrong predictions get a strong gradient, and fades to 0 as $z$ grows.)",
          {R"((-\infty, 0))", "increasing", R"($C^\infty$)", false, R"(right ($z \to +\infty$))",
           "none"},
      },
  };
}

}  // namespace

const std::vector<Docs>& all_docs() {
  static const std::vector<Docs> docs = build_docs();
  return docs;
}

const Docs* find_docs(std::string_view id) {
  for (const Docs& d : all_docs()) {
    if (id == d.id) return &d;
  }
  return nullptr;
}

}  // namespace act
