// The toy data sets. Shapes and sizes follow TF Playground's (points within
// about [-6, 6]², so every set's inputs are on one scale), written anew here.
//
// Row i belongs to class i % 2 (target 0 or 1): any n splits as evenly as
// possible, and so does every prefix, which a trainer's train/test split can
// take as it is. Each row's point is drawn from its class's region and then
// perturbed, so the labels stay exact and balanced while the noise blurs the
// boundary (Playground instead relabels a clean point by a noisy copy of it,
// which unbalances the classes).
//
// noise in [0, 1] reads like Playground's slider (0–50 %) over 100; what it
// scales, per set (u(a, b) a uniform draw, N a standard normal):
//   circle  inner disc r < 2.5 (class 1), ring 3.5 ≤ r < 5 (class 0), radius
//           and angle uniform; each coordinate + u(-5, 5)·noise.
//   xor     |x|, |y| in [0.3, 5.3) (clear of the axes), x·y > 0 for class 1;
//           each coordinate + u(-5, 5)·noise.
//   gauss   centres (2, 2) (class 1) and (-2, -2), variance 0.5 + 7·noise
//           (Playground's 0.5 to 4 over its slider).
//   spiral  two arms r = 5t, angle 3.5π·t (+π for class 0), t uniform in
//           [0, 1); each coordinate + u(-1, 1)·noise: the arms are only
//           5/3.5 ≈ 1.4 apart, so a larger share would erase them.
//   moons   two half circles of radius 3.5, the upper (class 1) and the lower
//           interleaved as in scikit-learn's make_moons, centred on the
//           origin; each coordinate + u(-3.5, 3.5)·noise.
//   plane   x, y uniform in [-6, 6), target (x + y)/10 (within ±1.2), the
//           plane read at a point moved by u(-6, 6)·noise per coordinate.
//
// Everything is computed in double (IEEE operations, the project's sin and
// cos, draws sequenced one statement at a time since argument evaluation
// order is unspecified) and rounded to float once: the same bits natively and
// in both WebAssembly builds.
#include "train/dataset.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "expr/elementary.hpp"
#include "train/random.hpp"

namespace act::train {

namespace {

namespace elem = act::expr::elem;

constexpr int kMaxRows = 100000;
constexpr double kPi = 0x1.921fb54442d18p+1;  // π rounded to double

struct Row {
  double x, y, target;
};

double between(Random& rng, double a, double b) { return a + (b - a) * rng.uniform(); }

// A point at radius r and angle t, angle measured from the y axis as
// Playground does (x = r·sin t).
Row polar(double r, double t, int label) { return {r * elem::sin(t), r * elem::cos(t), double(label)}; }

// Adds u(-amplitude, amplitude) to each coordinate, x's draw first.
Row jitter(Random& rng, Row p, double amplitude) {
  const double dx = between(rng, -amplitude, amplitude);
  const double dy = between(rng, -amplitude, amplitude);
  return {p.x + dx, p.y + dy, p.target};
}

Row circle(Random& rng, int label, double noise) {
  const double r = label == 1 ? between(rng, 0.0, 2.5) : between(rng, 3.5, 5.0);
  const double t = between(rng, 0.0, 2 * kPi);
  return jitter(rng, polar(r, t, label), 5.0 * noise);
}

Row xor_quadrants(Random& rng, int label, double noise) {
  const double ax = between(rng, 0.3, 5.3);
  const double ay = between(rng, 0.3, 5.3);
  const double sx = rng.below(2) == 1 ? 1.0 : -1.0;
  const double sy = label == 1 ? sx : -sx;
  return jitter(rng, {sx * ax, sy * ay, double(label)}, 5.0 * noise);
}

Row gauss(Random& rng, int label, double noise) {
  const double c = label == 1 ? 2.0 : -2.0;
  const double sd = std::sqrt(0.5 + 7.0 * noise);
  const double nx = rng.normal();
  const double ny = rng.normal();
  return {c + sd * nx, c + sd * ny, double(label)};
}

Row spiral(Random& rng, int label, double noise) {
  const double t = rng.uniform();
  const double angle = 3.5 * kPi * t + (label == 1 ? 0.0 : kPi);
  return jitter(rng, polar(5.0 * t, angle, label), noise);
}

Row moons(Random& rng, int label, double noise) {
  // scikit-learn's unit moons span x in [-1, 2], y in [-0.5, 1]: centres
  // (0, 0) and (1, 0.5) less the box's centre (0.5, 0.25), times the radius.
  constexpr double kRadius = 3.5;
  const double t = between(rng, 0.0, kPi);
  const double c = elem::cos(t);
  const double s = elem::sin(t);
  const Row p = label == 1 ? Row{kRadius * (c - 0.5), kRadius * (s - 0.25), 1.0}
                           : Row{kRadius * (0.5 - c), kRadius * (0.25 - s), 0.0};
  return jitter(rng, p, kRadius * noise);
}

Row plane(Random& rng, int /*label*/, double noise) {
  const double x = between(rng, -6.0, 6.0);
  const double y = between(rng, -6.0, 6.0);
  const Row moved = jitter(rng, {x, y, 0.0}, 6.0 * noise);
  return {x, y, (moved.x + moved.y) / 10.0};
}

struct Generator {
  const char* name;
  bool classification;
  Row (*row)(Random& rng, int label, double noise);
};

constexpr Generator kGenerators[] = {
    {.name = "circle", .classification = true, .row = circle},
    {.name = "xor", .classification = true, .row = xor_quadrants},
    {.name = "gauss", .classification = true, .row = gauss},
    {.name = "spiral", .classification = true, .row = spiral},
    {.name = "moons", .classification = true, .row = moons},
    {.name = "plane", .classification = false, .row = plane},
};

// Shortest form that reads back as the same double, so a message shows 1.5,
// not 1.5000000000000000, and still tells 1 from 1.0000000001.
std::string shortest(double v) {
  char buf[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

}  // namespace

const char* dataset_names() {
  static const std::string names = [] {
    std::string s;
    for (const Generator& g : kGenerators) s += (s.empty() ? "" : ", ") + std::string(g.name);
    return s;
  }();
  return names.c_str();
}

bool make_dataset(std::string_view name, int n, double noise, uint64_t seed, Dataset* out, std::string* error) {
  const Generator* gen = nullptr;
  for (const Generator& g : kGenerators) {
    if (name == g.name) gen = &g;
  }
  if (!gen) return fail(error, "unknown data set \"" + std::string(name) + "\"; the data sets are " + dataset_names());
  if (n < 1 || n > kMaxRows) {
    return fail(error, "n = " + std::to_string(n) + " rows is out of range: 1 to " + std::to_string(kMaxRows));
  }
  // Written so that NaN fails too.
  if (!(noise >= 0.0 && noise <= 1.0)) return fail(error, "noise = " + shortest(noise) + " is out of range: 0 to 1");

  Random rng(seed);
  Dataset d;
  d.rows = n;
  d.classification = gen->classification;
  d.inputs.resize(2 * size_t(n));
  d.targets.resize(size_t(n));
  for (int i = 0; i < n; ++i) {
    const Row r = gen->row(rng, i % 2, noise);
    d.inputs[2 * size_t(i)] = float(r.x);
    d.inputs[2 * size_t(i) + 1] = float(r.y);
    d.targets[size_t(i)] = float(r.target);
  }
  *out = std::move(d);
  return true;
}

}  // namespace act::train
