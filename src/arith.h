/* arith.h - $(( )) on signed long: the C operators, assignment, ?:, comma,
 * 0x/0 constants, variables by name (XCU 2.6.4). */
#ifndef TINE_ARITH_H
#define TINE_ARITH_H

/* Evaluates expr (already parameter-expanded).  Errors (division by zero,
 * syntax) go through sh_error: "arithmetic: division by zero". */
long arith_eval(const char *expr);

#endif
