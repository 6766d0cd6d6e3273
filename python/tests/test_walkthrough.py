"""The seed's walk-through programs (examples/python) print the numbers
ngraph-runner prints for the same graphs (examples/run-*.sh), and those
agree with a NumPy reference of the seed's update rule."""
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from conftest import BUILD, ROOT

EXAMPLES = os.path.join(ROOT, "examples")
RUNNER = os.path.join(BUILD, "bin", "ngraph-runner")


def run_python(script):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, os.path.join(EXAMPLES, "python", script)],
                         capture_output=True, text=True, env=env, cwd=EXAMPLES)
    assert out.returncode == 0, out.stderr
    return out.stdout


def run_runner(script):
    if not os.path.exists(RUNNER):
        pytest.skip("no ngraph-runner in %s (build the tools)" % BUILD)
    out = subprocess.run(["bash", os.path.join(EXAMPLES, script), os.path.dirname(RUNNER)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_plus_one():
    assert run_python("plus_one.py") == "1.0\n2.0\n3.0\n4.0\n5.0\n"
    assert run_python("plus_one.py") == run_runner("run-plus-one.sh")


def test_logistic_regression_part1_matches_runner():
    py = run_python("logistic_regression_part1.py")
    assert len(py.splitlines()) == 100
    assert py == run_runner("run-logreg.sh")


def floats(text):
    return [float(x) for x in re.findall(r"-?\d+\.\d+(?:e[-+]?\d+)?", text)]


def test_logistic_regression_part1_matches_numpy():
    # The seed's update in float32 NumPy on the same data (gendata from the
    # same seed): W after each of the 100 steps within 1e-5 relative.
    sys.path.insert(0, os.path.join(EXAMPLES, "python"))
    try:
        import gendata
    finally:
        sys.path.pop(0)
    g = gendata.MixtureGenerator([.5, .5], (4,))
    XS, YS = g.gen_data(128, 10)
    w = np.zeros(4, np.float32)
    expected = []
    for i in range(10):
        alpha = np.float32(5.0 / (1 + i))
        for xs, ys in zip(XS, YS):
            x, y = xs.astype(np.float32), ys.astype(np.float32)
            y_hat = 1 / (1 + np.exp(-w.dot(x)))
            grad = (y_hat - y).dot(x.T) / 128  # L is divided by the batch size
            # ng.tensor_size(Y_hat) reduces the default axes, which leave
            # out the batch axis N: it is 1 (Nervana Graph's rule).
            w = w - alpha * grad / 1
            expected.append(w.copy())
    lines = run_python("logistic_regression_part1.py").splitlines()
    got = np.array([floats(line.split(", loss")[0]) for line in lines])
    np.testing.assert_allclose(got, np.array(expected), rtol=1e-5, atol=1e-6)


def test_logistic_regression_part2_matches_runner():
    py = run_python("logistic_regression_part2.py").splitlines()
    runner = run_runner("run-logreg2.sh").splitlines()
    # The seed prints [var.name for var in L.variables()] first.
    assert py[0] == "['W', 'b']"
    assert py[1] == runner[0]
    # The seed prints W transposed (w_val.T); the runner prints W. Every
    # number is the same float32.
    py_epochs = "\n".join(py[2:]).split("After epoch ")[1:]
    runner_epochs = "\n".join(runner[1:]).split("After epoch ")[1:]
    assert len(py_epochs) == len(runner_epochs) == 10
    for p, r in zip(py_epochs, runner_epochs):
        pw, rw = p.split(", b:")[0], r.split(", b:")[0]
        assert np.array(floats(pw)[0:4]).reshape(2, 2).T.tolist() == \
            np.array(floats(rw)[0:4]).reshape(2, 2).tolist()
        assert p.split(", b:")[1] == r.split(", b:")[1]
