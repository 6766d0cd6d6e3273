"""Errors name the axes and point at the user's line, not generated IR."""
import inspect

import numpy as np
import pytest

import ngraph as ng
import ngraph.transformers as ngt


def here():
    return inspect.currentframe().f_back.f_lineno


def test_axis_mismatch_points_at_the_line():
    C = ng.make_axis(4, "C")
    D = ng.make_axis(3, "D")
    N = ng.make_axis(8, "N")
    y = ng.placeholder([C, N])
    t = ng.placeholder([D, N])
    with pytest.raises(ng.GraphError) as e:
        line = here(); ng.cross_entropy_binary(y, t)  # noqa: E702
    message = str(e.value)
    assert message.startswith("%s:%d:" % (__file__, line)), message
    assert "[C:4, N:8 batch]" in message and "[D:3, N:8 batch]" in message
    # The source line is shown under the message.
    assert "ng.cross_entropy_binary(y, t)" in message


def test_same_name_different_length():
    C4 = ng.make_axis(4, "C")
    C5 = ng.make_axis(5, "C")
    with pytest.raises(ng.GraphError, match=r"axis 'C' .*\[C:4\] and \[C:5\]"):
        ng.placeholder([C4]) + ng.placeholder([C5])


def test_missing_placeholder():
    C = ng.make_axis(4, "C")
    x = ng.placeholder([C]).named("features")
    with ngt.make_transformer() as t:
        with pytest.raises(ng.GraphError) as e:
            line = here(); t.computation(ng.sum(x))  # noqa: E702
    message = str(e.value)
    assert "%s:%d:" % (__file__, line) in message
    assert "placeholder 'features', which is not among its inputs" in message


def test_bad_ops():
    C = ng.make_axis(4, "C")
    x = ng.placeholder([C])
    with pytest.raises(ng.GraphError, match="reduction_axes"):
        ng.sum(x, reduction_axes=["Nope"])
    with pytest.raises(ng.GraphError, match="must be an ng.variable"):
        ng.assign(x, x)
    with pytest.raises(ng.GraphError, match="not an effect"):
        ng.doall([x])
    with pytest.raises(TypeError, match="not a graph value"):
        x + "one"
    with pytest.raises(TypeError, match="element type"):
        ng.placeholder([C], dtype=np.complex64)
    with pytest.raises(ValueError, match="does not fit"):
        ng.variable([C], initial_value=np.zeros(3))
    with pytest.raises(ng.GraphError, match="scalar"):
        ng.deriv(x, ng.variable([C]))


def test_nonfinite_constants():
    C = ng.make_axis(3, "C")
    c = ng.constant([np.inf, -np.inf, np.nan], [C])
    s = ng.constant(np.inf, [C])
    with ngt.make_transformer() as t:
        a, b = t.computation([c, s])()
    assert a[0] == np.inf and a[1] == -np.inf and np.isnan(a[2])
    assert (b == np.inf).all()
