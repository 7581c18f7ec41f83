#include "functions.hpp"

#include <algorithm>
#include <vector>

#include "core/registry.hpp"

namespace act::expr {

namespace {

struct Named {
  const char* name;
  Op op;
  int arity;
};

// The language's own functions. sigmoid, tanh and softplus are also catalogue
// ids: the language's (the mathematical functions) take precedence.
constexpr Named kOwn[] = {
    {"exp", Op::exp, 1},           {"log", Op::log, 1}, {"log1p", Op::log1p, 1}, {"expm1", Op::expm1, 1},
    {"sqrt", Op::sqrt, 1},         {"abs", Op::abs, 1}, {"sin", Op::sin, 1},     {"cos", Op::cos, 1},
    {"tanh", Op::tanh, 1},         {"erf", Op::erf, 1}, {"erfc", Op::erfc, 1},   {"sigmoid", Op::sigmoid, 1},
    {"softplus", Op::softplus, 1}, {"max", Op::max, 2}, {"min", Op::min, 2},     {"where", Op::where, 3},
};

std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const Named& f : kOwn) names.emplace_back(f.name);
  for (const Activation& a : activations()) {
    if (std::find(names.begin(), names.end(), a.id) == names.end()) names.emplace_back(a.id);
  }
  return names;
}

// Optimal string alignment distance (transpositions count as one edit).
size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  return out;
}

}  // namespace

bool find_function(std::string_view name, FunctionInfo* info) {
  for (const Named& f : kOwn) {
    if (name == f.name) {
      *info = {f.op, f.arity, -1};
      return true;
    }
  }
  const auto& all = activations();
  for (size_t i = 0; i < all.size(); ++i) {
    if (name == all[i].id) {
      *info = {Op::catalogue, 1, static_cast<int>(i)};
      return true;
    }
  }
  return false;
}

std::string suggest_function(std::string_view name) {
  if (name.size() > 40) return "";
  const std::string wanted = lower(name);
  std::string best;
  size_t best_distance = 0;
  for (const std::string& candidate : all_names()) {
    const size_t d = distance(wanted, candidate);
    if (best.empty() || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  // A third of the letters wrong (at least one, at most three) still reads as a typo.
  const size_t allowed = std::clamp<size_t>(wanted.size() / 3, 1, 3);
  return best_distance <= allowed ? best : "";
}

const char* function_name(Op op) {
  for (const Named& f : kOwn) {
    if (f.op == op) return f.name;
  }
  return nullptr;
}

std::string function_names() {
  std::string out;
  for (const std::string& n : all_names()) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace act::expr
