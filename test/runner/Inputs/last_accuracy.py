"""Reads ngraph-runner's per-epoch lines on stdin and checks the last
epoch's "test accuracy X" against a threshold. usage: last_accuracy.py MIN"""
import re
import sys

lines = [l for l in sys.stdin.read().splitlines() if "test accuracy" in l]
if not lines:
    sys.exit("no epoch lines")
acc = float(re.search(r"test accuracy ([0-9.eE+-]+)", lines[-1]).group(1))
print("epochs %d, final test accuracy %.4f, required %s: %s"
      % (len(lines), acc, sys.argv[1], "ok" if acc >= float(sys.argv[1]) else "TOO LOW"))
sys.exit(0 if acc >= float(sys.argv[1]) else 1)
