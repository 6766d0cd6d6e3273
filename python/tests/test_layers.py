"""The dialect's later ops from Python: ng.optimize, convolution, pooling."""
import numpy as np
import pytest

import ngraph as ng
import ngraph.transformers as ngt
from test_deriv import check_gradient


def test_momentum_matches_numpy():
    rng = np.random.RandomState(0)
    F = ng.make_axis(3, "F")
    N = ng.make_axis(5, "N")
    x = ng.placeholder([F, N])
    t = ng.placeholder([N])
    W = ng.variable([F], rng.randn(3)).named("W")
    b = ng.variable((), 0.5).named("b")
    y = ng.dot(W, x) + b
    loss = ng.sum((y - t) ** 2, out_axes=()) / ng.batch_size(y)
    lr = ng.placeholder(())
    update = ng.optimize(loss, lr, "momentum", momentum=0.9, nesterov=True,
                         weight_decay=0.01)
    xv, tv = rng.randn(3, 5).astype(np.float32), rng.randn(5).astype(np.float32)
    with ngt.make_transformer() as tr:
        step = tr.computation([loss, update], lr, x, t)
        tr.set_value(W, rng.randn(3))
        w, bb = tr.get_value(W).astype(np.float64), 0.5
        vw, vb = np.zeros(3), 0.0
        for i in range(3):
            step(0.1, xv, tv)
            err = w @ xv + bb - tv
            gw = 2 * xv @ err / 5 + 0.01 * w
            gb = 2 * err.sum() / 5 + 0.01 * bb
            vw, vb = 0.9 * vw + gw, 0.9 * vb + gb
            w, bb = w - 0.1 * (gw + 0.9 * vw), bb - 0.1 * (gb + 0.9 * vb)
        np.testing.assert_allclose(tr.get_value(W), w, rtol=1e-4)
        np.testing.assert_allclose(tr.get_value(b), bb, rtol=1e-4)
        # The optimizer's state is a variable named after its parameter.
        np.testing.assert_allclose(tr.get_value("W.momentum_momentum"), vw, rtol=1e-4)


def test_optimize_errors():
    C = ng.make_axis(2, "C")
    W = ng.variable([C])
    loss = ng.sum(W * W, out_axes=())
    with pytest.raises(ValueError, match="'nadam' is not a OptimizerKind"):
        ng.optimize(loss, 0.1, "nadam")
    with pytest.raises(ng.GraphError, match="scalar"):
        ng.optimize(W, 0.1, "sgd")


def conv_reference(x, w, stride, pad, dil):
    # x [C, H, W, N], w [C, R, S, K] -> [K, P, Q, N]
    C, H, Wd, N = x.shape
    _, R, S, K = w.shape
    xp = np.zeros((C, H + 2 * pad, Wd + 2 * pad, N))
    xp[:, pad:pad + H, pad:pad + Wd] = x
    P = (H + 2 * pad - dil * (R - 1) - 1) // stride + 1
    Q = (Wd + 2 * pad - dil * (S - 1) - 1) // stride + 1
    y = np.zeros((K, P, Q, N))
    for p in range(P):
        for q in range(Q):
            patch = xp[:, p * stride:p * stride + dil * (R - 1) + 1:dil,
                       q * stride:q * stride + dil * (S - 1) + 1:dil]
            y[:, p, q] = np.einsum("crsn,crsk->kn", patch, w)
    return y


@pytest.mark.parametrize("stride,pad,dil", [(1, 0, 1), (2, 1, 1), (1, 2, 2)])
def test_convolution_matches_numpy(stride, pad, dil):
    rng = np.random.RandomState(stride + pad + dil)
    C, H, W_, N = (ng.make_axis(2, "C"), ng.make_axis(7, "H"), ng.make_axis(6, "W"),
                   ng.make_axis(3, "N"))
    R, S, K = ng.make_axis(3, "R"), ng.make_axis(2, "S"), ng.make_axis(4, "K")
    x = ng.placeholder([C, H, W_, N], dtype=np.float64)
    w = ng.placeholder([C, R, S, K], dtype=np.float64)
    y = ng.convolution(x, w, [(H, R, "P"), (W_, S, "Q")], strides=stride, padding=pad,
                       dilations=dil)
    assert [a.name for a in y.axes] == ["K", "P", "Q", "N"]
    xv, wv = rng.randn(2, 7, 6, 3), rng.randn(2, 3, 2, 4)
    with ngt.make_transformer() as t:
        got = t.computation(y, x, w)(xv, wv)
    np.testing.assert_allclose(got, conv_reference(xv, wv, stride, pad, dil), rtol=1e-12, atol=1e-12)


