// Parameter values of one activation, in the order its registry entry lists
// them (e.g. leaky_relu: v[0] = alpha). Unused slots are ignored.
#pragma once

namespace act {

constexpr int kMaxParams = 4;

struct Params {
  float v[kMaxParams] = {0, 0, 0, 0};
};

}  // namespace act
