#include "parser.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "functions.hpp"

namespace act::expr {

int column_of(std::string_view source, int at) {
  int column = 1;
  for (int i = 0; i < at && i < static_cast<int>(source.size()); ++i) {
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;  // not a continuation byte
  }
  return column;
}

namespace {

enum class Tok {
  number,
  identifier,
  plus,
  minus,
  star,
  slash,
  caret,
  lparen,
  rparen,
  comma,
  less,
  less_eq,
  greater,
  greater_eq,
  end,
  bad
};

struct Token {
  Tok kind;
  int begin, end;  // byte offsets
  double number = 0;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }

// The length of the well-formed UTF-8 sequence that starts s (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0.
size_t utf8_length(std::string_view s) {
  const auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned c = byte(0);
  size_t length = 0;
  unsigned low = 0x80, high = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (byte(1) < low || byte(1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

std::string describe(std::string_view source, const Token& t) {
  switch (t.kind) {
    case Tok::end: return "end of the expression";
    case Tok::number: return "number " + std::string(source.substr(t.begin, t.end - t.begin));
    case Tok::identifier: return "'" + std::string(source.substr(t.begin, t.end - t.begin)) + "'";
    default: return "'" + std::string(source.substr(t.begin, t.end - t.begin)) + "'";
  }
}

class Parser {
 public:
  Parser(std::string_view source, Ast* ast, Error* error) : src_(source), ast_(ast), error_(error) {}

  bool run() {
    if (src_.size() > kMaxSourceLength) {
      return fail_whole("the expression is " + std::to_string(src_.size()) + " characters long; at most " +
                        std::to_string(kMaxSourceLength) + " are allowed");
    }
    if (!advance()) return false;
    if (tok_.kind == Tok::end) return fail_whole("empty expression: write a function of z, e.g. z * sigmoid(z)");
    int root;
    if (!expression(&root)) return false;
    if (is_comparison(tok_.kind)) {
      return fail_at(tok_, "a comparison can only be the condition of where(condition, then, otherwise)");
    }
    if (tok_.kind == Tok::rparen) return fail_at(tok_, "unbalanced parenthesis: this ')' closes nothing");
    if (tok_.kind != Tok::end)
      return fail_at(tok_, "unexpected " + describe(src_, tok_) + " after a complete expression");
    ast_->root = root;
    return true;
  }

 private:
  std::string_view src_;
  Ast* ast_;
  Error* error_;
  Token tok_{Tok::end, 0, 0};
  size_t pos_ = 0;
  int depth_ = 0;

  bool fail(int byte_offset, std::string message) {
    error_->message = std::move(message);
    error_->column = column_of(src_, byte_offset);
    return false;
  }
  bool fail_at(const Token& t, std::string message) { return fail(t.begin, std::move(message)); }
  bool fail_whole(std::string message) {
    error_->message = std::move(message);
    error_->column = 0;
    return false;
  }

  static bool is_comparison(Tok k) {
    return k == Tok::less || k == Tok::less_eq || k == Tok::greater || k == Tok::greater_eq;
  }

  bool advance() {
    while (pos_ < src_.size() &&
           (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' || src_[pos_] == '\r')) {
      ++pos_;
    }
    const int begin = static_cast<int>(pos_);
    if (pos_ >= src_.size()) {
      tok_ = {Tok::end, begin, begin};
      return true;
    }
    const char c = src_[pos_];
    if (is_digit(c) || (c == '.' && pos_ + 1 < src_.size() && is_digit(src_[pos_ + 1]))) return lex_number(begin);
    if (is_ident_start(c)) {
      while (pos_ < src_.size() && is_ident(src_[pos_])) ++pos_;
      tok_ = {Tok::identifier, begin, static_cast<int>(pos_)};
      return true;
    }
    ++pos_;
    Tok kind = Tok::bad;
    switch (c) {
      case '+': kind = Tok::plus; break;
      case '-': kind = Tok::minus; break;
      case '*':
        if (pos_ < src_.size() && src_[pos_] == '*')
          return fail(begin, "'**' is not an operator here: write z^2 for a power");
        kind = Tok::star;
        break;
      case '/': kind = Tok::slash; break;
      case '^': kind = Tok::caret; break;
      case '(': kind = Tok::lparen; break;
      case ')': kind = Tok::rparen; break;
      case ',': kind = Tok::comma; break;
      case '<':
        kind = Tok::less;
        if (pos_ < src_.size() && src_[pos_] == '=') ++pos_, kind = Tok::less_eq;
        break;
      case '>':
        kind = Tok::greater;
        if (pos_ < src_.size() && src_[pos_] == '=') ++pos_, kind = Tok::greater_eq;
        break;
      default: break;
    }
    if (kind == Tok::bad) return bad_character(begin);
    tok_ = {kind, begin, static_cast<int>(pos_)};
    return true;
  }

  bool bad_character(int begin) {
    const unsigned char c = static_cast<unsigned char>(src_[begin]);
    if (c == '=' || c == '!')
      return fail(begin,
                  "'" + std::string(1, char(c)) + "' is not an operator: comparisons are < <= > >=, inside where(…)");
    if (c < 0x20 || c == 0x7F) return fail(begin, "unexpected control character (code " + std::to_string(c) + ")");
    if (c >= 0x80) {
      // The whole UTF-8 sequence, so that the message shows the character; a
      // byte that starts no valid sequence is named by its value instead.
      const size_t length = utf8_length(src_.substr(begin));
      const bool valid = length > 0;
      if (!valid) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02X", c);
        return fail(begin, std::string("unexpected byte 0x") + hex + " (not valid UTF-8 text)");
      }
      return fail(begin, "unexpected character '" + std::string(src_.substr(begin, length)) +
                             "': write names in ASCII (pi, not π) and operators as + - * / ^");
    }
    return fail(begin, "unexpected character '" + std::string(1, char(c)) + "'");
  }

  bool lex_number(int begin) {
    while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    if (pos_ < src_.size() && src_[pos_] == '.') {
      ++pos_;
      while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
      size_t p = pos_ + 1;
      if (p < src_.size() && (src_[p] == '+' || src_[p] == '-')) ++p;
      if (p < src_.size() && is_digit(src_[p])) {
        while (p < src_.size() && is_digit(src_[p])) ++p;
        pos_ = p;
      } else if (p == pos_ + 1 && p < src_.size() && is_ident(src_[p])) {
        // "2e" followed by letters: a number times a name needs a '*'.
        return fail(begin, "malformed number '" + std::string(src_.substr(begin, p + 1 - begin)) +
                               "…': write 2*e for a product, 2e3 for 2000");
      } else {
        return fail(
            begin, "malformed number '" + std::string(src_.substr(begin, p - begin)) + "': the exponent has no digits");
      }
    }
    if (pos_ < src_.size() && (is_ident_start(src_[pos_]) || src_[pos_] == '.')) {
      const bool dot = src_[pos_] == '.';
      return fail(static_cast<int>(pos_), dot ? "malformed number: a second decimal point"
                                              : "a number followed by a name: write a '*' between them (2*z, not 2z)");
    }
    const std::string text(src_.substr(begin, pos_ - begin));
    const double v = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(v)) return fail(begin, "the number " + text + " is too large (the largest is about 1.8e308)");
    tok_ = {Tok::number, begin, static_cast<int>(pos_), v};
    return true;
  }

  // Appends a node as *out; false (and the error) when the tree would grow
  // taller than kMaxHeight: a chain like z+1+1+… is parsed by a loop, but
  // everything after the parser walks the tree recursively.
  bool add(AstNode node, int* out) {
    for (int a : node.args) node.height = std::max(node.height, ast_->nodes[a].height + 1);
    if (node.height > kMaxHeight) {
      return fail(node.begin, "the expression has more than " + std::to_string(kMaxHeight) +
                                  " operations in a chain (a + b + … or nested calls): shorten or simplify it");
    }
    ast_->nodes.push_back(std::move(node));
    *out = static_cast<int>(ast_->nodes.size()) - 1;
    return true;
  }

  bool too_big() {
    if (ast_->nodes.size() >= 4 * kMaxNodes) {
      return fail(tok_.begin, "the expression has too many terms (at most " + std::to_string(4 * kMaxNodes) + ")");
    }
    return false;
  }

  // Each level counts against the nesting limit while it is on the stack.
  struct Deeper {
    Parser* p;
    explicit Deeper(Parser* parser) : p(parser) { ++p->depth_; }
    ~Deeper() { --p->depth_; }
  };
  bool check_depth() {
    if (depth_ > kMaxDepth) {
      return fail(tok_.begin,
                  "the expression is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    }
    return true;
  }

  bool expression(int* out) {
    int left;
    if (!term(&left)) return false;
    while (tok_.kind == Tok::plus || tok_.kind == Tok::minus) {
      const char op = tok_.kind == Tok::plus ? '+' : '-';
      if (!advance()) return false;
      int right;
      if (!term(&right)) return false;
      if (too_big()) return false;
      if (!add({AstKind::binary, op, 0, {}, {left, right}, ast_->nodes[left].begin, ast_->nodes[right].end}, &left))
        return false;
    }
    *out = left;
    return true;
  }

  bool term(int* out) {
    int left;
    if (!unary(&left)) return false;
    while (tok_.kind == Tok::star || tok_.kind == Tok::slash) {
      const char op = tok_.kind == Tok::star ? '*' : '/';
      if (!advance()) return false;
      int right;
      if (!unary(&right)) return false;
      if (too_big()) return false;
      if (!add({AstKind::binary, op, 0, {}, {left, right}, ast_->nodes[left].begin, ast_->nodes[right].end}, &left))
        return false;
    }
    *out = left;
    return true;
  }

  // The nesting the user sees counts against kMaxDepth: a sign, an exponent,
  // a parenthesis, a call; each is a few frames of this recursive descent.
  bool unary(int* out) {
    if (tok_.kind == Tok::minus || tok_.kind == Tok::plus) {
      Deeper d(this);
      if (!check_depth()) return false;
      const bool minus = tok_.kind == Tok::minus;
      const int begin = tok_.begin;
      if (!advance()) return false;
      int operand;
      if (!unary(&operand)) return false;
      if (!minus) {
        *out = operand;
        return true;
      }
      if (too_big()) return false;
      if (!add({AstKind::unary_minus, '-', 0, {}, {operand}, begin, ast_->nodes[operand].end}, out)) return false;
      return true;
    }
    return power(out);
  }

  bool power(int* out) {
    int base;
    if (!primary(&base)) return false;
    if (tok_.kind != Tok::caret) {
      *out = base;
      return true;
    }
    if (!advance()) return false;
    Deeper d(this);
    if (!check_depth()) return false;
    int exponent;
    if (!unary(&exponent)) return false;  // right-associative, and 2^-z is allowed
    if (too_big()) return false;
    if (!add({AstKind::binary, '^', 0, {}, {base, exponent}, ast_->nodes[base].begin, ast_->nodes[exponent].end}, out))
      return false;
    return true;
  }

  bool expect_operand_error() {
    switch (tok_.kind) {
      case Tok::end: return fail_at(tok_, "the expression ends where a number, z, a name or '(' should follow");
      case Tok::rparen: return fail_at(tok_, "unexpected ')': a number, z, a name or '(' should come first");
      default:
        return fail_at(tok_, "unexpected " + describe(src_, tok_) + ": a number, z, a name or '(' should come here");
    }
  }

  bool primary(int* out) {
    const Token t = tok_;
    switch (t.kind) {
      case Tok::number:
        if (!advance()) return false;
        if (!add({AstKind::number, 0, t.number, {}, {}, t.begin, t.end}, out)) return false;
        return true;
      case Tok::lparen: {
        Deeper d(this);
        if (!check_depth()) return false;
        if (!advance()) return false;
        int inner;
        if (!expression(&inner)) return false;
        if (is_comparison(tok_.kind)) {
          return fail_at(tok_, "a comparison can only be the condition of where(condition, then, otherwise)");
        }
        if (tok_.kind != Tok::rparen) {
          if (tok_.kind == Tok::end) return fail_at(t, "unbalanced parenthesis: this '(' is never closed");
          return fail_at(tok_, "unexpected " + describe(src_, tok_) + ": expected ')' to close the '(' at column " +
                                   std::to_string(column_of(src_, t.begin)));
        }
        const int end = tok_.end;
        if (!advance()) return false;
        // The parentheses belong to the span, so a rewrite names what the user wrote.
        ast_->nodes[inner].begin = t.begin;
        ast_->nodes[inner].end = end;
        *out = inner;
        return true;
      }
      case Tok::identifier: return identifier(out);
      default: return expect_operand_error();
    }
  }

  bool identifier(int* out) {
    const Token t = tok_;
    const std::string name(src_.substr(t.begin, t.end - t.begin));
    if (!advance()) return false;
    FunctionInfo info;
    const bool is_function = find_function(name, &info);
    if (tok_.kind == Tok::lparen) {
      if (!is_function) {
        if (name == "z" || name == "pi" || name == "e")
          return fail_at(t, "'" + name + "' is not a function: write " + name + "*(…) for a product");
        const std::string guess = suggest_function(name);
        if (!guess.empty()) return fail_at(t, "unknown function '" + name + "'; did you mean " + guess + "?");
        return fail_at(t, "unknown function '" + name + "'; the functions are " + function_names());
      }
      return call(name, info, t, out);
    }
    if (is_function) {
      return fail_at(t, "'" + name + "' is a function: write " + name + "(" +
                            (info.arity == 1   ? "z"
                             : info.arity == 2 ? "a, b"
                                               : "z > 0, z, 0") +
                            ")");
    }
    if (name == "z") {
      if (!add({AstKind::variable, 0, 0, name, {}, t.begin, t.end}, out)) return false;
    } else if (name == "pi") {
      if (!add({AstKind::constant, 0, M_PI, name, {}, t.begin, t.end}, out)) return false;
    } else if (name == "e") {
      if (!add({AstKind::constant, 0, M_E, name, {}, t.begin, t.end}, out)) return false;
    } else {
      if (!add({AstKind::parameter, 0, 0, name, {}, t.begin, t.end}, out)) return false;
    }
    return true;
  }

  bool call(const std::string& name, const FunctionInfo& info, const Token& t, int* out) {
    Deeper d(this);
    if (!check_depth()) return false;
    const Token open = tok_;
    if (!advance()) return false;
    std::vector<int> args;
    if (tok_.kind != Tok::rparen) {
      for (;;) {
        int arg;
        if (!expression(&arg)) return false;
        if (is_comparison(tok_.kind)) {
          if (!(info.op == Op::where && args.empty())) {
            return fail_at(tok_, "a comparison can only be the condition of where(condition, then, otherwise)");
          }
          const Token cmp = tok_;
          if (!advance()) return false;
          int right;
          if (!expression(&right)) return false;
          if (is_comparison(tok_.kind))
            return fail_at(tok_, "one comparison per condition: chains like a < z < b are not supported");
          const char op = cmp.kind == Tok::less      ? '<'
                          : cmp.kind == Tok::greater ? '>'
                          : cmp.kind == Tok::less_eq ? 'l'
                                                     : 'g';
          if (!add({AstKind::compare, op, 0, {}, {arg, right}, ast_->nodes[arg].begin, ast_->nodes[right].end}, &arg))
            return false;
        } else if (info.op == Op::where && args.empty()) {
          return fail(ast_->nodes[arg].begin,
                      "where's first argument must be a comparison, e.g. where(z > 0, z, 0.1*z)");
        }
        args.push_back(arg);
        if (tok_.kind == Tok::comma) {
          if (!advance()) return false;
          continue;
        }
        break;
      }
    }
    if (tok_.kind != Tok::rparen) {
      if (tok_.kind == Tok::end)
        return fail_at(open, "unbalanced parenthesis: the '(' of " + name + "(…) is never closed");
      return fail_at(
          tok_, "unexpected " + describe(src_, tok_) + " in the arguments of " + name + "(…): expected ',' or ')'");
    }
    if (static_cast<int>(args.size()) != info.arity) {
      const std::string want = std::to_string(info.arity) + (info.arity == 1 ? " argument" : " arguments");
      return fail_at(t, name + "(…) takes " + want + ", got " + std::to_string(args.size()));
    }
    const int end = tok_.end;
    if (!advance()) return false;
    if (too_big()) return false;
    if (!add({AstKind::call, 0, 0, name, std::move(args), t.begin, end}, out)) return false;
    return true;
  }
};

}  // namespace

bool parse(std::string_view source, Ast* ast, Error* error) {
  ast->nodes.clear();
  ast->root = -1;
  return Parser(source, ast, error).run();
}

}  // namespace act::expr
