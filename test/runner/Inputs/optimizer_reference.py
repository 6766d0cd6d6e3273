"""optimizer_reference.py DATA.npz LR RULE [NAME=VALUE ...] < runner output

Checks every step ngraph-runner printed ("W: [...] b: ...", after the step)
for optimize.mlir.in against the same rule computed here in float64 with
NumPy, in PyTorch's conventions (the rules of ng.optimize in
docs/dialect.md): logistic regression on the data's batches of 32, in
order. Values match to 2e-4 relative (the graph computes in float32).
Options besides the rule's hyper-parameters: exclude=b, only=b."""
import re
import sys

import numpy as np

data = np.load(sys.argv[1])
lr = float(sys.argv[2])
rule = sys.argv[3]
opts = dict(a.split("=", 1) for a in sys.argv[4:])
f = lambda k, d: float(opts.get(k, d))
# The mixture data set is laid out as the placeholders: x is [C, N].
x, t = data["x"].T.astype(np.float64), data["y"].astype(np.float64)
params = {"W": np.array([0.1, -0.2, 0.3, 0.0]), "b": np.array(0.05)}
names = ["W", "b"]
if "exclude" in opts:
    names.remove(opts["exclude"])
if "only" in opts:
    names = [opts["only"]]
state = {n: {} for n in names}
step = 0
wd = f("weight_decay", 0.01 if rule == "adamw" else 0.0)
eps = f("eps", 1e-10 if rule == "adagrad" else 1e-8)

rows = [l for l in sys.stdin if l.startswith("W:")]
NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
bad = 0
for i, line in enumerate(rows):
    X, T = x[32 * i : 32 * i + 32], t[32 * i : 32 * i + 32]
    W, b = params["W"], params["b"]
    y = 1 / (1 + np.exp(-(X @ W + b)))
    grads = {"W": X.T @ (y - T) / 32, "b": np.array(np.mean(y - T))}
    g = {n: grads[n] for n in names}
    if "clip_value" in opts:
        c = f("clip_value", 0)
        g = {n: np.clip(v, -c, c) for n, v in g.items()}
    if "clip_norm" in opts:
        c = f("clip_norm", 0)
        norm = np.sqrt(sum(np.sum(v * v) for v in g.values()))
        g = {n: v * min(1.0, c / norm) for n, v in g.items()}
    if rule != "adamw":
        g = {n: v + wd * params[n] for n, v in g.items()}
    step += 1
    for n in names:
        p, s, gn = params[n], state[n], g[n]
        if rule == "sgd":
            p = p - lr * gn
        elif rule == "momentum":
            mu = f("momentum", 0.9)
            s["v"] = mu * s.get("v", 0) + gn
            p = p - lr * (gn + mu * s["v"] if "nesterov" in opts else s["v"])
        elif rule in ("adam", "adamw"):
            b1, b2 = f("beta1", 0.9), f("beta2", 0.999)
            s["m"] = b1 * s.get("m", 0) + (1 - b1) * gn
            s["v"] = b2 * s.get("v", 0) + (1 - b2) * gn * gn
            upd = (s["m"] / (1 - b1**step)) / (np.sqrt(s["v"] / (1 - b2**step)) + eps)
            if rule == "adamw":
                upd = upd + wd * p
            p = p - lr * upd
        elif rule == "rmsprop":
            rho = f("rho", 0.9)
            s["s"] = rho * s.get("s", 0) + (1 - rho) * gn * gn
            p = p - lr * gn / (np.sqrt(s["s"]) + eps)
        elif rule == "adagrad":
            s["s"] = s.get("s", 0) + gn * gn
            p = p - lr * gn / (np.sqrt(s["s"]) + eps)
        params[n] = p
    got = [float(v) for v in NUM.findall(line.split("W:", 1)[1])]
    want = list(params["W"]) + [float(params["b"])]
    if len(got) != 5 or any(abs(a - w) > 2e-4 * max(1.0, abs(w)) for a, w in zip(got, want)):
        print(f"step {i}: got {got}, want {want}")
        bad += 1
print(f"{rule}: {len(rows)} steps, {bad} wrong")
sys.exit(1 if bad or not rows else 0)
