// The trainer's generator and toy data sets: statistics of the draws, and
// golden values that must come out bit for bit the same natively and in both
// WebAssembly builds (the point of using the project's own log/sin/cos).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "train/dataset.hpp"
#include "train/random.hpp"

namespace {

using act::train::Dataset;
using act::train::make_dataset;
using act::train::Random;

uint64_t bits_of(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// FNV-1a over the float bits of the inputs, then the targets, then the flag.
uint64_t checksum(const Dataset& d) {
  uint64_t h = 0xcbf29ce484222325;
  auto add = [&h](uint32_t word) {
    for (int i = 0; i < 4; ++i) {
      h ^= (word >> (8 * i)) & 0xff;
      h *= 0x100000001b3;
    }
  };
  for (float f : d.inputs) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    add(b);
  }
  for (float f : d.targets) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    add(b);
  }
  add(d.classification ? 1 : 0);
  return h;
}

// The names from the library's own list, so a new data set is tested here
// without editing a copy of the list.
std::vector<std::string> names() {
  std::vector<std::string> out;
  std::string all = act::train::dataset_names();
  size_t start = 0;
  while (true) {
    const size_t comma = all.find(", ", start);
    out.push_back(all.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out;
}

Dataset make(const std::string& name, int n, double noise, uint64_t seed) {
  Dataset d;
  std::string error;
  INFO("data set " << name << ", n = " << n << ", noise = " << noise << ", seed = " << seed);
  REQUIRE(make_dataset(name, n, noise, seed, &d, &error));
  CHECK(error.empty());
  return d;
}

}  // namespace

// Computed once by this implementation and cross-checked by hand against an
// independent Python implementation of splitmix64 seeding and xoshiro256**
// (from the published reference algorithms), which gave the same four words.
TEST_CASE("Random: golden next() for seed 1", "[dataset]") {
  Random rng(1);
  CHECK(rng.next() == 0xb3f2af6d0fc710c5u);
  CHECK(rng.next() == 0x853b559647364ceau);
  CHECK(rng.next() == 0x92f89756082a4514u);
  CHECK(rng.next() == 0x642e1c7bc266a3a7u);
}

// uniform() and normal() pass through IEEE arithmetic and the project's
// log/sin/cos: these bits are the cross-platform promise (this implementation's
// values, the same natively and in both wasm builds; the Python check above,
// with its libm's log/sin/cos, gave the same first uniform and two normals).
TEST_CASE("Random: golden uniform() and normal() bits for seed 1", "[dataset]") {
  Random a(1);
  CHECK(bits_of(a.uniform()) == 0x3fe67e55eda1f8e2u);
  Random b(1);
  CHECK(bits_of(b.normal()) == 0xbff8b93b94e8cc62u);  // -1.5452228371402943
  CHECK(bits_of(b.normal()) == 0xbfc989b7b0416aa5u);  // -0.19951530557849143, the cached spare
  CHECK(bits_of(b.normal()) == 0xbff037e69664d113u);  // -1.0136476397283942
}

TEST_CASE("Random: same seed, same sequence; other seeds differ", "[dataset]") {
  for (uint64_t seed : {uint64_t{0}, uint64_t{1}, uint64_t{42}, ~uint64_t{0}}) {
    INFO("seed " << seed);
    Random a(seed), b(seed), c(seed + 1);
    int same_as_other = 0;
    for (int i = 0; i < 1000; ++i) {
      const uint64_t x = a.next();
      REQUIRE(x == b.next());
      same_as_other += x == c.next();
    }
    CHECK(same_as_other == 0);
    // The spare of normal() is part of the state too.
    for (int i = 0; i < 101; ++i) REQUIRE(bits_of(a.normal()) == bits_of(b.normal()));
    REQUIRE(a.below(7) == b.below(7));
  }
}

TEST_CASE("Random: uniform() in [0, 1), mean 1/2, variance 1/12", "[dataset]") {
  Random rng(2024);
  constexpr int kDraws = 100000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / kDraws;
  const double var = sum2 / kDraws - mean * mean;
  // Standard errors: 0.29/√1e5 ≈ 0.0009 for the mean, ≈ 0.0002 for the variance.
  CHECK(std::fabs(mean - 0.5) < 0.005);
  CHECK(std::fabs(var - 1.0 / 12) < 0.002);
}

TEST_CASE("Random: below(n) is uniform", "[dataset]") {
  Random rng(7);
  SECTION("n = 10: chi-square") {
    constexpr int kDraws = 100000;
    int count[10] = {};
    for (int i = 0; i < kDraws; ++i) {
      const uint32_t k = rng.below(10);
      REQUIRE(k < 10);
      ++count[k];
    }
    double chi2 = 0;
    for (int c : count) chi2 += (c - kDraws / 10.0) * (c - kDraws / 10.0) / (kDraws / 10.0);
    // 9 degrees of freedom: mean 9; P(chi2 > 40) ≈ 7e-6.
    CHECK(chi2 < 40);
  }
  SECTION("n = 3") {
    constexpr int kDraws = 300000;
    int count[3] = {};
    for (int i = 0; i < kDraws; ++i) ++count[rng.below(3)];
    // Standard error of each count ≈ 258.
    for (int c : count) CHECK(std::abs(c - kDraws / 3) < 1500);
  }
  SECTION("n = 3·2^30, where shortcuts are biased by a third") {
    // x mod n would fall below 2^30 half the time, not a third; x·n/2^32
    // without the rejection would hit multiples of 3 half the time.
    constexpr uint32_t n = 0xC0000000u;
    constexpr int kDraws = 90000;
    int low = 0, multiple_of_3 = 0;
    for (int i = 0; i < kDraws; ++i) {
      const uint32_t k = rng.below(n);
      REQUIRE(k < n);
      low += k < 0x40000000u;
      multiple_of_3 += k % 3 == 0;
    }
    // Standard error ≈ 141 around 30000.
    CHECK(std::abs(low - kDraws / 3) < 1000);
    CHECK(std::abs(multiple_of_3 - kDraws / 3) < 1000);
  }
  SECTION("n = 1 and n = 2^32 - 1") {
    for (int i = 0; i < 100; ++i) REQUIRE(rng.below(1) == 0);
    for (int i = 0; i < 100; ++i) REQUIRE(rng.below(0xffffffffu) < 0xffffffffu);
  }
}

TEST_CASE("Random: normal() has mean 0, sd 1", "[dataset]") {
  Random rng(99);
  constexpr int kDraws = 100000;
  double sum = 0, sum2 = 0;
  int within_one = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = rng.normal();
    REQUIRE(std::isfinite(z));
    sum += z;
    sum2 += z * z;
    within_one += std::fabs(z) < 1;
  }
  const double mean = sum / kDraws;
  const double sd = std::sqrt(sum2 / kDraws - mean * mean);
  // Standard errors: 0.0032 for the mean, 0.0022 for the sd, 0.0015 for the share.
  CHECK(std::fabs(mean) < 0.015);
  CHECK(std::fabs(sd - 1) < 0.01);
  CHECK(std::fabs(within_one / double(kDraws) - 0.682689) < 0.008);
}

