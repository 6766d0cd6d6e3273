"""ng.deriv against central finite differences, in float64."""
import numpy as np

import ngraph as ng
import ngraph.transformers as ngt


def check_gradient(loss, wrt, placeholders, feeds, rtol=1e-6, eps=1e-6):
    """Compares deriv(loss, v) for every v in wrt with central differences
    of loss, evaluated through the compiled graph."""
    with ngt.make_transformer() as t:
        f = t.computation(loss, *placeholders)
        grads = t.computation([ng.deriv(loss, v) for v in wrt], *placeholders)
        analytic = grads(*feeds)
        for v, g in zip(wrt, analytic):
            base = t.get_value(v)
            numeric = np.zeros_like(base)
            for i in np.ndindex(base.shape):
                for sign in (1, -1):
                    x = base.copy()
                    x[i] += sign * eps
                    t.set_value(v, x)
                    numeric[i] += sign * f(*feeds) / (2 * eps)
            t.set_value(v, base)
            np.testing.assert_allclose(g, numeric, rtol=rtol, atol=1e-8)


def test_mlp_gradients():
    rng = np.random.RandomState(0)
    F = ng.make_axis(5, "F")
    Hd = ng.make_axis(4, "Hd")
    K = ng.make_axis(3, "K")
    N = ng.make_axis(6, "N")
    x = ng.placeholder([F, N], dtype=np.float64)
    labels = ng.placeholder([N], dtype=np.int32)
    W1 = ng.variable([Hd, F], rng.randn(4, 5), dtype=np.float64)
    b1 = ng.variable([Hd], rng.randn(4), dtype=np.float64)
    W2 = ng.variable([K, Hd], rng.randn(3, 4), dtype=np.float64)
    h = ng.tanh(ng.dot(W1, x) + b1)
    y = ng.softmax(ng.dot(W2, h))
    t = ng.one_hot(labels, K, dtype=np.float64)
    loss = ng.sum(ng.cross_entropy_multi(y, t), out_axes=()) / ng.batch_size(y)
    assert [v.name for v in loss.variables()] == [W1.name, b1.name, W2.name]
    check_gradient(loss, loss.variables(), [x, labels],
                   [rng.randn(5, 6), np.array([0, 1, 2, 1, 0, 2], np.int32)])


def test_elementwise_gradients():
    rng = np.random.RandomState(1)
    C = ng.make_axis(4, "C")
    a = ng.variable([C], rng.rand(4) + 0.5, dtype=np.float64)
    b = ng.variable([C], rng.rand(4) + 0.5, dtype=np.float64)
    loss = ng.sum(ng.sigmoid(a) * ng.log(b) + a ** 2 / b - ng.exp(-a) + ng.sqrt(a * b),
                  out_axes=())
    check_gradient(loss, [a, b], [], [])
