//===- NGToLinalg.cpp - the convert-ng-to-linalg pass ---------------------===//
#include "NGraph/Conversion/Passes.h"
#include "NGraph/Dialect/NG/IR/Decompositions.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::ng {
#define GEN_PASS_DEF_CONVERTNGTOLINALG
#include "NGraph/Conversion/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

NGTypeConverter::NGTypeConverter() {
  addConversion([](Type t) { return t; });
  addConversion([](NGTensorType t) -> Type { return t.toBuiltin(); });
  auto cast = [](OpBuilder &b, Type to, ValueRange in, Location loc) -> Value {
    return UnrealizedConversionCastOp::create(b, loc, to, in).getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
}

void ng::populateNGToLinalgConversionPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns,
                                              bool overlapCollectives) {
  ng::lowering::populateElementwisePatterns(converter, patterns);
  ng::lowering::populateReductionPatterns(converter, patterns);
  ng::lowering::populateLinearPatterns(converter, patterns);
  ng::lowering::populateConvolutionPatterns(converter, patterns);
  ng::lowering::populateDataMovementPatterns(converter, patterns);
  ng::lowering::populateRecurrencePatterns(converter, patterns);
  ng::lowering::populateIndexingPatterns(converter, patterns);
  ng::lowering::populateCollectivePatterns(converter, patterns,
                                           overlapCollectives);
}

namespace {
struct ConvertNGToLinalgPass
    : ng::impl::ConvertNGToLinalgBase<ConvertNGToLinalgPass> {
  using ConvertNGToLinalgBase::ConvertNGToLinalgBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    if (failed(ng::requireStaticAxes(getOperation(), "convert-ng-to-linalg")))
      return signalPassFailure();
    ng::lowering::declareCollectiveFunctions(getOperation());
    ng::lowering::declareIndexingFunctions(getOperation());
    NGTypeConverter converter;
    ConversionTarget target(*ctx);
    target.addIllegalDialect<NGDialect>();
    // Graph-level ops are gone after ng-outline-computations.
    target.addLegalOp<GraphOp, PlaceholderOp, VariableOp, ComputationOp,
                      AssignOp, DoAllOp>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           memref::MemRefDialect, scf::SCFDialect,
                           bufferization::BufferizationDialect>();
    target.addLegalOp<UnrealizedConversionCastOp, ModuleOp>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType()) &&
             converter.isLegal(&f.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return converter.isLegal(op); });

    RewritePatternSet patterns(ctx);
    // Composite ops (softmax, losses, mean) expand into primitive ones.
    populateDecomposePatterns(patterns);
    populateNGToLinalgConversionPatterns(converter, patterns,
                                         overlapCollectives);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
