// libFuzzer target for act::expr::Expression::compile and the passes of what
// it compiles (invariants: expr_invariants.hpp). Built twice by
// scripts/fuzz.sh:
//   ACT_FUZZ_GRAMMAR=0  raw mode: the bytes are the source, as a user could
//                       type or paste them (the parser's own defences);
//   ACT_FUZZ_GRAMMAR=1  grammar mode: the bytes choose productions
//                       (expr_grammar.hpp), to reach deep valid expressions.
// A violation prints one line and traps, so libFuzzer saves the input.
//
// Environment:
//   ACT_FUZZ_PREPARE=dir   write dir/expr.dict, dir/seeds-raw/ and
//                          dir/seeds-grammar/ and exit (scripts/fuzz.sh)
//   ACT_FUZZ_NO_ROUNDTRIP=1, ACT_FUZZ_NO_STRICT=1   turn those checks off
//   ACT_FUZZ_PRINT=1       print each source (to replay a crash: run the
//                          binary on the saved input with this set)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "expr/presets.hpp"
#include "expr_grammar.hpp"
#include "expr_invariants.hpp"

#ifndef ACT_FUZZ_GRAMMAR
#define ACT_FUZZ_GRAMMAR 0
#endif

namespace {

act::fuzz::Checks checks;
bool print_sources = false;

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// libFuzzer's dictionary syntax: one quoted token a line, \xNN escapes.
std::string dictionary_entry(const std::string& token) {
  std::string line = "\"";
  for (unsigned char c : token) {
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      line += buf;
    } else {
      line += static_cast<char>(c);
    }
  }
  return line + "\"\n";
}

// Seeds: the presets (what the page offers) and grammar samples for raw
// mode; random choice bytes for grammar mode. Written by the binary because
// it links the registry and the presets, which are the lists to read.
void prepare(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir / "seeds-raw");
  fs::create_directories(dir / "seeds-grammar");
  std::string dict;
  for (const std::string& token : act::fuzz::dictionary()) dict += dictionary_entry(token);
  write_file(dir / "expr.dict", dict);
  int k = 0;
  for (const act::expr::Preset& p : act::expr::presets()) write_file(dir / "seeds-raw" / p.id, p.source);
  for (uint64_t seed = 1; seed <= 24; ++seed)
    write_file(dir / "seeds-raw" / ("grammar-" + std::to_string(seed)), act::fuzz::random_expression(seed, 96));
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    std::string bytes(16u << (seed % 5), '\0');
    uint64_t state = seed * 7919;
    for (char& c : bytes) c = static_cast<char>(act::fuzz::splitmix64(state));
    write_file(dir / "seeds-grammar" / ("random-" + std::to_string(seed)), bytes);
    ++k;
  }
  std::printf("prepared %s: dictionary of %zu tokens, %zu + %d seeds\n", dir.c_str(), act::fuzz::dictionary().size(),
              act::expr::presets().size() + 24, k);
}

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("ACT_FUZZ_PREPARE")) {
    prepare(dir);
    std::exit(0);
  }
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v && *v != '0';
  };
  checks.round_trip = !set("ACT_FUZZ_NO_ROUNDTRIP");
  checks.strict = !set("ACT_FUZZ_NO_STRICT");
  print_sources = set("ACT_FUZZ_PRINT");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#if ACT_FUZZ_GRAMMAR
  const std::string source = act::fuzz::expression_from_bytes(data, size);
#else
  const std::string source(reinterpret_cast<const char*>(data), size);
#endif
  if (print_sources) std::fprintf(stderr, "source: %s\n", printable(source).c_str());
  const std::string violation = act::fuzz::check_expression(source, checks);
  if (!violation.empty()) {
    // The source is long at times: the violation first, then the source.
    std::fprintf(stderr, "\nexpr_fuzz: %s\nsource (%zu bytes): %s\n", printable(violation).c_str(), source.size(),
                 printable(source.substr(0, 2000)).c_str());
    __builtin_trap();
  }
  return 0;
}
