#include "latex.hpp"

#include <cstring>

namespace act::expr {

namespace {

constexpr const char* kGreek[] = {"alpha", "beta",  "gamma", "delta",  "epsilon", "zeta", "eta",
                                  "theta", "iota",  "kappa", "lambda", "mu",      "nu",   "xi",
                                  "rho",   "sigma", "tau",   "phi",    "chi",     "psi",  "omega"};

std::string escaped(std::string_view name) {
  std::string out;
  for (char c : name) out += c == '_' ? std::string("\\_") : std::string(1, c);
  return out;
}

struct Writer {
  std::string_view src;
  const Ast& ast;
  std::string out;

  const AstNode& at(int i) const { return ast.nodes[static_cast<size_t>(i)]; }

  // 1 sum, 2 product, 3 unary minus, 4 power, 5 atom.
  int precedence(int i) const {
    const AstNode& n = at(i);
    switch (n.kind) {
      case AstKind::binary: return n.op == '+' || n.op == '-' ? 1 : n.op == '^' ? 4 : 2;
      case AstKind::unary_minus: return 3;
      default: return 5;
    }
  }

  void operand(int i, int min_precedence) {
    if (precedence(i) < min_precedence) {
      out += "\\left(";
      write(i);
      out += "\\right)";
    } else {
      write(i);
    }
  }

  void number(const AstNode& n) {
    const std::string text(src.substr(static_cast<size_t>(n.begin), static_cast<size_t>(n.end - n.begin)));
    const size_t e = text.find_first_of("eE");
    if (e == std::string::npos) {
      out += text;
      return;
    }
    std::string exponent = text.substr(e + 1);
    if (!exponent.empty() && exponent[0] == '+') exponent.erase(0, 1);
    out += text.substr(0, e) + " \\times 10^{" + exponent + "}";
  }

  void name(const std::string& n) {
    for (const char* g : kGreek) {
      if (n == g) {
        out += "\\" + n + " ";
        return;
      }
    }
    out += n.size() == 1 ? n : "\\mathit{" + escaped(n) + "}";
  }

  void call(const AstNode& n) {
    struct Spelling {
      const char* name;
      const char* tex;
    };
    static const Spelling kFunctions[] = {
        {"exp", "\\exp"},
        {"log", "\\log"},
        {"sin", "\\sin"},
        {"cos", "\\cos"},
        {"tanh", "\\tanh"},
        {"max", "\\max"},
        {"min", "\\min"},
        {"sigmoid", "\\sigma"},
        {"erf", "\\operatorname{erf}"},
        {"erfc", "\\operatorname{erfc}"},
    };
    if (n.name == "sqrt") {
      out += "\\sqrt{";
      write(n.args[0]);
      out += "}";
      return;
    }
    if (n.name == "abs") {
      out += "\\left|";
      write(n.args[0]);
      out += "\\right|";
      return;
    }
    if (n.name == "where") {
      const AstNode& c = at(n.args[0]);
      out += "\\begin{cases} ";
      write(n.args[1]);
      out += " & \\text{if } ";
      write(c.args[0]);
      out += c.op == '<' ? " < " : c.op == '>' ? " > " : c.op == 'l' ? " \\le " : " \\ge ";
      write(c.args[1]);
      out += " \\\\ ";
      write(n.args[2]);
      out += " & \\text{otherwise} \\end{cases}";
      return;
    }
    const char* tex = nullptr;
    for (const Spelling& s : kFunctions) {
      if (n.name == s.name) tex = s.tex;
    }
    out += tex != nullptr ? std::string(tex) : "\\operatorname{" + escaped(n.name) + "}";
    out += "\\left(";
    for (size_t i = 0; i < n.args.size(); ++i) {
      if (i > 0) out += ", ";
      write(n.args[i]);
    }
    out += "\\right)";
  }

  void write(int i) {
    const AstNode& n = at(i);
    switch (n.kind) {
      case AstKind::number: number(n); return;
      case AstKind::variable: out += "z"; return;
      case AstKind::constant: out += n.name == "pi" ? "\\pi " : "e"; return;
      case AstKind::parameter: name(n.name); return;
      case AstKind::unary_minus:
        out += "-";
        operand(n.args[0], 3);
        return;
      case AstKind::call: call(n); return;
      case AstKind::compare: return;  // written by where
      case AstKind::binary: break;
    }
    switch (n.op) {
      case '+':
      case '-':
        operand(n.args[0], 1);
        out += n.op == '+' ? " + " : " - ";
        operand(n.args[1], 2);
        return;
      case '*': {
        operand(n.args[0], 2);
        // 1.702z rather than 1.702 \cdot z: a number before a letter, a function or a bracket.
        const AstNode& r = at(n.args[1]);
        const bool juxtapose = at(n.args[0]).kind == AstKind::number && r.kind != AstKind::number &&
                               r.kind != AstKind::unary_minus && precedence(n.args[1]) >= 3;
        out += juxtapose ? " " : " \\cdot ";
        operand(n.args[1], 3);
        return;
      }
      case '/':
        out += "\\frac{";
        write(n.args[0]);
        out += "}{";
        write(n.args[1]);
        out += "}";
        return;
      default:  // '^'
        operand(n.args[0], 5);
        out += "^{";
        write(n.args[1]);
        out += "}";
        return;
    }
  }
};

}  // namespace

std::string to_latex(std::string_view source, const Ast& ast) {
  Writer w{source, ast, {}};
  w.write(ast.root);
  return w.out;
}

}  // namespace act::expr
