#!/usr/bin/env python3
"""Prints bench/run.sh's table from its JSON lines: per benchmark, each
system's time per step, GFLOP/s (matmuls and MLPs), steps/s, compile or setup
time, peak RSS, and the ratio of ngraph's speed to each peer's."""
import argparse
import json
import os

FLOPS = {"matmul1024": 2 * 1024 ** 3, "matmul2048": 2 * 2048 ** 3}


def mlp_flops(sizes, batch):
    # forward 2*B*in*out per layer; backward dW for every layer and dX for
    # all but the first: 2 more (or 1 more) per layer.
    f = 0
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        f += 2 * batch * a * b * (3 if i else 2)
    return f


FLOPS["mlp_large"] = mlp_flops([784, 1024, 1024, 10], 256)
FLOPS["mlp_small"] = mlp_flops([64, 256, 256, 10], 64)
FLOPS["mlp_large_opt"], FLOPS["mlp_small_opt"] = FLOPS["mlp_large"], FLOPS["mlp_small"]
# Each contraction of the MLP steps (bench/gen_graphs.py).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "graphs", "shapes", "shapes.json")) as f:
    SHAPES = json.load(f)
for c in SHAPES:
    FLOPS[c["name"]] = 2 * c["i"] * c["o"] * c["batch"]
# The Fashion-MNIST LeNet's convolution layers (forward, data and filter
# gradient: the same multiply-adds) and its training step (conv1's data
# gradient is not needed: its input is the data).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "graphs", "cnn", "layers.json")) as f:
    LAYERS = json.load(f)
for name, layer in LAYERS.items():
    for kind in ["fwd", "dgrad", "wgrad"]:
        FLOPS[f"{name}_{kind}"] = layer["flops"]
FLOPS["cnn_step"] = (2 * LAYERS["conv1"]["flops"] + 3 * LAYERS["conv2"]["flops"] +
                     mlp_flops([32 * 7 * 7, 128, 10], LAYERS["conv1"]["N"]) +
                     2 * LAYERS["conv1"]["N"] * 32 * 7 * 7 * 128)
