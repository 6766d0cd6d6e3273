"""A batch axis without a length (N:?): one graph, any batch size per call."""
import numpy as np
import pytest

import ngraph as ng
import ngraph.transformers as ngt


def test_one_computation_takes_any_batch_length():
    C = ng.make_axis(3, "C")
    N = ng.make_axis(name="N")  # no length: given by each call
    assert N.length is None and N.is_batch
    assert repr(N) == "Axis(N:? batch)"
    x = ng.placeholder([C, N])
    W = ng.variable([C], initial_value=np.array([1.0, 2.0, 3.0]))
    y = ng.dot(W, x)
    assert y.axes.lengths == (None,)
    size = ng.batch_size(x)
    with ngt.make_transformer() as t:
        f = t.computation([y, size], x)
        for n in (1, 4, 9):
            xs = np.arange(3 * n, dtype=np.float32).reshape(3, n)
            out, count = f(xs)
            # Against NumPy in float64; float32 sums of three products.
            np.testing.assert_allclose(out, np.array([1.0, 2.0, 3.0]) @ xs, rtol=1e-6)
            assert out.shape == (n,) and count == n


def test_variables_are_shared_by_every_length():
    C = ng.make_axis(2, "C")
    N = ng.make_axis(name="N")
    x = ng.placeholder([C, N])
    W = ng.variable([C], initial_value=0.0)
    update = ng.assign(W, W + ng.sum(x, out_axes=[C]))
    with ngt.make_transformer() as t:
        step = t.computation(update, x)
        step(np.ones((2, 3), np.float32))
        step(np.ones((2, 5), np.float32))
        np.testing.assert_array_equal(t.get_value(W), [8.0, 8.0])


def test_only_batch_axes_may_leave_their_length():
    with pytest.raises(ValueError, match="axis C needs a length"):
        ng.make_axis(name="C")
    N = ng.make_axis(name="N")
    with pytest.raises(ValueError, match="fixed length"):
        ng.variable([N], initial_value=0.0)


def test_inputs_must_agree_on_the_length():
    N = ng.make_axis(name="N")
    a = ng.placeholder([N])
    b = ng.placeholder([N])
    with ngt.make_transformer() as t:
        f = t.computation(a + b, a, b)
        with pytest.raises(Exception, match="disagree on the length of axis N"):
            f(np.ones(3, np.float32), np.ones(4, np.float32))
