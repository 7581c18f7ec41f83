// What a node of an expression's graph computes: shared by the function
// table (functions.hpp: a name is an op and an arity), the graph and the tape.
#pragma once

namespace act::expr {

enum class Op : unsigned char {
  constant,
  z,
  parameter,
  neg,
  add,
  sub,
  mul,
  div,
  pow_int,  // args[0]^aux, aux an integer
  pow,      // args[0]^args[1], the exponent independent of z
  exp,
  log,
  log1p,
  expm1,
  sqrt,
  abs,
  sin,
  cos,
  tanh,
  erf,
  erfc,
  sigmoid,
  softplus,
  max,
  min,
  where,      // args[0] CMP args[1] ? args[2] : args[3], CMP = aux ('<', '>', 'l' <=, 'g' >=)
  catalogue,  // registry activation aux at its default parameters, of args[0]
};

}  // namespace act::expr