# The LSTM step (bench/graphs/lstm/gen_lstm.py): the input projection for
# all steps, per step the recurrent product (forward, its data gradient and
# its weight gradient), and the input projection's two gradients. Our
# backward recomputes each step's product once more (not counted).
_T, _F, _H, _N = 64, 256, 256, 32
FLOPS["lstm_step"] = 3 * 2 * _T * _N * _F * 4 * _H + 3 * 2 * _T * _N * _H * 4 * _H


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl")
    ap.add_argument("--threads", default="1")
    a = ap.parse_args()
    lines = [json.loads(l) for l in open(a.jsonl) if l.strip()]
    peaks = [r for r in lines if r.get("bench") == "fma_peak"]
    # Each system's best round per benchmark.
    best_of = {}
    for r in (r for r in lines if r.get("bench") not in ("fma_peak", "start_mlp_large")):
        key = (r["bench"], r["label"])
        if key not in best_of or r["step_s"] < best_of[key]["step_s"]:
            best_of[key] = r
    rows = list(best_of.values())
    shape_names = [c["name"] for c in SHAPES]
    benches = []
    for r in rows:
        if r["bench"] not in benches and r["bench"] not in shape_names:
            benches.append(r["bench"])
    print(f"threads: {a.threads}; time = median per step in the best round; ratio = peer time / ngraph time (>1: ngraph faster); %peak = GFLOP/s against one core's FMA peak")
    tgt = next((r for r in lines if r.get("label") == "ngraph" and "target_cpu" in r), None)
    if tgt:
        print(f"ngraph target: {tgt['target']} (LLVM CPU {tgt['target_cpu']}, {tgt['vector_bits']}-bit vectors)")
    if peaks:
        print("one core's FMA peak (" + peaks[0]["isa"] + "): " +
              ", ".join(f"{p['fma_peak_gflops']} GFLOP/s ({p['when']})" for p in peaks))
    peak = max((p["fma_peak_gflops"] for p in peaks), default=0)
    hdr = f"{'benchmark':<11} {'system':<18} {'time/step':>11} {'GFLOP/s':>8} {'%peak':>6} {'steps/s':>9} {'compile':>8} {'peak RSS':>9} {'ratio':>7}"
    if benches:
        print(hdr)
        print("-" * len(hdr))
    for b in benches:
        rs = [r for r in rows if r["bench"] == b and "10k" not in r["label"]]
        ours = next((r for r in rs if r["label"] == "ngraph"), None)
        best = None
        for r in rs:
            t = r["step_s"]
            gf = FLOPS.get(b, 0) / t / 1e9 if b in FLOPS else float("nan")
            unit = f"{t * 1e3:8.3f} ms" if t >= 1e-3 else f"{t * 1e6:8.2f} us"
            ratio = (t / ours["step_s"]) if ours and r is not ours else float("nan")
            pct = 100 * gf / peak if peak else float("nan")
            print(f"{b:<11} {r['label']:<18} {unit:>11} {gf:8.1f} {pct:6.1f} {1 / t:9.1f} {r['compile_s']:7.2f}s {r['rss_peak_mb']:7.0f}MB {ratio:7.2f}")
            if not r["label"].startswith("ngraph") and (best is None or t < best["step_s"]):
                best = r
        if ours and best:
            print(f"{'':<11} {'-> vs best peer':<18} {best['label']}: {best['step_s'] / ours['step_s']:.2f}x")
        hand = next((r for r in rows if r["bench"] == b[:-4] and r["label"] == "ngraph"), None)
        if ours and hand and b.endswith("_opt"):
            print(f"{'':<11} {'-> ng.optimize':<18} hand-written step / this step: "
                  f"{hand['step_s'] / ours['step_s']:.2f}x (1.00: as fast)")
        py = next((r for r in rs if r["label"] == "ngraph (Python)"), None)
        numpys = [r for r in rs if r["label"].startswith("numpy")]
        if py and numpys:
            n = min(numpys, key=lambda r: r["step_s"])
            ratio = n["step_s"] / py["step_s"]
            print(f"{'':<11} {'-> Python call':<18} {n['label']} step / ngraph step called from Python: "
                  f"{ratio:.2f}x ({'meets' if ratio >= 5 else 'below'} the 5x target)")
        torch = [r for r in rs if r["label"].startswith("torch")]
        if ours and best and b == "lstm_step":
            print(f"{'':<11} {'-> target':<18} at least as fast as the best peer: "
                  f"{'met' if best['step_s'] >= ours['step_s'] else 'not met'}")
        if ours and torch and b.startswith("conv"):
            t = min(torch, key=lambda r: r["step_s"])
            ratio = t["step_s"] / ours["step_s"]
            print(f"{'':<11} {'-> vs PyTorch':<18} {t['label']}: {ratio:.2f}x "
                  f"({'meets' if ratio >= 0.9 else 'below'} the 0.9x target)")
    # The MLP steps' contractions, one line each: ours against the faster
    # numpy of the run.
    shown = [c for c in SHAPES if any(r["bench"] == c["name"] for r in rows)]
    if shown:
        print(f"\nMLP contractions (M x N x K; ours as autodiff lays them out, numpy batch-major)")
        print(f"{'contraction':<12} {'M x N x K':>16} {'ngraph':>10} {'numpy':>10} {'GFLOP/s':>8} {'numpy':>7} {'ratio':>6}")
        worst = None
        for c in shown:
            rs = [r for r in rows if r["bench"] == c["name"]]
            ours = next((r for r in rs if r["label"] == "ngraph"), None)
            peers = [r for r in rs if r["label"].startswith("numpy")]
            if not ours or not peers:
                continue
            best = min(peers, key=lambda r: r["step_s"])
            mnk = c["mnk"]
            f = FLOPS[c["name"]]
            ratio = best["step_s"] / ours["step_s"]
            fmt = lambda t: f"{t * 1e3:7.3f} ms"
            print(f"{c['name']:<12} {'x'.join(map(str, mnk)):>16} {fmt(ours['step_s']):>10} {fmt(best['step_s']):>10} "
                  f"{f / ours['step_s'] / 1e9:8.1f} {f / best['step_s'] / 1e9:7.1f} {ratio:6.2f}")
            if worst is None or ratio < worst[1]:
                worst = (c["name"], ratio)
        if worst:
            print(f"lowest ratio: {worst[0]} {worst[1]:.2f}x numpy")
    # Process start: best round per system; ratios against the best numpy.
    starts = {}
    for r in lines:
        if r.get("bench") == "start_mlp_large":
            best = starts.get(r["label"])
            if best is None or r["wall_s"] < best["wall_s"]:
                starts[r["label"]] = r
    if starts:
        numpys = [r for l, r in starts.items() if l.startswith("numpy")]
        ref = min(numpys, key=lambda r: r["wall_s"]) if numpys else None
        print("\nStarting a process that runs the large MLP's step 20 times (whole process)")
        print(f"{'system':<24} {'wall':>8} {'peak RSS':>9} {'time vs numpy':>14} {'RSS vs numpy':>13}")
        for label, r in sorted(starts.items()):
            line = f"{label:<24} {r['wall_s']:7.2f}s {r['rss_peak_mb']:7.0f}MB"
            if ref and not label.startswith("numpy"):
                line += f" {ref['wall_s'] / r['wall_s']:13.2f}x {r['rss_peak_mb'] / ref['rss_peak_mb']:12.2f}x"
            print(line)
        if ref:
            print(f"(time: numpy's wall time over ours, above 1 is faster; RSS: ours over numpy's {ref['label']}, "
                  "at most 1 meets the target)")
    for r in rows:
        if "10k" in r["label"]:
            print(f"\n{r['bench']} over {r['steps']} steps: RSS {r['rss_warm_mb']:.1f} MB after warm-up, "
                  f"{r['rss_end_mb']:.1f} MB at the end (peak {r['rss_peak_mb']:.1f} MB)")


if __name__ == "__main__":
    main()
