"""Axes, ops and the graph they are built in (see ngraph/__init__.py)."""

import itertools
import os
import re
import sys

import numpy as np

from ngraph import _ngraph


class GraphError(ValueError):
    """An op or computation the compiler refuses. The message is the
    compiler's diagnostic, "file.py:LINE:COL: error: ...", at the line of
    the user's program that built the op."""


# ---------------------------------------------------------------------------
# Where the user is: the first frame outside this package.

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _user_location():
    frame = sys._getframe(1)
    while frame is not None:
        path = os.path.abspath(frame.f_code.co_filename)
        if not path.startswith(_PACKAGE_DIR + os.sep):
            break
        frame = frame.f_back
    if frame is None:
        return ("", 0, 0)
    column = 1
    positions = getattr(frame.f_code, "co_positions", None)
    if positions is not None:
        try:
            pos = next(itertools.islice(positions(), frame.f_lasti // 2, None))
            if pos[2] is not None:
                column = pos[2] + 1
        except StopIteration:
            pass
    return (frame.f_code.co_filename, frame.f_lineno, column)


# ---------------------------------------------------------------------------
# Axes

_AXIS_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_axis_counter = itertools.count()


class Axis:
    """A named dimension. Axes are the same axis when name, length and
    roles agree; the compiler pairs and broadcasts axes by name."""

    __slots__ = ("name", "length", "is_batch", "is_recurrent")

    def __init__(self, length, name, batch=False, recurrent=False):
        self.name = name
        self.length = length
        self.is_batch = batch
        self.is_recurrent = recurrent

    def _key(self):
        return (self.name, self.length, self.is_batch, self.is_recurrent)

    def __eq__(self, other):
        return isinstance(other, Axis) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def _text(self):
        role = " batch" if self.is_batch else " recurrent" if self.is_recurrent else ""
        length = "?" if self.length is None else "%d" % self.length
        return "%s:%s%s" % (self.name, length, role)

    def __repr__(self):
        return "Axis(%s)" % self._text()


def make_axis(length=None, name=None, batch=None, recurrent=None, roles=None):
    """An axis of `length`. As in Nervana Graph the name 'N' makes a batch
    axis and 'REC' a recurrent one; `batch=`, `recurrent=` or
    `roles=('batch',)` say so for any name. Without a name one is made up
    (axis_0, axis_1, ...). A batch axis without a length (`N:?`) takes the
    length of each call's inputs: one graph for any batch size."""
    if name is None:
        name = "axis_%d" % next(_axis_counter)
    if not isinstance(name, str) or not _AXIS_NAME.match(name):
        raise ValueError("axis name %r is not an identifier (letters, digits, _)" % (name,))
    if length is not None and (isinstance(length, bool) or
                               not isinstance(length, (int, np.integer)) or length < 1):
        raise ValueError("axis %s: length %r is not a positive integer" % (name, length))
    roles = set(roles or ())
    unknown = roles - {"batch", "recurrent"}
    if unknown:
        raise ValueError("axis %s: unknown roles %s (batch, recurrent)" % (name, sorted(unknown)))
    if batch is None:
        batch = "batch" in roles or (name == "N" and not roles and not recurrent)
    if recurrent is None:
        recurrent = "recurrent" in roles or (name == "REC" and not roles and not batch)
    if batch and recurrent:
        raise ValueError("axis %s cannot be both a batch and a recurrent axis" % name)
    if length is None:
        if not batch:
            raise ValueError("axis %s needs a length (only a batch axis may leave it "
                             "to call time)" % name)
        return Axis(None, name, True, False)
    return Axis(int(length), name, bool(batch), bool(recurrent))


class Axes(tuple):
    """An ordered tuple of axes."""

    def __new__(cls, axes=()):
        if isinstance(axes, Axis):
            axes = (axes,)
        axes = tuple(axes)
        for a in axes:
            if not isinstance(a, Axis):
                raise TypeError("%r is not an Axis (make one with ng.make_axis)" % (a,))
        return super().__new__(cls, axes)

    @property
    def lengths(self):
        return tuple(a.length for a in self)

    @property
    def names(self):
        return tuple(a.name for a in self)

    def batch_axes(self):
        return Axes(a for a in self if a.is_batch)

    def sample_axes(self):
        return Axes(a for a in self if not a.is_batch)

    def find_by_name(self, name):
        return Axes(a for a in self if a.name == name)

    def __add__(self, other):
        return Axes(tuple(self) + tuple(Axes(other)))

    def __sub__(self, other):
        other = Axes(other)
        return Axes(a for a in self if a not in other)

    def _text(self):
        return "[" + ", ".join(a._text() for a in self) + "]"

    def __repr__(self):
        return "Axes(%s)" % self._text()


def make_axes(axes=()):
    return Axes(axes)


# ---------------------------------------------------------------------------
# The graph

_DTYPES = {
    np.dtype(np.float32): "f32",
    np.dtype(np.float64): "f64",
    np.dtype(np.int32): "i32",
}


def _dtype_text(dtype):
    try:
        return _DTYPES[np.dtype(dtype)]
    except (KeyError, TypeError):
        raise TypeError("element type %r is not supported (float32, float64, int32)"
                        % (dtype,)) from None


def _tensor_type(axes, dtype):
    return "!ng.tensor<%s, %s>" % (Axes(axes)._text(), _dtype_text(dtype))


class _Graph:
    """The default graph: every op built so far, held by the C++ builder."""

    def __init__(self):
        self.builder = _ngraph.Builder()
        self.ops = {}  # handle -> Op
        self.names = itertools.count()


_graph = _Graph()


def _names(axes, what):
    if axes is None:
        return None
    if isinstance(axes, (Axis, str)):
        axes = (axes,)
    names = []
    for a in axes:
        if isinstance(a, Axis):
            names.append(a.name)
        elif isinstance(a, str):
            names.append(a)
        else:
            raise TypeError("%s: %r is not an axis" % (what, a))
    return "[" + ", ".join('"%s"' % n for n in names) + "]"


def _attributes(attrs):
    items = ["%s = %s" % (k, v) for k, v in attrs.items() if v is not None]
    return "{" + ", ".join(items) + "}" if items else ""


def _create(opname, operands=(), attrs=None, types=None, location=None):
    file, line, column = location or _user_location()
    try:
        handles = _graph.builder.create(
            opname, [o._handle for o in operands], _attributes(attrs or {}),
            list(types or []), file, line, column)
    except _ngraph.Error as e:
        raise GraphError(str(e)) from None
    results = [Op(h, opname, (file, line, column)) for h in handles]
    for r in results:
        _graph.ops[r._handle] = r
    return results[0]


def _dense(value, axes, dtype):
    """A builtin dense attribute holding `value` broadcast to `axes`."""
    axes = Axes(axes)
    shape = axes.lengths
    if None in shape:
        raise ValueError("a value given in the graph needs axes of fixed length, "
                         "but %s has a batch axis of length ?" % axes._text())
    array = np.asarray(value, dtype=np.dtype(dtype))
    if array.shape != shape:
        if array.ndim == 0:
            array = np.broadcast_to(array, shape)
        else:
            raise ValueError("a value of shape %s does not fit axes %s (shape %s)"
                             % (array.shape, axes._text(), shape))
    tensor = "tensor<%s%s>" % ("".join("%dx" % n for n in shape), _dtype_text(dtype))
    if array.size and (array == array.flat[0]).all() and not np.isnan(array.flat[0]):
        scalar = array.flat[0]
        literal = repr(float(scalar)) if np.dtype(dtype).kind == "f" else str(int(scalar))
        if literal in ("inf", "-inf"):
            literal = "0x" + np.asarray(scalar, array.dtype.newbyteorder("<")).tobytes()[::-1].hex().upper()
        return "dense<%s> : %s" % (literal, tensor)
    data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
    return 'dense<"0x%s"> : %s' % (data.hex().upper(), tensor)


class Op:
    """A value of the graph (Nervana Graph's TensorOp): an op's result with
    axes and an element type. Arithmetic operators build ops."""

    __slots__ = ("_handle", "_kind", "_name", "_location", "axes", "dtype", "is_effect",
                 "__weakref__")

    def __init__(self, handle, kind, location=None):
        self._handle = handle
        self._kind = kind
        self._location = location
        name, axes, dtype, effect = _graph.builder.describe(handle)
        self._name = name or None
        self.axes = Axes(Axis(None if l < 0 else l, n, b, r) for n, l, b, r in axes)
        self.dtype = np.dtype(dtype)
        self.is_effect = effect

    @property
    def name(self):
        return self._name if self._name else "%s_%d" % (self._kind.split(".")[1], self._handle)

    @property
    def shape(self):
        return self.axes.lengths

    @property
    def is_placeholder(self):
        return self._kind == "ng.placeholder"

    @property
    def is_variable(self):
        return self._kind == "ng.variable"

    def named(self, name):
        """Names the op; a placeholder's or variable's name is the one the
        graph file, checkpoints and `variables()` use."""
        if self.is_placeholder or self.is_variable:
            try:
                _graph.builder.rename(self._handle, name)
            except _ngraph.Error as e:
                raise GraphError(str(e)) from None
        self._name = name
        return self

    def variables(self):
        """The variables this value depends on, in the order they were made
        (what `ng.assign(v, v - alpha * ng.deriv(L, v))` loops over)."""
        return [_graph.ops[h] for h in _graph.builder.variables_of(self._handle)]

    def to_mlir(self):
        """The op's type as graph files spell it."""
        return _graph.builder.type_text(self._handle)

    def __repr__(self):
        if self.is_effect:
            return "<%s %s>" % (self._kind, self.name)
        return "<%s %s %s %s>" % (self._kind, self.name, self.axes._text(), self.dtype)

    # Nervana Graph's operators. == and != stay identity (ops are dict
    # keys); ng.equal / ng.not_equal compare elementwise.
    def __add__(self, other): return add(self, other)
    def __radd__(self, other): return add(other, self)
    def __sub__(self, other): return subtract(self, other)
    def __rsub__(self, other): return subtract(other, self)
    def __mul__(self, other): return multiply(self, other)
    def __rmul__(self, other): return multiply(other, self)
    def __truediv__(self, other): return divide(self, other)
    def __rtruediv__(self, other): return divide(other, self)
    def __pow__(self, other): return power(self, other)
    def __rpow__(self, other): return power(other, self)
    def __neg__(self): return negative(self)
    def __pos__(self): return self
    def __abs__(self): return absolute(self)
    def __lt__(self, other): return less(self, other)
    def __le__(self, other): return less_equal(self, other)
    def __gt__(self, other): return greater(self, other)
    def __ge__(self, other): return greater_equal(self, other)
    __eq__ = object.__eq__
    __hash__ = object.__hash__


def _as_op(x, like=None, location=None):
    """An op for `x`: ops pass through, numbers become scalar constants of
    the other operand's element type."""
    if isinstance(x, Op):
        return x
    if isinstance(x, (int, float, np.number)) and not isinstance(x, bool):
        dtype = like.dtype if isinstance(like, Op) else np.float32
        return constant(x, (), dtype, location=location)
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return constant(x, (), x.dtype if x.dtype in _DTYPES else np.float32, location=location)
    raise TypeError("%r is not a graph value (an ng op or a number)" % (x,))


# ---------------------------------------------------------------------------
# Leaves

def placeholder(axes=(), dtype=np.float32, name=None):
    """An input fed by each call of a computation."""
    axes = Axes(axes)
    if name is None:
        name = "placeholder_%d" % next(_graph.names)
    return _create("ng.placeholder", attrs={"name": '"%s"' % name},
                   types=[_tensor_type(axes, dtype)])


class _RandomInit:
    def __init__(self, kind, a, b, seed):
        self.text = "#ng.%s<%r, %r, seed = %d>" % (kind, float(a), float(b), int(seed))


def uniform_init(low, high, seed=0):
    """A seeded uniform initial value in [low, high), drawn as NumPy's
    RandomState(seed).uniform would."""
    return _RandomInit("uniform", low, high, seed)


def normal_init(mean, stddev, seed=0):
    """A seeded normal initial value (NumPy's RandomState(seed).normal)."""
    return _RandomInit("normal", mean, stddev, seed)


def variable(axes=(), initial_value=0, dtype=np.float32, name=None):
    """State kept between calls and shared by a transformer's computations.
    `initial_value`: a number, an array of the axes' shape, or
    ng.uniform_init / ng.normal_init."""
    axes = Axes(axes)
    location = _user_location()
    if name is None:
        name = "variable_%d" % next(_graph.names)
    if isinstance(initial_value, _RandomInit):
        init = initial_value.text
    else:
        init = _dense(initial_value, axes, dtype)
    return _create("ng.variable", attrs={"name": '"%s"' % name, "init": init},
                   types=[_tensor_type(axes, dtype)], location=location)


def constant(const, axes=(), dtype=np.float32, location=None):
    """A constant: a number (filling every element) or an array."""
    axes = Axes(axes)
    location = location or _user_location()
    return _create("ng.constant", attrs={"value": _dense(const, axes, dtype)},
                   types=[_tensor_type(axes, dtype)], location=location)


# ---------------------------------------------------------------------------
# Elementwise

def _binary(opname):
    def op(a, b):
        location = _user_location()
        a1 = _as_op(a, b, location)
        b1 = _as_op(b, a1, location)
        return _create(opname, (a1, b1), location=location)
    op.__name__ = opname.split(".")[1]
    op.__doc__ = ("Elementwise %s with Nervana Graph's broadcast: the result has "
                  "a's axes then b's others, or b's order if b has all of a's." % op.__name__)
    return op


add = _binary("ng.add")
subtract = _binary("ng.subtract")
multiply = _binary("ng.multiply")
divide = _binary("ng.divide")
power = _binary("ng.power")
maximum = _binary("ng.maximum")
minimum = _binary("ng.minimum")
less = _binary("ng.less")
less_equal = _binary("ng.less_equal")
greater = _binary("ng.greater")
greater_equal = _binary("ng.greater_equal")
equal = _binary("ng.equal")
not_equal = _binary("ng.not_equal")


def _unary(opname, doc):
    def op(x):
        location = _user_location()
        return _create(opname, (_as_op(x, None, location),), location=location)
    op.__name__ = opname.split(".")[1]
    op.__doc__ = doc
    return op


negative = _unary("ng.negative", "-x")
absolute = _unary("ng.abs", "|x|")
sign = _unary("ng.sign", "-1, 0 or 1")
exp = _unary("ng.exp", "e**x")
log = _unary("ng.log", "natural logarithm")
safelog = _unary("ng.safelog", "log(x), bounded below for x near 0 (Nervana Graph's safelog)")
sqrt = _unary("ng.sqrt", "square root")
square = _unary("ng.square", "x*x")
reciprocal = _unary("ng.reciprocal", "1/x")
tanh = _unary("ng.tanh", "hyperbolic tangent")
sigmoid = _unary("ng.sigmoid", "1/(1+exp(-x))")
relu = _unary("ng.relu", "max(x, 0)")


# ---------------------------------------------------------------------------
# Reductions, contraction, losses

def _reduction(opname, doc):
    def op(x, reduction_axes=None, out_axes=None):
        if reduction_axes is not None and out_axes is not None:
            raise ValueError("give reduction_axes or out_axes, not both")
        return _create(opname, (_as_op(x),), attrs={
            "reduce": _names(reduction_axes, "reduction_axes"),
            "out": _names(out_axes, "out_axes")})
    op.__name__ = opname.split(".")[1]
    op.__doc__ = doc + (". Reduces `reduction_axes`, or all but `out_axes`; by "
                        "default every axis but batch and recurrent axes.")
    return op


sum = _reduction("ng.sum", "Sum")
mean = _reduction("ng.mean", "Mean")
variance = _reduction("ng.variance", "Population variance")
max = _reduction("ng.max", "Maximum")
min = _reduction("ng.min", "Minimum")
prod = _reduction("ng.prod", "Product")
argmax = _reduction("ng.argmax", "Index of the maximum (int32)")
argmin = _reduction("ng.argmin", "Index of the minimum (int32)")
tensor_size = _reduction("ng.tensor_size", "Number of elements over the reduced axes, a scalar")


def batch_size(x):
    """The product of x's batch axes' lengths, a scalar."""
    return _create("ng.batch_size", (_as_op(x),))


def dot(a, b):
    """Contracts every axis a and b share; the result has a's other axes,
    then b's."""
    return _create("ng.dot", (_as_op(a), _as_op(b)))


def softmax(x, normalization_axes=None):
    """exp(x) / sum(exp(x)) over `normalization_axes` (default: the
    non-batch axes)."""
    return _create("ng.softmax", (_as_op(x),),
                   attrs={"over": _names(normalization_axes, "normalization_axes")})


def cross_entropy_binary(y, t, out_axes=None):
    """-sum(t*safelog(y) + (1-t)*safelog(1-y)) over all axes but `out_axes`."""
    return _create("ng.cross_entropy_binary", (_as_op(y), _as_op(t)),
                   attrs={"out": _names(out_axes, "out_axes")})


def cross_entropy_multi(y, t, out_axes=None):
    """-sum(t*safelog(y)) over all axes but `out_axes`."""
    return _create("ng.cross_entropy_multi", (_as_op(y), _as_op(t)),
                   attrs={"out": _names(out_axes, "out_axes")})


def one_hot(x, axis, dtype=np.float32):
    """Integer labels to one-hot values along the new first axis `axis`."""
    x = _as_op(x)
    if not isinstance(axis, Axis):
        raise TypeError("one_hot: %r is not an Axis" % (axis,))
    return _create("ng.one_hot", (x,), types=[_tensor_type(Axes([axis]) + x.axes, dtype)])


# ---------------------------------------------------------------------------
# Axes of a value

def _axis_op(opname, x, axes):
    x = _as_op(x)
    return _create(opname, (x,), types=[_tensor_type(Axes(axes), x.dtype)])


def broadcast(x, axes):
    """x broadcast to `axes` (a superset of its axes, in any order)."""
    return _axis_op("ng.broadcast", x, axes)


def cast_axes(x, axes):
    """x with its axes renamed, position by position, to `axes` of equal
    lengths."""
    return _axis_op("ng.cast_axes", x, axes)


def axes_with_order(x, axes):
    """x with its axes in the order of `axes`."""
    return _axis_op("ng.reorder", x, axes)


def flatten(x, axes=None):
    """Merges runs of adjacent axes: `axes` gives the result's axes, each an
    axis of x or a new axis as long as the run it replaces. Without `axes`
    the non-batch axes before the batch axes become one axis named after
    them (C_H_W)."""
    x = _as_op(x)
    if axes is None:
        sample = [a for a in x.axes if not a.is_batch]
        batch = [a for a in x.axes if a.is_batch]
        if list(x.axes) != sample + batch:
            raise ValueError("flatten: the non-batch axes of %s are not all before the "
                             "batch axes; give the result axes" % x.axes._text())
        length = 1
        for a in sample:
            length *= a.length
        axes = [make_axis(length, "_".join(a.name for a in sample) or "flat")] + batch
    return _axis_op("ng.flatten", x, axes)


# ---------------------------------------------------------------------------
# Derivatives and state

def deriv(cost, wrt):
    """d cost / d wrt for a scalar cost (reverse mode, exact)."""
    return _create("ng.deriv", (_as_op(cost), _as_op(wrt)))


def assign(variable, value):
    """An effect: `variable` takes `value` when the call returns."""
    location = _user_location()
    if not isinstance(variable, Op) or not variable.is_variable:
        raise GraphError("assign: the target must be an ng.variable, not %r" % (variable,))
    value = _as_op(value, variable, location)
    return _create("ng.assign", (variable, value), location=location)


def doall(effects):
    """One effect doing all of `effects` (assigns or doalls)."""
    effects = list(effects)
    for e in effects:
        if not isinstance(e, Op) or not e.is_effect:
            raise GraphError("doall: %r is not an effect (ng.assign or ng.doall)" % (e,))
    return _create("ng.doall", effects)


# ---------------------------------------------------------------------------
# The graph file

def to_mlir(results, *parameters, name="main", locations=False):
    """The graph file of one computation: `results` (an op or a list of
    ops) given `parameters` (placeholders), as ngraph-opt and
    ngraph-runner read it. `locations=True` adds each op's source line."""
    from ngraph.transformers import _computation_spec
    spec = _computation_spec(name, results, parameters, _user_location())
    try:
        return _graph.builder.graph_source(name + "_graph", [spec], locations)
    except _ngraph.Error as e:
        raise GraphError(str(e)) from None



# ---------------------------------------------------------------------------
# Optimizers, convolution and pooling (the dialect's later ops)

def _f64(x, what):
    if x is None:
        return None
    x = float(x)
    if not np.isfinite(x):
        raise ValueError("%s must be a finite number, got %r" % (what, x))
    return "%r : f64" % x


def _enum(enum, case):
    try:
        return "%d : i32" % _ngraph.enum_value(enum, case)
    except _ngraph.Error as e:
        raise ValueError(str(e)) from None


def optimize(loss, learning_rate, kind="sgd", only=None, exclude=None, momentum=None,
             nesterov=False, beta1=None, beta2=None, rho=None, eps=None,
             weight_decay=None, clip_value=None, clip_norm=None, name=None):
    """One effect updating every trainable variable `loss` depends on
    (`only=[...]` names them, `exclude=[...]` leaves some out) by the rule
    `kind`: sgd, momentum, adam, adamw, rmsprop or adagrad (docs/dialect.md,
    Optimizers). Optimizer state becomes variables named after their
    parameter ("W.adam_m", "W.momentum_momentum"), kept between calls like any variable."""
    location = _user_location()
    loss = _as_op(loss, None, location)
    lr = _as_op(learning_rate, loss, location)
    only = [_as_op(v) for v in (only or [])]
    exclude = [_as_op(v) for v in (exclude or [])]
    attrs = {
        "kind": _enum("OptimizerKind", kind),
        "operandSegmentSizes": "array<i32: 1, 1, %d, %d>" % (len(only), len(exclude)),
        "momentum": _f64(momentum, "momentum"),
        "nesterov": "unit" if nesterov else None,
        "beta1": _f64(beta1, "beta1"), "beta2": _f64(beta2, "beta2"),
        "rho": _f64(rho, "rho"), "eps": _f64(eps, "eps"),
        "weight_decay": _f64(weight_decay, "weight_decay"),
        "clip_value": _f64(clip_value, "clip_value"),
        "clip_norm": _f64(clip_norm, "clip_norm"),
        "name": '"%s"' % name if name else None,
    }
    return _create("ng.optimize", [loss, lr] + only + exclude, attrs,
                   types=["!ng.effect"], location=location)


def _i64s(values):
    return "array<i64%s>" % "".join(": %d" % int(v) if i == 0 else ", %d" % int(v)
                                    for i, v in enumerate(values))


def _per_axis(value, n, default, what):
    if value is None:
        return [default] * n
    if isinstance(value, (int, np.integer)):
        return [int(value)] * n
    value = [int(v) for v in value]
    if len(value) != n:
        raise ValueError("%s: %d values for %d spatial axes" % (what, len(value), n))
    return value


def _output_axis(out, length, what):
    """An output spatial axis: an Axis (checked by the verifier) or a name
    (its length is computed)."""
    if isinstance(out, Axis):
        return out
    if isinstance(out, str):
        if length < 1:
            # The verifier says why (the window does not fit).
            length = 1
        return make_axis(length, out)
    raise TypeError("%s: the output axis %r is neither an Axis nor a name" % (what, out))


def convolution(x, filter, windows, strides=None, padding=None, dilations=None):
    """Convolution over named spatial axes. `windows` lists, per spatial
    axis, (input axis, filter axis, output axis or name), e.g.
    [(H, R, 'P'), (W, S, 'Q')]. Axes x and filter share by name (channels)
    are contracted; the filter's other axes are output features, x's other
    axes (the batch) pass through. The result is
    features + output spatial axes + passed axes. `strides`, `padding`
    (both sides) and `dilations`: one number or one per spatial axis."""
    location = _user_location()
    x, filter = _as_op(x), _as_op(filter)
    n = len(windows)
    strides = _per_axis(strides, n, 1, "strides")
    padding = _per_axis(padding, n, 0, "padding")
    dilations = _per_axis(dilations, n, 1, "dilations")
    ins, fils, outs = [], [], []
    for (i, f, o), st, pd, dl in zip(windows, strides, padding, dilations):
        i = i if isinstance(i, Axis) else _axis_of(x, i, "convolution input")
        f = f if isinstance(f, Axis) else _axis_of(filter, f, "convolution filter")
        length = _ngraph.window_output_length(i.length, f.length, st, pd, dl)
        ins.append(i)
        fils.append(f)
        outs.append(_output_axis(o, length, "convolution"))
    spatial_in = set(a.name for a in ins)
    spatial_f = set(a.name for a in fils)
    x_rest = [a for a in x.axes if a.name not in spatial_in]
    f_rest = [a for a in filter.axes if a.name not in spatial_f]
    channels = set(a.name for a in x_rest) & set(a.name for a in f_rest)
    features = [a for a in f_rest if a.name not in channels]
    passed = [a for a in x_rest if a.name not in channels]
    result = Axes(features + outs + passed)
    attrs = {"input_axes": _names(ins, "windows"), "filter_axes": _names(fils, "windows"),
             "output_axes": _names(outs, "windows"), "strides": _i64s(strides),
             "padding": _i64s(padding), "dilations": _i64s(dilations)}
    return _create("ng.convolution", (x, filter), attrs,
                   types=[_tensor_type(result, x.dtype)], location=location)


def pool(x, windows, kind="max", strides=None, padding=None):
    """Max or average pooling. `windows` lists, per spatial axis, (input
    axis, window length, output axis or name), e.g. [(P, 2, 'P2')]; each
    output axis takes its input axis's place. `strides` default to the
    window lengths (non-overlapping windows), `padding` to 0."""
    location = _user_location()
    x = _as_op(x)
    n = len(windows)
    lengths = [int(w[1]) for w in windows]
    strides = lengths if strides is None else _per_axis(strides, n, 1, "strides")
    padding = _per_axis(padding, n, 0, "padding")
    ins, outs = [], []
    for (i, length, o), st, pd in zip(windows, strides, padding):
        i = i if isinstance(i, Axis) else _axis_of(x, i, "pool input")
        out_len = _ngraph.window_output_length(i.length, int(length), st, pd, 1)
        ins.append(i)
        outs.append(_output_axis(o, out_len, "pool"))
    replaced = {i.name: o for i, o in zip(ins, outs)}
    result = Axes(replaced.get(a.name, a) for a in x.axes)
    attrs = {"kind": _enum("PoolKind", kind), "input_axes": _names(ins, "windows"),
             "window": _i64s(lengths), "output_axes": _names(outs, "windows"),
             "strides": _i64s(strides), "padding": _i64s(padding)}
    return _create("ng.pool", (x,), attrs, types=[_tensor_type(result, x.dtype)],
                   location=location)


def _axis_of(x, name, what):
    for a in x.axes:
        if a.name == name:
            return a
    raise GraphError("%s: %s has no axis '%s'" % (what, x.axes._text(), name))


# ---------------------------------------------------------------------------
# Recurrences

def recurrence(axis, step, sequences=(), carries=(), params=(), reverse=False):
    """Runs `step` at every position of the recurrent axis `axis` (first to
    last, or last to first with `reverse`), compiled as one loop and
    differentiated through time by ng.deriv.

    `step(*params, *steps, *carries)` gets the params (the same at every
    position: the weights a cell uses), one position of each sequence (the
    sequence without `axis`) and the carries (their initial values, then
    what the previous position returned). It returns (new_carries, outputs),
    two lists. The result is (final_carries, stacked), where each stacked
    output is that output at every position, with `axis` first. The step
    sees nothing else: weights must come in as params.

        h_last, (hs,) = ng.recurrence(T, lambda W, U, x, h: (
            [ng.tanh(ng.dot(W, x) + ng.dot(U, h))],) * 2,
            sequences=[xs], carries=[h0], params=[W, U])
    """
    location = _user_location()
    if not isinstance(axis, Axis):
        raise TypeError("recurrence: %r is not an Axis" % (axis,))
    params = [_as_op(p) for p in params]
    sequences = [_as_op(s) for s in sequences]
    carries = [_as_op(c) for c in carries]
    for s in sequences:
        if axis not in s.axes:
            raise GraphError("recurrence: the sequence %s has no axis %s"
                             % (s.axes._text(), axis._text()))
    arg_types = ([_tensor_type(p.axes, p.dtype) for p in params] +
                 [_tensor_type(s.axes - [axis], s.dtype) for s in sequences] +
                 [_tensor_type(c.axes, c.dtype) for c in carries])
    try:
        handles = _graph.builder.begin_body(arg_types)
    except _ngraph.Error as e:
        raise GraphError(str(e)) from None
    args = []
    for h in handles:
        a = Op(h, "ng.recurrence_argument")
        _graph.ops[h] = a
        args.append(a)
    try:
        result = step(*args)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError("recurrence: step must return (new_carries, outputs)")
        new_carries, outputs = [list(r) for r in result]
        new_carries = [_as_op(c) for c in new_carries]
        outputs = [_as_op(o) for o in outputs]
    except BaseException:
        _graph.builder.abandon_body()
        raise
    if len(new_carries) != len(carries):
        _graph.builder.abandon_body()
        raise GraphError("recurrence: step returned %d carries for %d"
                         % (len(new_carries), len(carries)))
    result_types = ([_tensor_type(c.axes, c.dtype) for c in carries] +
                    [_tensor_type(Axes([axis]) + o.axes, o.dtype) for o in outputs])
    attrs = {"axis": '"%s"' % axis.name, "reverse": "unit" if reverse else None,
             "operandSegmentSizes": "array<i32: %d, %d, %d>"
             % (len(params), len(sequences), len(carries))}
    file, line, column = location
    try:
        results = _graph.builder.finish_body(
            "ng.recurrence", [o._handle for o in params + sequences + carries],
            _attributes(attrs), result_types, "ng.yield",
            [o._handle for o in new_carries + outputs], file, line, column)
    except _ngraph.Error as e:
        raise GraphError(str(e)) from None
    ops = [Op(h, "ng.recurrence") for h in results]
    for o in ops:
        _graph.ops[o._handle] = o
    return ops[:len(carries)], ops[len(carries):]


# ---------------------------------------------------------------------------
# Normalization, lookups, slices

def normalize(x, normalization_axes=None, eps=None):
    """(x - mean) / sqrt(variance + eps) over `normalization_axes` (default:
    the non-batch axes; the batch axis for batch normalization). eps
    defaults to 1e-5. Scale and shift are ordinary ops after it."""
    return _create("ng.normalize", (_as_op(x),),
                   attrs={"over": _names(normalization_axes, "normalization_axes"),
                          "eps": _f64(eps, "eps")})


def lookup(table, indices):
    """Rows of `table` (its first axis is indexed) at integer `indices`:
    the result has the indices' axes, then the table's other axes (an
    embedding). Out-of-range indices fail the call."""
    return _create("ng.lookup", (_as_op(table), _as_op(indices)))


def slice_along_axis(x, axis, start, stop=None, step=1, name=None):
    """Positions start, start + step, ... below stop of `axis`, as a new
    axis `name` (default: the axis's name with "_slice") in its place; with
    `stop` None, position `start` alone and the axis is dropped (Nervana
    Graph's slice_along_axis)."""
    location = _user_location()
    x = _as_op(x)
    if not isinstance(axis, Axis):
        axis = _axis_of(x, axis, "slice_along_axis")
    if axis not in x.axes:
        raise GraphError("slice_along_axis: %s has no axis %s" % (x.axes._text(), axis._text()))
    if stop is None:
        out, result = None, Axes(a for a in x.axes if a != axis)
        stop, step = int(start) + 1, 1
    else:
        length = _ngraph.range_length(int(start), int(stop), int(step))
        out = make_axis(length if length > 0 else 1, name or axis.name + "_slice",
                        batch=axis.is_batch, recurrent=axis.is_recurrent)
        result = Axes(out if a == axis else a for a in x.axes)
    attrs = {"axes": _names([axis], "axis"),
             "output_axes": '["%s"]' % (out.name if out else ""),
             "starts": _i64s([start]), "stops": _i64s([stop]), "steps": _i64s([step])}
    return _create("ng.slice", (x,), attrs, types=[_tensor_type(result, x.dtype)],
                   location=location)
