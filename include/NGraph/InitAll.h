//===- InitAll.h - register what the ngraph tools use -------------*- C++ -*-===//
#ifndef NGRAPH_INITALL_H
#define NGRAPH_INITALL_H

namespace mlir {
class DialectRegistry;
}

namespace ngraph {
/// The ng dialect and the upstream dialects and interface models our
/// pipelines need (not every dialect MLIR has).
void registerAllDialects(mlir::DialectRegistry &registry);
/// Our passes and pipelines plus the upstream passes they are built from.
void registerAllPasses();
} // namespace ngraph

#endif