TEST_CASE("make_dataset: shape, balance and bounds of every data set", "[dataset]") {
  for (const std::string& name : names()) {
    for (double noise : {0.0, 0.1, 0.5, 1.0}) {
      for (int n : {1, 2, 3, 7, 200, 2001}) {
        const Dataset d = make(name, n, noise, 5);
        INFO(name << ", n = " << n << ", noise = " << noise);
        REQUIRE(d.rows == n);
        REQUIRE(d.inputs.size() == 2 * size_t(n));
        REQUIRE(d.targets.size() == size_t(n));
        CHECK(d.classification == (name != "plane"));
        // The largest |coordinate| each set can reach (gauss: its centre
        // plus 6 sd, which these seeds stay within).
        const double bound = name == "circle"   ? 5 + 5 * noise
                             : name == "xor"    ? 5.3 + 5 * noise
                             : name == "gauss"  ? 2 + 6 * std::sqrt(0.5 + 7 * noise)
                             : name == "spiral" ? 5 + noise
                             : name == "moons"  ? 5.25 + 3.5 * noise
                                                : 6.0;
        for (float v : d.inputs) {
          REQUIRE(std::isfinite(v));
          REQUIRE(std::fabs(v) <= bound + 1e-5);
        }
        if (d.classification) {
          int ones = 0;
          for (float t : d.targets) {
            REQUIRE((t == 0.0f || t == 1.0f));
            ones += t == 1.0f;
          }
          CHECK(ones == n / 2);  // class 0 takes the odd row
        } else {
          for (float t : d.targets) REQUIRE(std::fabs(t) <= 1.2 * (1 + noise) + 1e-5);
        }
      }
    }
  }
}

TEST_CASE("make_dataset: without noise the labels separate as each set's shape says", "[dataset]") {
  for (const std::string& name : names()) {
    INFO(name);
    const Dataset d = make(name, 2000, 0.0, 11);
    int agree = 0;
    for (int i = 0; i < d.rows; ++i) {
      const double x = d.inputs[2 * i], y = d.inputs[2 * i + 1], t = d.targets[i];
      const double r = std::hypot(x, y);
      bool ok = false;
      if (name == "circle") {
        ok = t == (r < 3.0);  // disc up to 2.5, ring from 3.5
      } else if (name == "xor") {
        ok = t == (x * y > 0);
      } else if (name == "gauss") {
        ok = t == (x + y > 0);  // 4 sd from each centre: the odd point may stray
      } else if (name == "spiral") {
        // On its own arm: the point at this radius on arm t lies at angle 3.5π·r/5 (+π for class 0).
        const double a = 3.5 * std::numbers::pi * r / 5 + (t == 1 ? 0 : std::numbers::pi);
        ok = std::hypot(x - r * std::sin(a), y - r * std::cos(a)) < 1e-4;
      } else if (name == "moons") {
        // Upper moon about (-1.75, -0.875), lower about (1.75, 0.875), radius 3.5.
        const double cx = t == 1 ? -1.75 : 1.75, cy = t == 1 ? -0.875 : 0.875;
        const bool on_circle = std::fabs(std::hypot(x - cx, y - cy) - 3.5) < 1e-5;
        ok = on_circle && (t == 1 ? y >= cy - 1e-6 : y <= cy + 1e-6);
      } else if (name == "plane") {
        ok = std::fabs(t - (x + y) / 10) < 1e-6;
      } else {
        FAIL("no separation check for this data set");
      }
      agree += ok;
    }
    if (name == "gauss") {
      CHECK(agree >= d.rows - 3);
    } else {
      CHECK(agree == d.rows);
    }
  }
}

