"""Data files for command-line.test: labels NaN, too large for int32, out of
a 3-class range; a good file; and the good file with one bit flipped."""
import sys
import numpy as np

d = sys.argv[1]
x = np.eye(3, dtype=np.float32).repeat(2, 0)
good = np.array([0, 1, 2, 0, 2, 1], np.int64)
np.savez(f'{d}/ok.npz', x=x, y=good)
np.savez(f'{d}/nanlab.npz', x=x, y=np.array([0, 1, 2, 0, np.nan, 1]))
np.savez(f'{d}/biglab.npz', x=x, y=np.array([0, 1, 2, 0, 2**31, 1], np.int64))
np.savez(f'{d}/oorlab.npz', x=x, y=np.array([0, 1, 2, 0, 3, 1], np.int64))
b = bytearray(open(f'{d}/ok.npz', 'rb').read())
i = b.find(b'\x00\x00\x80\x3f')  # the first 1.0f of x
b[i + 2] ^= 1
open(f'{d}/flip.npz', 'wb').write(bytes(b))
