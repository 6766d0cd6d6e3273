#!/usr/bin/env python3
"""The peers of bench/run.sh: the same benchmarks in numpy (hand-written
forward and backward), PyTorch (eager autograd), JAX (jax.jit of the whole
step) and IREE (JAX's StableHLO export of that step, compiled for llvm-cpu).
Prints one JSON line per benchmark, like ngraph-bench.

    peers.py --framework numpy|torch|jax|iree --bench NAME [--min-time S]

Shapes and math match bench/graphs/*.mlir and examples/logreg.mlir. Thread
counts are set by the caller (environment and taskset)."""
import argparse
import json
import os
import resource
import time


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def timeit(step, min_time, warmup=3, steps=0):
    for _ in range(warmup):
        step()
    warm = rss_mb()
    times = []
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        step()
        t1 = time.perf_counter()
        times.append(t1 - t0)
        if (steps and len(times) >= steps) or (
                not steps and t1 - start >= min_time and len(times) >= 5):
            break
    s = sorted(times)
    return {"steps": len(times), "step_s": s[len(s) // 2], "step_s_min": s[0],
            "step_s_mean": sum(times) / len(times),
            "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
            "rss_warm_mb": warm, "rss_end_mb": rss_mb()}


MLP = {"mlp_large": ([784, 1024, 1024, 10], 256),
       "mlp_small": ([64, 256, 256, 10], 64)}
LR = 0.01

# The Fashion-MNIST LeNet of examples/fashion_cnn.mlir (batch 64, Adam) and
# its convolution layers (bench/graphs/cnn/layers.json), in the peers' own
# layout: NCHW images, OIHW filters.
CNN_BATCH = 64
ADAM = (0.001, 0.9, 0.999, 1e-8)


def conv_layer(name):
    """(layer dict, pass) for conv1_fwd, conv2_dgrad, ...; else None."""
    if not name.startswith("conv") or "_" not in name:
        return None
    layer, kind = name.split("_", 1)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "graphs", "cnn", "layers.json")
    with open(path) as f:
        return json.load(f)[layer], kind


