"""Reads ngraph-runner's per-epoch lines on stdin ("held-out X bits/char")
and checks that the held-out cross-entropy fell every epoch and ends below
a threshold. usage: last_bits_per_char.py MAX"""
import re
import sys

bpc = [float(m.group(1)) for m in re.finditer(r"held-out ([0-9.eE+-]+) bits/char", sys.stdin.read())]
if not bpc:
    sys.exit("no epoch lines")
falling = all(b < a for a, b in zip(bpc, bpc[1:]))
ok = falling and bpc[-1] <= float(sys.argv[1])
print("epochs %d, held-out bits/char %s, required <= %s and falling: %s"
      % (len(bpc), " ".join("%.3f" % b for b in bpc), sys.argv[1], "ok" if ok else "FAILED"))
sys.exit(0 if ok else 1)
