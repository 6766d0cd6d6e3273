"""check_best.py RUN_OUTPUT RESUMED_OUTPUT PATIENCE: the run stopped PATIENCE
epochs after its best epoch B, B's printed accuracy is the best printed, and
training resumed from the --keep-best checkpoint starts from B's weights
(its first evaluation, printed by --print-start, equals B's accuracy) at
epoch B + 1."""
import re
import sys

run = open(sys.argv[1]).read()
resumed = open(sys.argv[2]).read()
patience = int(sys.argv[3])
acc = {int(e): float(a) for e, a in re.findall(r"^epoch (\d+): .*test accuracy (\S+)$", run, re.M)}
stop = re.search(r"early stopping after epoch (\d+): eval1 has not improved for (\d+) epochs \(best (\S+) after epoch (\d+)\)", run)
start = re.search(r"^start (\S+)$", resumed, re.M)
first = re.search(r"^epoch (\d+):", resumed, re.M)
if not stop or not start or not first:
    sys.exit("missing lines: " + repr((stop, start, first)))
e, n, best, b = int(stop[1]), int(stop[2]), float(stop[3]), int(stop[4])
checks = {
    "stopped PATIENCE epochs after the best": e - b == patience == n and max(acc) == e,
    "the best epoch's accuracy is the best": acc[b] == best == max(acc.values()),
    "no earlier epoch reached it": all(acc[i] < best for i in acc if i < b),
    "the checkpoint has the best weights": float(start[1]) == best,
    "resuming continues after the best epoch": int(first[1]) == b + 1,
}
for what, ok in checks.items():
    print(("ok: " if ok else "FAILED: ") + what)
sys.exit(0 if all(checks.values()) else 1)
