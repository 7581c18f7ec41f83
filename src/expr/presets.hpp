// Expressions that show why people combine functions: the page offers them
// as starting points, and the tests measure each one's accuracy against the
// expression oracle (tests/cpp).
#pragma once

#include <vector>

namespace act::expr {

struct PresetParam {
  const char* name;
  double value;
};

struct Preset {
  const char* id;
  const char* name;
  const char* source;
  std::vector<PresetParam> params;
  const char* reason;  // one line: why this combination
};

const std::vector<Preset>& presets();

}  // namespace act::expr
