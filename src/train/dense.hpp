// The trainer's three dense loops, for one fully connected layer of `in`
// inputs and `out` units. Each output element is a sum in a fixed order (the
// order of the plain loop written in each comment), kept in a register across
// the sum: four elements at a time in a vector, the rest one at a time, with
// the same separate multiply and add (no FMA), so the SIMD, baseline and
// native builds give the same bits. The small layers of the Train section
// (8 units, 2 inputs) are where the per-element loads and stores of the plain
// loops cost most.
#pragma once

#include <cstddef>

#include "core/simd.hpp"

namespace act::train::dense {

// z[j] = b[j] + wt[0][j]·a[0] + wt[1][j]·a[1] + …, wt the weights transposed ([in][out]).
inline void affine(const float* wt, const float* b, const float* a, float* z, int in, int out) {
  int j = 0;
#if ACT_HAVE_VECTOR
  for (; j + 4 <= out; j += 4) {
    simd::f32x4 acc = simd::load(b + j);
    for (int k = 0; k < in; ++k) acc = acc + simd::load(wt + static_cast<size_t>(k) * out + j) * a[k];
    simd::store(z + j, acc);
  }
#endif
  for (; j < out; ++j) {
    float acc = b[j];
    for (int k = 0; k < in; ++k) acc = acc + wt[static_cast<size_t>(k) * out + j] * a[k];
    z[j] = acc;
  }
}

// gw[j][k] += d[0][j]·a[0][k] + d[1][j]·a[1][k] + … over the rows in order,
// and gb[j] += d[0][j] + d[1][j] + …: the weight and bias gradients of a batch.
inline void accumulate_gradients(const float* d, const float* a, float* gw, float* gb, int rows, int in, int out) {
  for (int j = 0; j < out; ++j) {
    float* gwj = gw + static_cast<size_t>(j) * in;
    int k = 0;
#if ACT_HAVE_VECTOR
    for (; k + 4 <= in; k += 4) {
      simd::f32x4 acc = simd::load(gwj + k);
      for (int r = 0; r < rows; ++r)
        acc = acc + simd::load(a + static_cast<size_t>(r) * in + k) * d[static_cast<size_t>(r) * out + j];
      simd::store(gwj + k, acc);
    }
#endif
    for (; k < in; ++k) {
      float acc = gwj[k];
      for (int r = 0; r < rows; ++r)
        acc = acc + d[static_cast<size_t>(r) * out + j] * a[static_cast<size_t>(r) * in + k];
      gwj[k] = acc;
    }
    float bias = gb[j];
    for (int r = 0; r < rows; ++r) bias = bias + d[static_cast<size_t>(r) * out + j];
    gb[j] = bias;
  }
}

// da[k] = 0 + w[0][k]·d[0] + w[1][k]·d[1] + …: ∂loss/∂a of the layer below for one row, w as stored ([out][in]).
inline void back_row(const float* w, const float* d, float* da, int in, int out) {
  int k = 0;
#if ACT_HAVE_VECTOR
  for (; k + 4 <= in; k += 4) {
    simd::f32x4 acc = simd::splat<simd::f32x4>(0.0f);
    for (int j = 0; j < out; ++j) acc = acc + simd::load(w + static_cast<size_t>(j) * in + k) * d[j];
    simd::store(da + k, acc);
  }
#endif
  for (; k < in; ++k) {
    float acc = 0.0f;
    for (int j = 0; j < out; ++j) acc = acc + w[static_cast<size_t>(j) * in + k] * d[j];
    da[k] = acc;
  }
}

}  // namespace act::train::dense
