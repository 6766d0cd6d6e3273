"""ng.recurrence from Python: a step function becomes the loop body."""
import numpy as np
import pytest

import ngraph as ng
import ngraph.transformers as ngt
from test_deriv import check_gradient


def axes():
    T = ng.make_axis(5, "T", recurrent=True)
    C, H, H2 = ng.make_axis(3, "C"), ng.make_axis(4, "H"), ng.make_axis(4, "H2")
    N = ng.make_axis(2, "N")
    return T, C, H, H2, N


def rnn(T, C, H, H2, N, W, U, xs, h0):
    def step(W, U, x, h):
        h2 = ng.tanh(ng.dot(W, x) + ng.cast_axes(ng.dot(U, h), [H, N]))
        return [h2], [h2]
    return ng.recurrence(T, step, sequences=[xs], carries=[h0], params=[W, U])


def model(rng):
    """A tanh RNN in float64: the placeholders, weights and results."""
    T, C, H, H2, N = axes()
    xs = ng.placeholder([T, C, N], dtype=np.float64)
    h0 = ng.placeholder([H, N], dtype=np.float64)
    W = ng.variable([C, H], rng.randn(3, 4) * 0.5, dtype=np.float64)
    U = ng.variable([H, H2], rng.randn(4, 4) * 0.5, dtype=np.float64)
    (h_last,), (hs,) = rnn(T, C, H, H2, N, W, U, xs, h0)
    return xs, h0, W, U, h_last, hs


def test_forward_matches_numpy():
    rng = np.random.RandomState(0)
    xs, h0, W, U, h_last, hs = model(rng)
    assert [a.name for a in hs.axes] == ["T", "H", "N"]
    xv, hv = rng.randn(5, 3, 2), rng.randn(4, 2)
    with ngt.make_transformer() as t:
        last, stacked = t.computation([h_last, hs], xs, h0)(xv, hv)
        w, u = t.get_value(W), t.get_value(U)
    h, ref = hv, []
    for i in range(5):
        h = np.tanh(w.T @ xv[i] + u.T @ h)
        ref.append(h)
    np.testing.assert_allclose(stacked, np.array(ref), rtol=1e-12)
    np.testing.assert_allclose(last, ref[-1], rtol=1e-12)


def test_gradient_through_time():
    rng = np.random.RandomState(1)
    xs, h0, W, U, h_last, hs = model(rng)
    loss = ng.sum(hs * hs, out_axes=()) + ng.sum(h_last, out_axes=())
    check_gradient(loss, [W, U], [xs, h0], [rng.randn(5, 3, 2), rng.randn(4, 2)])


def test_recurrence_errors():
    T, C, H, H2, N = axes()
    xs = ng.placeholder([T, C, N])
    h0 = ng.placeholder([H, N])
    W = ng.variable([C, H])
    outside = ng.variable([H, N])
    # The step may use only its arguments.
    with pytest.raises(ng.GraphError, match="from outside this recurrence body"):
        ng.recurrence(T, lambda W, x, h: ([h + outside], []), sequences=[xs],
                      carries=[h0], params=[W])
    # A carry must keep its type.
    with pytest.raises(ng.GraphError, match="carry #0"):
        ng.recurrence(T, lambda W, x, h: ([ng.dot(W, x)], []), sequences=[xs],
                      carries=[ng.placeholder([C, N])], params=[W])
    with pytest.raises(TypeError, match="new_carries, outputs"):
        ng.recurrence(T, lambda W, x, h: h, sequences=[xs], carries=[h0], params=[W])
    # The builder is usable after each failure.
    (h_last,), _ = ng.recurrence(T, lambda W, x, h: ([ng.tanh(ng.dot(W, x)) + h], []),
                                 sequences=[xs], carries=[h0], params=[W])
    assert [a.name for a in h_last.axes] == ["H", "N"]
