// Two-dimensional toy data sets of the kind TF Playground offers, generated
// from a seed: inputs are rows of (x, y), targets one value per row (0 or 1
// for classification; a real value for regression).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace act::train {

struct Dataset {
  std::vector<float> inputs;   // rows × 2, row-major
  std::vector<float> targets;  // rows × 1
  int rows = 0;
  bool classification = true;
};

// Names: "circle" "xor" "gauss" "spiral" "moons" (classification) and
// "plane" (regression: a tilted plane plus noise). n rows in [1, 100000],
// noise in [0, 1] (a fraction of the data's scale). False and *error set for
// an unknown name or an out-of-range argument.
bool make_dataset(std::string_view name, int n, double noise, uint64_t seed, Dataset* out, std::string* error);

// The names, comma-separated, for messages.
const char* dataset_names();

}  // namespace act::train
