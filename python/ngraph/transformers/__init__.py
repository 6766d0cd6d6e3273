"""Transformers: compile computations once, call them with NumPy arrays.

    with closing(ngt.make_transformer()) as transformer:
        update_fun = transformer.computation([L, W, update], alpha, X, Y)
        loss, w, _ = update_fun(0.1, xs, ys)

A transformer compiles all of its computations together into one module
(the first time one is called), so they share variables. Defining another
computation later recompiles, keeping the variables' values.
"""

import os
import tempfile

import numpy as np

from ngraph import _ngraph
from ngraph._ops import GraphError, Op, _graph, _user_location

__all__ = ["make_transformer", "Transformer", "Computation"]

def _computation_spec(name, results, parameters, location):
    single = isinstance(results, Op)
    outputs = [results] if single else list(results)
    for r in outputs:
        if not isinstance(r, Op):
            raise TypeError("computation %s: result %r is not a graph value" % (name, r))
    for p in parameters:
        if not isinstance(p, Op) or not p.is_placeholder:
            raise TypeError("computation %s: parameter %r is not a placeholder" % (name, p))
    file, line, column = location
    return (name, [r._handle for r in outputs], [p._handle for p in parameters],
            file, line, column)


def make_transformer(**options):
    """A transformer for this machine. Options: target ("host", or a named
    CPU such as "x86-64-v3"), opt_level (0-3), threads, schedule, fuse,
    cache_dir (None: $XDG_CACHE_HOME/ngraph; "": no cache)."""
    return Transformer(**options)


class Transformer:
    def __init__(self, target="host", opt_level=2, threads=1, schedule=True,
                 fuse=True, cache_dir=None):
        self._options = dict(target=target, opt_level=opt_level, threads=threads,
                             schedule=schedule, fuse=fuse, cache_dir=cache_dir)
        self._specs = []
        self._computations = []
        self._compiled = None
        self._closed = False

    # Nervana Graph's transformers were used with contextlib.closing.
    def close(self):
        self._compiled = None
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def computation(self, results, *parameters, name=None):
        """A callable computing `results` (an op, or a list of ops giving a
        tuple; effects give None) from `parameters`, the placeholders in
        call order. Checked now; compiled at the first call."""
        if self._closed:
            raise RuntimeError("the transformer is closed")
        name = name or "computation_%d" % len(self._specs)
        spec = _computation_spec(name, results, parameters, _user_location())
        try:
            _graph.builder.graph_source("check", self._specs + [spec], False)
        except _ngraph.Error as e:
            raise GraphError(str(e)) from None
        self._specs.append(spec)
        c = Computation(self, name, len(self._specs) - 1, isinstance(results, Op),
                        parameters)
        self._computations.append(c)
        self._compiled = None if self._compiled is None else self._recompile()
        return c

    def to_mlir(self, locations=False):
        """The graph file of every computation defined so far."""
        try:
            return _graph.builder.graph_source("transformer", self._specs, locations)
        except _ngraph.Error as e:
            raise GraphError(str(e)) from None

    def _compile(self):
        if self._closed:
            raise RuntimeError("the transformer is closed")
        source = _graph.builder.graph_source("transformer", self._specs, True)
        try:
            self._compiled = _ngraph.Transformer(source, **self._options)
        except _ngraph.Error as e:
            raise GraphError(str(e)) from None
        self._info = {name: (ins, outs) for name, ins, outs in self._compiled.computations()}
        return self._compiled

    def _recompile(self):
        old = self._compiled
        values = {v[0]: old.read_variable(v[0]) for v in old.variables()}
        new = self._compile()
        for v in new.variables():
            if v[0] in values:
                new.write_variable(v[0], values[v[0]])
        return new

    def _runtime(self):
        return self._compiled if self._compiled is not None else self._compile()

    def get_value(self, variable):
        """The current value of a variable (a NumPy array)."""
        return self._runtime().read_variable(_variable_name(variable))

    def set_value(self, variable, value):
        """Sets a variable's value (converted to its element type)."""
        name = _variable_name(variable)
        dtype = variable.dtype if isinstance(variable, Op) else np.float32
        array = np.ascontiguousarray(value, dtype=dtype)
        try:
            self._runtime().write_variable(name, array)
        except _ngraph.Error as e:
            raise ValueError(str(e)) from None

    def save(self, path):
        """Writes every variable (optimizer state included) to a .npz named
        as ngraph-runner's checkpoints are, so `ngraph-runner --load` and
        `ngraph-compile --weights` read it. Written atomically: a failure
        leaves an earlier file intact."""
        runtime = self._runtime()
        values = {v[0]: runtime.read_variable(v[0]) for v in runtime.variables()}
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".ngraph-", suffix=".npz", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, **values)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def load(self, path):
        """Sets every variable from a .npz (a checkpoint of save() or of
        ngraph-runner). Every array is checked before any is written."""
        runtime = self._runtime()
        with np.load(path) as archive:
            values = {}
            for name, axes, dtype, _ in runtime.variables():
                if name not in archive.files:
                    raise ValueError("checkpoint '%s' has no array for variable '%s'"
                                     % (path, name))
                shape = tuple(length for _, length, _, _ in axes)
                array = archive[name]
                if array.shape != shape:
                    raise ValueError("checkpoint '%s': array '%s' has shape %s, the "
                                     "variable needs %s" % (path, name, array.shape, shape))
                values[name] = np.ascontiguousarray(array, dtype=dtype)
        for name, array in values.items():
            runtime.write_variable(name, array)

    @property
    def compile_seconds(self):
        return self._runtime().compile_seconds


def _variable_name(variable):
    # By name: also the variables ng.optimize creates ("W.adam_m").
    if isinstance(variable, str):
        return variable
    if not isinstance(variable, Op) or not variable.is_variable:
        raise TypeError("%r is not a variable" % (variable,))
    return variable.name


class Computation:
    """A compiled entry point; call it with one argument per placeholder."""

    def __init__(self, transformer, name, index, single, parameters):
        self._transformer = transformer
        self.name = name
        self._index = index
        self._single = single
        self.parameters = tuple(p.name for p in parameters)
        self._placeholders = list(parameters)

    def __call__(self, *args):
        t = self._transformer
        runtime = t._compiled if t._compiled is not None else t._compile()
        try:
            return runtime.call(self._index, args, self._single)
        except _ngraph.Error as e:
            raise ValueError(self._explain(str(e))) from None

    def _explain(self, message):
        """The runtime's message, and where the placeholder it names was
        made in the user's program."""
        for p in self._placeholders:
            where = p._location
            if "'%s'" % p.name in message and where and where[0]:
                return "%s\n%s:%d:%d: note: placeholder '%s' was made here" % (
                    message, where[0], where[1], where[2], p.name)
        return message