def shape(name):
    """One MLP contraction of bench/graphs/shapes/shapes.json, or None."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "graphs", "shapes", "shapes.json")
    with open(path) as f:
        return next((c for c in json.load(f) if c["name"] == name), None)


def numpy_bench(name):
    import numpy as np
    rng = np.random.default_rng(0)
    c = shape(name)
    if c:
        # The products of the numpy MLP step below, in its batch-major
        # layout: x @ W, dz @ W.T, x.T @ dz, into preallocated outputs.
        i, o, n = c["i"], c["o"], c["batch"]
        r = lambda *s: rng.random(s, dtype=np.float32)
        a, b, out = {"fwd": (r(n, i), r(i, o), np.empty((n, o), np.float32)),
                     "dx": (r(n, o), r(i, o).T, np.empty((n, i), np.float32)),
                     "dw": (r(n, i).T, r(n, o), np.empty((i, o), np.float32))}[c["kind"]]
        return lambda: np.matmul(a, b, out=out)
    if name.startswith("matmul"):
        n = int(name[6:])
        a = rng.random((n, n), dtype=np.float32)
        b = rng.random((n, n), dtype=np.float32)
        c = np.empty((n, n), np.float32)
        return lambda: np.matmul(a, b, out=c)
    if name == "logreg":
        # The seed's update_fun: sigmoid(W.X), binary cross-entropy, SGD.
        x = rng.random((128, 4), dtype=np.float32)
        y = (rng.random(128) > 0.5).astype(np.float32)
        w = np.zeros(4, np.float32)
        alpha = np.float32(0.5)

        def step():
            nonlocal w
            p = 1.0 / (1.0 + np.exp(-(x @ w)))
            loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
            grad = x.T @ (p - y) / 128
            w = w - alpha * grad / 128
            return loss
        return step
    sizes, batch = MLP[name]
    x = rng.random((batch, sizes[0]), dtype=np.float32)
    t = rng.random((batch, sizes[-1]), dtype=np.float32)
    Ws = [rng.standard_normal((a, b), dtype=np.float32) * np.float32((2 / a) ** .5)
          for a, b in zip(sizes, sizes[1:])]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    lr = np.float32(LR)

    def step():
        hs, zs = [x], []
        for i, (W, b) in enumerate(zip(Ws, bs)):
            z = hs[-1] @ W
            z += b
            zs.append(z)
            if i < len(Ws) - 1:
                hs.append(np.maximum(z, 0))
        z = zs[-1]
        e = np.exp(z - z.max(axis=1, keepdims=True))
        y = e / e.sum(axis=1, keepdims=True)
        loss = -np.sum(t * np.log(y)) / batch
        d = (y * t.sum(axis=1, keepdims=True) - t) / batch
        for i in reversed(range(len(Ws))):
            gW = hs[i].T @ d
            gb = d.sum(axis=0)
            if i:
                d = (d @ Ws[i].T) * (zs[i - 1] > 0)
            Ws[i] -= lr * gW
            bs[i] -= lr * gb
        return loss
    return step


def torch_cnn(name):
    import torch
    import torch.nn.functional as F
    torch.manual_seed(0)
    layer = conv_layer(name)
    if layer:
        L, kind = layer
        x = torch.rand(L["N"], L["C"], L["H"], L["H"])
        w = torch.randn(L["K"], L["C"], L["R"], L["R"]) * 0.1
        dy = torch.rand(L["N"], L["K"], L["P"], L["P"])
        pad = L["pad"]
        if kind == "fwd":
            return lambda: F.conv2d(x, w, padding=pad)
        if kind == "dgrad":
            return lambda: torch.nn.grad.conv2d_input(x.shape, w, dy, padding=pad)
        return lambda: torch.nn.grad.conv2d_weight(x, w.shape, dy, padding=pad)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(32 * 7 * 7, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10))
    lr, b1, b2, eps = ADAM
    opt = torch.optim.Adam(model.parameters(), lr=lr, betas=(b1, b2), eps=eps)
    x = torch.rand(CNN_BATCH, 1, 28, 28)
    y = torch.randint(0, 10, (CNN_BATCH,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss
    return step


def torch_bench(name):
    import torch
    torch.manual_seed(0)
    if name == "lstm_step":
        return torch_lstm()
    if name.startswith("cnn") or conv_layer(name):
        return torch_cnn(name)
    if name.startswith("matmul"):
        n = int(name[6:])
        a, b = torch.rand(n, n), torch.rand(n, n)
        c = torch.empty(n, n)
        return lambda: torch.matmul(a, b, out=c)
    if name == "logreg":
        x = torch.rand(128, 4)
        y = (torch.rand(128) > 0.5).float()
        w = torch.zeros(4, requires_grad=True)

        def step():
            p = torch.sigmoid(x @ w)
            loss = torch.nn.functional.binary_cross_entropy(p, y)
            loss.backward()
            with torch.no_grad():
                w.sub_(0.5 * w.grad / 128)
                w.grad = None
            return loss
        return step
    sizes, batch = MLP[name]
    x = torch.rand(batch, sizes[0])
    t = torch.rand(batch, sizes[-1])
    params = []
    for a, b in zip(sizes, sizes[1:]):
        params.append((torch.randn(a, b) * (2 / a) ** .5).requires_grad_())
        params.append(torch.zeros(b, requires_grad=True))

    def step():
        h = x
        for i in range(0, len(params), 2):
            h = torch.addmm(params[i + 1], h, params[i])
            if i + 2 < len(params):
                h = torch.relu(h)
        loss = -(t * torch.log_softmax(h, dim=1)).sum() / batch
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.sub_(LR * p.grad)
                p.grad = None
        return loss
    return step


# One LSTM layer's training step (bench/graphs/lstm/lstm_step.mlir): input
# F, hidden H, batch N, T steps from zero states, loss 0.5 * sum(h^2) / N
# over every step's output, SGD.
LSTM = dict(T=64, F=256, H=256, N=32, lr=0.01)


def torch_lstm():
    import torch
    T, F, H, N = (LSTM[k] for k in "TFHN")
    lstm = torch.nn.LSTM(F, H)  # oneDNN / native kernels; input (T, N, F)
    x = torch.rand(T, N, F)
    opt = torch.optim.SGD(lstm.parameters(), lr=LSTM["lr"])

    def step():
        opt.zero_grad(set_to_none=True)
        hs, _ = lstm(x)
        loss = 0.5 * (hs * hs).sum() / N
        loss.backward()
        opt.step()
        return loss
    return step


def jax_lstm():
    import jax
    import jax.numpy as jnp
    T, F, H, N = (LSTM[k] for k in "TFHN")
    k1, k2, k3 = jax.random.split(jax.random.PRNGKey(0), 3)
    params = [jax.random.uniform(k1, (F, 4 * H), minval=-0.0625, maxval=0.0625),
              jax.random.uniform(k2, (H, 4 * H), minval=-0.0625, maxval=0.0625),
              jnp.zeros(4 * H)]
    x = jax.random.uniform(k3, (T, N, F))

    def loss_fn(p, x):
        wx, wh, b = p
        zx = jnp.einsum("tnf,fz->tnz", x, wx) + b

        def cell(carry, z):
            h, c = carry
            z = z + h @ wh
            i, f, g, o = jnp.split(z, 4, axis=-1)
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
            h = jax.nn.sigmoid(o) * jnp.tanh(c)
            return (h, c), h
        zero = jnp.zeros((N, H))
        _, hs = jax.lax.scan(cell, (zero, zero), zx)
        return 0.5 * jnp.sum(hs * hs) / N

    def update(wx, wh, b, x):
        loss, g = jax.value_and_grad(loss_fn)([wx, wh, b], x)
        return [w - LSTM["lr"] * gw for w, gw in zip([wx, wh, b], g)] + [loss]
    return update, params, [x]


def jax_cnn(name):
    import jax
    import jax.numpy as jnp
    key = jax.random.PRNGKey(0)
    # XLA's and IREE's CPU convolutions want channels last.
    dn = ("NHWC", "HWIO", "NHWC")

    def conv(x, w, pad):
        return jax.lax.conv_general_dilated(x, w, (1, 1), [(pad, pad)] * 2,
                                            dimension_numbers=dn)
    layer = conv_layer(name)
    if layer:
        L, kind = layer
        x = jax.random.uniform(key, (L["N"], L["H"], L["H"], L["C"]))
        w = jax.random.normal(jax.random.PRNGKey(1), (L["R"], L["R"], L["C"], L["K"])) * 0.1
        dy = jax.random.uniform(jax.random.PRNGKey(2), (L["N"], L["P"], L["P"], L["K"]))
        pad = L["pad"]
        if kind == "fwd":
            return (lambda x, w: (conv(x, w, pad),)), [], [x, w]
        if kind == "dgrad":
            def dgrad(w, dy):
                _, vjp = jax.vjp(lambda x: conv(x, w, pad), x)
                return vjp(dy)
            return dgrad, [], [w, dy]

        def wgrad(x, dy):
            _, vjp = jax.vjp(lambda w: conv(x, w, pad), w)
            return vjp(dy)
        return wgrad, [], [x, dy]

    def pool(h):
        return jax.lax.reduce_window(h, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")

    shapes = [(5, 5, 1, 16), (16,), (5, 5, 16, 32), (32,), (32 * 7 * 7, 128), (128,), (128, 10), (10,)]
    params = [jax.random.normal(jax.random.PRNGKey(i + 3), s) * 0.05 for i, s in enumerate(shapes)]
    x = jax.random.uniform(key, (CNN_BATCH, 28, 28, 1))
    y = jax.nn.one_hot(jax.random.randint(jax.random.PRNGKey(1), (CNN_BATCH,), 0, 10), 10)
    lr, b1, b2, eps = ADAM
    n = len(shapes)

    def adam_step(*args):
        ps, ms, vs, t = list(args[:n]), list(args[n:2 * n]), list(args[2 * n:3 * n]), args[3 * n]
        x, y = args[3 * n + 1], args[3 * n + 2]

        def loss_fn(ps):
            w1, b1_, w2, b2_, w3, b3, w4, b4 = ps
            h = pool(jax.nn.relu(conv(x, w1, 2) + b1_))
            h = pool(jax.nn.relu(conv(h, w2, 2) + b2_))
            h = jax.nn.relu(h.reshape(CNN_BATCH, -1) @ w3 + b3)
            z = h @ w4 + b4
            return -(y * jax.nn.log_softmax(z, axis=1)).sum() / CNN_BATCH
        loss, g = jax.value_and_grad(loss_fn)(ps)
        t = t + 1
        ms = [b1 * m + (1 - b1) * gi for m, gi in zip(ms, g)]
        vs = [b2 * v + (1 - b2) * gi * gi for v, gi in zip(vs, g)]
        lr_t = lr * jnp.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        ps = [p - lr_t * m / (jnp.sqrt(v) + eps) for p, m, v in zip(ps, ms, vs)]
        return (*ps, *ms, *vs, t, loss)
    # Every state array its own buffer (the step donates them).
    ms = [jnp.zeros(s) for s in shapes]
    vs = [jnp.zeros(s) for s in shapes]
    return adam_step, params + ms + vs + [jnp.zeros(())], [x, y]


def jax_program(name):
    if name == "lstm_step":
        return jax_lstm()
    """The benchmark as one pure JAX function and its arguments:
    f(*state, *consts) returns the new state followed by the outputs; the
    state (weights) is fed back on every call."""
    import jax
    import jax.numpy as jnp
    if name.startswith("cnn") or conv_layer(name):
        return jax_cnn(name)
    key = jax.random.PRNGKey(0)
    if name.startswith("matmul"):
        n = int(name[6:])
        a = jax.random.uniform(key, (n, n), jnp.float32)
        b = jax.random.uniform(jax.random.PRNGKey(1), (n, n), jnp.float32)
        return (lambda a, b: (a @ b,)), [], [a, b]
    if name == "logreg":
        x = jax.random.uniform(key, (128, 4))
        y = (jax.random.uniform(jax.random.PRNGKey(1), (128,)) > 0.5).astype(jnp.float32)

        def update(w, x, y):
            def loss_fn(w):
                p = jax.nn.sigmoid(x @ w)
                return -jnp.mean(y * jnp.log(p) + (1 - y) * jnp.log(1 - p))
            loss, g = jax.value_and_grad(loss_fn)(w)
            return w - 0.5 * g / 128, loss
        return update, [jnp.zeros(4)], [x, y]
    sizes, batch = MLP[name]
    x = jax.random.uniform(key, (batch, sizes[0]))
    t = jax.random.uniform(jax.random.PRNGKey(1), (batch, sizes[-1]))
    params = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        params.append(jax.random.normal(jax.random.PRNGKey(i + 2), (a, b)) * (2 / a) ** .5)
        params.append(jnp.zeros(b))

    def sgd(*args):
        ps, x, t = list(args[:-2]), args[-2], args[-1]

        def loss_fn(ps):
            h = x
            for i in range(0, len(ps), 2):
                h = h @ ps[i] + ps[i + 1]
                if i + 2 < len(ps):
                    h = jax.nn.relu(h)
            return -(t * jax.nn.log_softmax(h, axis=1)).sum() / batch
        loss, g = jax.value_and_grad(loss_fn)(ps)
        return (*[p - LR * gp for p, gp in zip(ps, g)], loss)
    return sgd, params, [x, t]


def jax_bench(name):
    import jax
    f, state, consts = jax_program(name)
    n = len(state)
    fn = jax.jit(f, donate_argnums=tuple(range(n)))
    box = {"state": state}

    def step():
        outs = fn(*box["state"], *consts)
        box["state"] = list(outs[:n])
        outs[-1].block_until_ready()
    return step


def iree_bench(name):
    """JAX's StableHLO export of the same function, compiled by IREE for
    llvm-cpu with this CPU's features, data tiling and microkernels, run on
    the single-threaded local-sync driver; inputs live on the device."""
    import jax
    import numpy as np
    import iree.compiler as ic
    import iree.runtime as rt
    f, state, consts = jax_program(name)
    n = len(state)
    text = jax.jit(f).lower(*state, *consts).as_text(dialect="stablehlo")
    vmfb = ic.compile_str(text, input_type="stablehlo",
                          target_backends=["llvm-cpu"],
                          extra_args=["--iree-llvmcpu-target-cpu=host",
                                      "--iree-opt-data-tiling=true",
                                      "--iree-llvmcpu-enable-ukernels=all",
                                      # The CNN step's backward dispatches keep
                                      # more than the 32 KiB default on the stack.
                                      "--iree-llvmcpu-stack-allocation-limit=1048576"])
    config = rt.Config("local-sync")
    ctx = rt.SystemContext(config=config)
    module = rt.VmModule.copy_buffer(config.vm_instance, vmfb)
    ctx.add_vm_module(module)
    fn = getattr(ctx.modules, module.name)["main"]
    put = lambda a: rt.asdevicearray(config.device, np.asarray(a))
    box = {"state": [put(a) for a in state]}
    dev_consts = [put(a) for a in consts]

    def step():
        outs = fn(*box["state"], *dev_consts)
        if not isinstance(outs, (list, tuple)):
            outs = [outs]
        box["state"] = list(outs[:n])
    return step


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framework", required=True, choices=["numpy", "torch", "jax", "iree"])
    ap.add_argument("--bench", required=True)
    ap.add_argument("--label", default="")
    ap.add_argument("--min-time", type=float, default=1.0)
    ap.add_argument("--steps", type=int, default=0)
    a = ap.parse_args()
    if a.framework == "torch":
        import torch
        torch.set_num_threads(int(__import__("os").environ.get("OMP_NUM_THREADS", "1")))
    t0 = time.perf_counter()
    step = {"numpy": numpy_bench, "torch": torch_bench, "jax": jax_bench,
            "iree": iree_bench}[a.framework](a.bench)
    step()  # first call compiles (jax) or warms caches
    setup = time.perf_counter() - t0
    r = timeit(step, a.min_time, steps=a.steps)
    if a.framework == "iree":
        from importlib.metadata import version as dist_version
        version = dist_version("iree-base-compiler")
    else:
        version = __import__(a.framework).__version__
    r.update({"label": a.label or f"{a.framework} {version}", "bench": a.bench,
              "compile_s": setup, "version": version})
    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
