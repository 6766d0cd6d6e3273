"""The computation call contract: arguments, results, variables kept
between calls and across computations, recompiling."""
import contextlib
import inspect
import subprocess
import os

import numpy as np
import pytest

import ngraph as ng
import ngraph.transformers as ngt
from conftest import BUILD

C = ng.make_axis(4, "C")
N = ng.make_axis(8, "N")


def make_model():
    x = ng.placeholder([C, N]).named("x")
    alpha = ng.placeholder(()).named("alpha")
    W = ng.variable([C], np.arange(4.0)).named("W")
    y = ng.dot(W, x)
    loss = ng.sum(y * y, out_axes=())
    update = ng.assign(W, W - alpha * ng.deriv(loss, W))
    return x, alpha, W, y, loss, update


def test_results_shapes_and_kinds():
    x, alpha, W, y, loss, update = make_model()
    xv = np.ones((4, 8), np.float32)
    with contextlib.closing(ngt.make_transformer()) as t:
        single = t.computation(y, x)
        several = t.computation([y, loss], x)
        effect = t.computation(update, alpha, x)
        out = single(xv)
        assert isinstance(out, np.ndarray) and out.shape == (8,) and out.dtype == np.float32
        pair = several(xv)
        assert isinstance(pair, tuple) and len(pair) == 2 and pair[1].shape == ()
        assert effect(0.0, xv) is None


def test_variable_returned_after_update_and_kept():
    x, alpha, W, y, loss, update = make_model()
    xv = np.random.RandomState(0).rand(4, 8).astype(np.float32)
    with ngt.make_transformer() as t:
        step = t.computation([loss, W, update], alpha, x)
        value = t.computation(W)
        w0 = np.arange(4.0, dtype=np.float32)
        l, w1, none = step(0.01, xv)
        assert none is None
        # The loss is computed from W before the update, W is returned after.
        np.testing.assert_allclose(l, np.sum((w0 @ xv) ** 2), rtol=1e-5)
        grad = 2 * (xv @ (w0 @ xv))
        np.testing.assert_allclose(w1, w0 - 0.01 * grad, rtol=1e-5)
        # Kept between calls and seen by the other computation.
        np.testing.assert_array_equal(value(), w1)
        np.testing.assert_array_equal(t.get_value(W), w1)
        _, w2, _ = step(0.01, xv)
        assert not np.array_equal(w1, w2)


def test_new_computation_keeps_variables():
    x, alpha, W, y, loss, update = make_model()
    xv = np.ones((4, 8), np.float32)
    with ngt.make_transformer() as t:
        step = t.computation(update, alpha, x)
        step(0.001, xv)
        after = t.get_value(W)
        # Defining another computation recompiles; W keeps its value.
        read = t.computation(W)
        np.testing.assert_array_equal(read(), after)
        step(0.001, xv)
        assert not np.array_equal(read(), after)


def test_set_value():
    x, alpha, W, y, loss, update = make_model()
    with ngt.make_transformer() as t:
        f = t.computation(y, x)
        t.set_value(W, [1, 0, 0, 0])
        xv = np.arange(32, dtype=np.float32).reshape(4, 8)
        np.testing.assert_array_equal(f(xv), xv[0])
        with pytest.raises(ValueError, match="shape"):
            t.set_value(W, np.zeros(5))


def test_argument_conversion():
    x, alpha, W, y, loss, update = make_model()
    with ngt.make_transformer() as t:
        f = t.computation(y, x)
        ref = np.arange(4.0) @ np.ones((4, 8))
        for arg in (np.ones((4, 8)), np.ones((4, 8), np.int64), np.ones((4, 8), np.uint8),
                    np.ones((8, 4), np.float32).T, [[1.0] * 8] * 4, np.ones((4, 8), bool)):
            np.testing.assert_array_equal(f(arg), ref)
        labels = ng.placeholder([N], dtype=np.int32)
        g = t.computation(labels * 2, labels)
        np.testing.assert_array_equal(g(np.arange(8.0)), np.arange(8) * 2)
        with pytest.raises(ValueError, match="integer"):
            g(np.full(8, 0.5))


def test_wrong_arguments():
    x, alpha, W, y, loss, update = make_model()
    with ngt.make_transformer() as t:
        f = t.computation(update, alpha, x)
        with pytest.raises(TypeError, match=r"takes 2 arguments \(alpha, x\), got 1"):
            f(0.1)
        with pytest.raises(ValueError, match=r"expects shape \(4, 8\).*\[C:4, N:8 batch\].*got shape \(8, 4\)") as e:
            f(0.1, np.ones((8, 4)))
        # The message points at the line that made the placeholder.
        line = inspect.getsource(make_model).splitlines().index(
            '    x = ng.placeholder([C, N]).named("x")') + make_model.__code__.co_firstlineno
        assert "test_computation.py:%d:" % line in str(e.value)
        assert "note: placeholder 'x' was made here" in str(e.value)
        with pytest.raises(ValueError, match="alpha"):
            f(np.ones(3), np.ones((4, 8)))
        with pytest.raises(TypeError, match="not a placeholder"):
            t.computation(y, W)


def test_closed_transformer():
    x, alpha, W, y, loss, update = make_model()
    t = ngt.make_transformer()
    f = t.computation(y, x)
    t.close()
    with pytest.raises(RuntimeError, match="closed"):
        f(np.ones((4, 8)))


def test_to_mlir_round_trips_through_the_tools():
    x, alpha, W, y, loss, update = make_model()
    text = ng.to_mlir([loss, W, update], alpha, x, name="step")
    assert "ng.computation @step" in text and 'ng.variable "W"' in text
    opt = os.path.join(BUILD, "bin", "ngraph-opt")
    if not os.path.exists(opt):
        pytest.skip("no ngraph-opt")
    out = subprocess.run([opt], input=text, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "ng.computation @step" in out.stdout


def test_save_and_load_checkpoints(tmp_path):
    x, alpha, W, y, loss, update = make_model()
    xv = np.random.RandomState(3).rand(4, 8).astype(np.float32)
    path = str(tmp_path / "ckpt.npz")
    with ngt.make_transformer() as t:
        step = t.computation([loss, update], alpha, x)
        step(0.01, xv)
        trained = t.get_value(W)
        t.save(path)
        # NumPy reads it, and the runner's names are the variables' names.
        assert np.load(path)["W"].tolist() == trained.tolist()
    with ngt.make_transformer() as t:
        read = t.computation(W)
        np.testing.assert_array_equal(read(), np.arange(4.0))
        t.load(path)
        np.testing.assert_array_equal(read(), trained)
        np.savez(str(tmp_path / "bad.npz"), W=np.zeros(5))
        with pytest.raises(ValueError, match="has shape"):
            t.load(str(tmp_path / "bad.npz"))
        np.savez(str(tmp_path / "none.npz"), V=np.zeros(4))
        with pytest.raises(ValueError, match="no array for variable 'W'"):
            t.load(str(tmp_path / "none.npz"))
        np.testing.assert_array_equal(read(), trained)
    # ngraph-runner loads the same file into the same graph.
    runner = os.path.join(BUILD, "bin", "ngraph-runner")
    if not os.path.exists(runner):
        pytest.skip("no ngraph-runner")
    graph = tmp_path / "g.mlir"
    graph.write_text(ng.to_mlir(W, name="peek"))
    out = subprocess.run([runner, str(graph), "--load", path, "--call", "peek"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    printed = np.array(out.stdout.split("[")[1].split("]")[0].split(), np.float32)
    assert printed.tolist() == trained.tolist()