TEST_CASE("make_dataset: deterministic; seed and noise change the data", "[dataset]") {
  for (const std::string& name : names()) {
    INFO(name);
    const Dataset a = make(name, 300, 0.2, 3);
    const Dataset b = make(name, 300, 0.2, 3);
    CHECK(a.inputs == b.inputs);
    CHECK(a.targets == b.targets);
    CHECK(make(name, 300, 0.2, 4).inputs != a.inputs);
    const Dataset clean = make(name, 300, 0.0, 3);
    CHECK((clean.inputs != a.inputs || clean.targets != a.targets));  // plane: the noise is in the targets
  }
}

// FNV-1a of each set's float bits for seed 1, n = 200, noise = 0.1: computed
// once by this implementation, and equal natively (x86-64, GCC/glibc) and in
// both wasm builds (musl) under Node.
TEST_CASE("make_dataset: golden checksums", "[dataset]") {
  struct Golden {
    const char* name;
    uint64_t checksum;
  };
  const Golden goldens[] = {
      {.name = "circle", .checksum = 0x6c1a9615c6e40244u}, {.name = "xor", .checksum = 0xa74c4c2a9f366194u},
      {.name = "gauss", .checksum = 0x545502553b5ab0f2u},  {.name = "spiral", .checksum = 0x406dc9bb05d2532eu},
      {.name = "moons", .checksum = 0xef48f68e940bd746u},  {.name = "plane", .checksum = 0xdecdb7bb760d905bu},
  };
  for (const std::string& name : names()) {
    INFO(name);
    const Golden* g = nullptr;
    for (const Golden& candidate : goldens) {
      if (name == candidate.name) g = &candidate;
    }
    REQUIRE(g);  // a new data set needs its golden checksum here
    const uint64_t sum = checksum(make(name, 200, 0.1, 1));
    INFO("checksum 0x" << std::hex << sum);
    CHECK(sum == g->checksum);
  }
}

TEST_CASE("make_dataset: errors name the problem and leave the output alone", "[dataset]") {
  Dataset d = make("circle", 4, 0, 1);
  const Dataset before = d;
  std::string error;
  auto fails = [&](const char* name, int n, double noise) {
    error.clear();
    const bool ok = make_dataset(name, n, noise, 1, &d, &error);
    CHECK(d.inputs == before.inputs);
    CHECK(d.rows == before.rows);
    return !ok;
  };

  CHECK(fails("circles", 10, 0.1));
  CHECK(error == std::string("unknown data set \"circles\"; the data sets are ") + act::train::dataset_names());
  CHECK(std::string(act::train::dataset_names()) == "circle, xor, gauss, spiral, moons, plane");
  CHECK(fails("", 10, 0.1));
  CHECK(fails("Circle", 10, 0.1));

  CHECK(fails("xor", 0, 0.1));
  CHECK(error == "n = 0 rows is out of range: 1 to 100000");
  CHECK(fails("xor", 100001, 0.1));
  CHECK(error == "n = 100001 rows is out of range: 1 to 100000");
  CHECK(fails("xor", -3, 0.1));
  CHECK(error == "n = -3 rows is out of range: 1 to 100000");

  CHECK(fails("gauss", 10, -0.1));
  CHECK(error == "noise = -0.1 is out of range: 0 to 1");
  CHECK(fails("gauss", 10, 1.5));
  CHECK(error == "noise = 1.5 is out of range: 0 to 1");
  CHECK(fails("gauss", 10, 1.0000000000000002));
  CHECK(error == "noise = 1.0000000000000002 is out of range: 0 to 1");
  CHECK(fails("gauss", 10, std::numeric_limits<double>::quiet_NaN()));
  CHECK(error == "noise = nan is out of range: 0 to 1");
  CHECK(fails("gauss", 10, std::numeric_limits<double>::infinity()));
  CHECK(error == "noise = inf is out of range: 0 to 1");

  // No error string wanted: still false, no crash.
  CHECK_FALSE(make_dataset("spiral", 0, 0, 1, &d, nullptr));
  // The limits themselves are accepted.
  CHECK(make("plane", 100000, 1.0, 1).rows == 100000);
  CHECK(make("moons", 1, 0.0, 1).rows == 1);
}