def test_convolution_and_pool_gradients():
    rng = np.random.RandomState(3)
    C, H, W_, N = (ng.make_axis(2, "C"), ng.make_axis(6, "H"), ng.make_axis(5, "W"),
                   ng.make_axis(2, "N"))
    R, S, K = ng.make_axis(3, "R"), ng.make_axis(3, "S"), ng.make_axis(3, "K")
    x = ng.placeholder([C, H, W_, N], dtype=np.float64)
    w = ng.variable([C, R, S, K], rng.randn(2, 3, 3, 3), dtype=np.float64)
    y = ng.tanh(ng.convolution(x, w, [(H, R, "P"), (W_, S, "Q")], padding=1))
    p = ng.pool(y, [("P", 2, "P2"), ("Q", 2, "Q2")], kind="avg")
    assert [(a.name, a.length) for a in p.axes] == [("K", 3), ("P2", 3), ("Q2", 2), ("N", 2)]
    loss = ng.sum(p * p, out_axes=())
    check_gradient(loss, [w], [x], [rng.randn(2, 6, 5, 2)], rtol=1e-5)


def test_max_pool_matches_numpy():
    rng = np.random.RandomState(4)
    K, P, N = ng.make_axis(2, "K"), ng.make_axis(6, "P"), ng.make_axis(3, "N")
    x = ng.placeholder([K, P, N])
    p = ng.pool(x, [(P, 3, "P3")], kind="max", strides=2, padding=1)
    xv = rng.randn(2, 6, 3).astype(np.float32)
    padded = np.full((2, 8, 3), -np.inf, np.float32)
    padded[:, 1:7] = xv
    ref = np.stack([padded[:, i:i + 3].max(axis=1) for i in range(0, 6, 2)], axis=1)
    with ngt.make_transformer() as t:
        np.testing.assert_array_equal(t.computation(p, x)(xv), ref)


def test_convolution_errors_name_the_axis():
    C, H, N = ng.make_axis(2, "C"), ng.make_axis(5, "H"), ng.make_axis(2, "N")
    R, K = ng.make_axis(3, "R"), ng.make_axis(4, "K")
    x = ng.placeholder([C, H, N])
    w = ng.placeholder([C, R, K])
    with pytest.raises(ng.GraphError, match=r"output axis 'P' has length 4, expected 3 = floor"):
        ng.convolution(x, w, [(H, R, ng.make_axis(4, "P"))])
    with pytest.raises(ng.GraphError, match="does not fit"):
        ng.convolution(x, w, [(H, R, "P")], dilations=3)


def test_normalize_lookup_slice_match_numpy():
    rng = np.random.RandomState(5)
    F, N, V, T = (ng.make_axis(4, "F"), ng.make_axis(6, "N"), ng.make_axis(7, "V"),
                  ng.make_axis(3, "T"))
    x = ng.placeholder([F, N], dtype=np.float64)
    table = ng.variable([V, F], rng.randn(7, 4), dtype=np.float64)
    ids = ng.placeholder([T, N], dtype=np.int32)
    layer = ng.normalize(x)                       # over F, per sample
    batch = ng.normalize(x, normalization_axes=[N], eps=1e-3)
    emb = ng.lookup(table, ids)
    assert [a.name for a in emb.axes] == ["T", "N", "F"]
    part = ng.slice_along_axis(x, F, 1, 4, 2, name="G")
    row = ng.slice_along_axis(x, "F", 2)
    assert [(a.name, a.length) for a in part.axes] == [("G", 2), ("N", 6)]
    assert [a.name for a in row.axes] == ["N"]
    xv = rng.randn(4, 6)
    iv = rng.randint(0, 7, (3, 6)).astype(np.int32)
    with ngt.make_transformer() as t:
        got = t.computation([layer, batch, emb, part, row], x, ids)(xv, iv)
        tv = t.get_value(table)
    np.testing.assert_allclose(got[0], (xv - xv.mean(0)) / np.sqrt(xv.var(0) + 1e-5), rtol=1e-10)
    np.testing.assert_allclose(got[1], (xv - xv.mean(1, keepdims=True)) /
                               np.sqrt(xv.var(1, keepdims=True) + 1e-3), rtol=1e-10)
    np.testing.assert_array_equal(got[2], tv[iv])
    np.testing.assert_array_equal(got[3], xv[1:4:2])
    np.testing.assert_array_equal(got[4], xv[2])
    # Gradients flow through all three.
    loss = ng.sum(ng.tanh(layer) * emb, out_axes=()) + ng.sum(part * part, out_axes=())
    check_gradient(loss, [table], [x, ids], [xv, iv])
    with pytest.raises(ng.GraphError, match="G"):
        ng.slice_along_axis(x, F, 2, 9, name="G")
