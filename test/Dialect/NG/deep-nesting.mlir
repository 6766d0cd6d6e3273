// Found by parse_fuzzer: MLIR's parser recurses once per bracket level, so a
// deeply nested input overflowed the stack. The tools refuse it up front.
// RUN: %python -c "print('%%x = \"test.op\"() {a = ' + '[' * 300 + ']' * 300 + '} : () -> i32')" > %t.mlir
// RUN: not ngraph-opt %t.mlir 2>&1 | FileCheck %s
// RUN: not ngraph-runner %t.mlir --list 2>&1 | FileCheck %s
// CHECK: deep-nesting.mlir.tmp.mlir:1:{{[0-9]+}}: error: brackets nest more than 256 levels deep
// Ordinary nesting (and `->` arrows, brackets in strings and comments) is fine:
// RUN: %python -c "print('%%x = \"test.op\"() {a = ' + '[' * 200 + ']' * 200 + ', s = \"' + '[' * 300 + '\"} : () -> i32  // ' + '(' * 300)" > %t.ok.mlir
// RUN: ngraph-opt %t.ok.mlir --allow-unregistered-dialect | FileCheck %s --check-prefix=OK
// OK: test.op
