"""Axis rules seen from Python: the broadcast order, dot pairing,
reduction defaults, roles. The rules live in the C++ dialect; these check
the package hands them through and that the numbers follow them."""
import numpy as np
import pytest

import ngraph as ng
import ngraph.transformers as ngt

C = ng.make_axis(3, "C")
H = ng.make_axis(2, "H")
N = ng.make_axis(4, "N")


def names(op):
    return [a.name for a in op.axes]


def test_make_axis_roles():
    assert N.is_batch and not N.is_recurrent
    assert not C.is_batch
    assert ng.make_axis(5, "REC").is_recurrent
    assert ng.make_axis(5, "B", batch=True).is_batch
    assert ng.make_axis(5, "T", roles=("recurrent",)).is_recurrent
    unnamed = ng.make_axis(7)
    assert unnamed.length == 7 and unnamed.name.startswith("axis_")
    with pytest.raises(ValueError, match="not a positive integer"):
        ng.make_axis(0, "Z")
    with pytest.raises(ValueError, match="not an identifier"):
        ng.make_axis(2, "a b")
    with pytest.raises(ValueError, match="both"):
        ng.make_axis(2, "Q", batch=True, recurrent=True)


def test_broadcast_order():
    a = ng.placeholder([C])
    b = ng.placeholder([H, N])
    ab = ng.placeholder([C, N])
    # lhs's axes then rhs's extra ones...
    assert names(a + b) == ["C", "H", "N"]
    assert names(b + a) == ["H", "N", "C"]
    # ...unless rhs has all of lhs's axes: then rhs's order.
    nc = ng.placeholder([N, C])
    assert names(a * nc) == ["N", "C"]
    assert names(ab - nc) == ["N", "C"]
    assert names(nc - ab) == ["C", "N"]


def test_broadcast_numbers():
    a = ng.placeholder([C])
    nc = ng.placeholder([N, C])
    with ngt.make_transformer() as t:
        f = t.computation(a * nc, a, nc)
        av = np.arange(3, dtype=np.float32)
        ncv = np.arange(12, dtype=np.float32).reshape(4, 3)
        np.testing.assert_array_equal(f(av, ncv), ncv * av)


def test_dot_pairs_shared_axes():
    w = ng.placeholder([H, C])
    x = ng.placeholder([C, N])
    assert names(ng.dot(w, x)) == ["H", "N"]
    assert names(ng.dot(x, w)) == ["N", "H"]
    assert names(ng.dot(ng.placeholder([C]), ng.placeholder([C]))) == []
    with ngt.make_transformer() as t:
        f = t.computation(ng.dot(w, x), w, x)
        wv = np.random.RandomState(0).rand(2, 3).astype(np.float32)
        xv = np.random.RandomState(1).rand(3, 4).astype(np.float32)
        np.testing.assert_allclose(f(wv, xv), wv @ xv, rtol=1e-6)


def test_reduction_defaults():
    x = ng.placeholder([C, H, N])
    # By default every axis but the batch axis is reduced.
    assert names(ng.sum(x)) == ["N"]
    assert names(ng.sum(x, reduction_axes=[C])) == ["H", "N"]
    assert names(ng.sum(x, out_axes=[N, H])) == ["N", "H"]
    assert names(ng.sum(x, out_axes=())) == []
    assert names(ng.tensor_size(x)) == []
    with pytest.raises(ValueError, match="not both"):
        ng.sum(x, reduction_axes=[C], out_axes=[N])
    xv = np.random.RandomState(2).rand(3, 2, 4).astype(np.float32)
    with ngt.make_transformer() as t:
        f = t.computation([ng.sum(x), ng.mean(x, reduction_axes=[C]), ng.max(x, out_axes=()),
                           ng.tensor_size(x), ng.batch_size(x)], x)
        s, m, mx, size, batch = f(xv)
    np.testing.assert_allclose(s, xv.sum(axis=(0, 1)), rtol=1e-6)
    np.testing.assert_allclose(m, xv.mean(axis=0), rtol=1e-6)
    assert mx == xv.max()
    assert size == 6 and batch == 4


def test_axis_manipulation():
    x = ng.placeholder([C, H, N])
    assert names(ng.axes_with_order(x, [N, C, H])) == ["N", "C", "H"]
    flat = ng.flatten(x)
    assert names(flat) == ["C_H", "N"] and flat.axes[0].length == 6
    K = ng.make_axis(3, "K")
    assert names(ng.cast_axes(x, [K, H, N])) == ["K", "H", "N"]
    assert names(ng.broadcast(ng.placeholder([C]), [N, C])) == ["N", "C"]
    labels = ng.placeholder([N], dtype=np.int32)
    assert names(ng.one_hot(labels, K)) == ["K", "N"]
    xv = np.arange(24, dtype=np.float32).reshape(3, 2, 4)
    with ngt.make_transformer() as t:
        f = t.computation([ng.axes_with_order(x, [N, C, H]), flat], x)
        r, fl = f(xv)
    np.testing.assert_array_equal(r, xv.transpose(2, 0, 1))
    np.testing.assert_array_equal(fl, xv.reshape(6, 4))
