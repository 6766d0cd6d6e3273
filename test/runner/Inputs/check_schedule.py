"""check_schedule.py EXPR EPOCHS BATCHES < output: each line "STEP EPOCH
VALUE" that ngraph-runner printed for a feed of EXPR + 1 (plus_one.mlir)
matches EXPR evaluated by Python at that step (float32 tolerance). EXPR is
written in the subset that Python and the runner share (** for powers)."""
import math
import sys

expr, epochs, batches = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
env = {name: getattr(math, name) for name in
       ("exp", "log", "sqrt", "sin", "cos", "floor", "ceil", "pi")}
env.update(abs=abs, min=min, max=max)
rows = [line.split() for line in sys.stdin if line.strip()]
bad = 0
for step, epoch, value in rows:
    want = eval(expr, dict(env, step=float(step), epoch=float(epoch),
                           epochs=epochs, batches=batches)) + 1
    if abs(float(value) - want) > 1e-6 * max(1.0, abs(want)):
        print(f"step {step}: got {value}, want {want}")
        bad += 1
print(f"{len(rows)} steps, {bad} wrong")
sys.exit(1 if bad or not rows else 0)
