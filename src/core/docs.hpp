// Teaching documentation for every activation: family, derivations of g' and
// g'' step by step, the convention at each kink, how the library computes the
// function in float32, and its qualitative properties. The page and the npm
// module read it next to the registry (registry.hpp), which keeps the
// formulas of g and g', the parameters and the measured accuracy.
//
// Two kinds of string:
//   * LaTeX (math mode, no $ delimiters, KaTeX-compatible): DerivationStep::latex,
//     Docs::latex_second and Properties::range.
//   * Text: every other string. Plain text that may contain inline TeX between
//     $...$ (as the page's notes do); a literal $ never appears otherwise.
// The variable is z; parameters are \alpha, \beta, \lambda, a_{\min}, a_{\max}
// and, for softplus, the threshold \tau.
#pragma once

#include <string_view>
#include <vector>

namespace act {

struct DerivationStep {
  const char* latex;  // one display equation (KaTeX-compatible LaTeX, no $ delimiters)
  const char* text;   // one or two sentences of plain text saying what the step does and why
                      // (may contain inline TeX between $...$)
};

struct Properties {
  const char* range;       // LaTeX, e.g. "(0, 1)", "[0, \\infty)", "(-\\alpha, \\infty)"
  const char* monotonic;   // "increasing", "non-decreasing", "no: dips to a minimum of ..."
  const char* smoothness;  // "$C^\\infty$", "$C^0$ (kink at $z = 0$)", ...
  bool zero_centred;       // g(0) = 0 and takes both signs
  const char* saturating;  // "both sides", "left ($z \\to -\\infty$)", "right (...)", "no"
  const char* dead_zone;   // where g' = 0 exactly, e.g. "$z \\le 0$", or "none"
};

struct Docs {
  const char* id;
  const char* family;        // one of: "Sigmoid-like", "ReLU family", "Exponential linear",
                             // "Smooth gated (self-gated)", "Softplus family",
                             // "Hard (piecewise linear)", "Linear"
  const char* summary;       // one sentence: what it is, where it is used
  const char* latex_second;  // g''(z) in LaTeX (g and g' LaTeX live in the registry)
  std::vector<DerivationStep> derivation;         // derivation of g' from g (3-6 steps)
  std::vector<DerivationStep> second_derivation;  // derivation of g'' from g' (1-4 steps)
  const char* kinks;        // convention at every kink and what PyTorch / TF.js do,
                            // or "none: smooth everywhere"
  const char* computation;  // how g, g', g'' are computed in float32 without cancellation,
                            // and where the textbook form fails
  const char* notes;        // teaching note, 1-3 sentences
  Properties properties;
};

// Every activation, in the registry's order.
const std::vector<Docs>& all_docs();

// nullptr when no activation has this id.
const Docs* find_docs(std::string_view id);

}  // namespace act
