"""ngraph: Nervana Graph's Python API over the ngraph-mlir compiler.

    import ngraph as ng
    import ngraph.transformers as ngt

    C = ng.make_axis(length=4, name='C')
    N = ng.make_axis(length=128, name='N')      # 'N' is a batch axis
    X = ng.placeholder([C, N])
    W = ng.variable([C], initial_value=0)
    Y_hat = ng.sigmoid(ng.dot(W, X))

Every function adds one op of the `ng` MLIR dialect to a graph held by the
C++ library, which infers its axes and verifies it at once: a mismatch
raises GraphError pointing at the line that built the op. Computations
(ngraph.transformers) cut the ops they need out into a graph file, which
is compiled to machine code once and called with NumPy arrays.
"""

from ngraph._ops import (  # noqa: F401
    Axes,
    Axis,
    GraphError,
    Op,
    absolute,
    add,
    argmax,
    argmin,
    assign,
    axes_with_order,
    batch_size,
    broadcast,
    cast_axes,
    constant,
    convolution,
    cross_entropy_binary,
    cross_entropy_multi,
    deriv,
    divide,
    doall,
    dot,
    equal,
    exp,
    flatten,
    greater,
    greater_equal,
    less,
    less_equal,
    log,
    lookup,
    make_axes,
    make_axis,
    max,
    maximum,
    mean,
    min,
    minimum,
    multiply,
    negative,
    normalize,
    normal_init,
    not_equal,
    one_hot,
    optimize,
    placeholder,
    pool,
    power,
    prod,
    reciprocal,
    recurrence,
    relu,
    safelog,
    sigmoid,
    sign,
    slice_along_axis,
    softmax,
    sqrt,
    square,
    subtract,
    sum,
    tanh,
    tensor_size,
    to_mlir,
    uniform_init,
    variable,
    variance,
)

__all__ = [name for name in dir() if not name.startswith("_")]
