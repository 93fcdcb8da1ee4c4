"""Independent reference for reprojection: pyproj with always_xy (lon/lat order).

Usage: transform.py SOURCE TARGET < "x y" lines; prints the transformed "x y" lines
with 17 significant digits.
"""
import sys

import numpy as np
from pyproj import Transformer


def main(source, target):
    coords = np.loadtxt(sys.stdin, ndmin=2)
    transformer = Transformer.from_crs(source, target, always_xy=True)
    xs, ys = transformer.transform(coords[:, 0], coords[:, 1])
    sys.stdout.write("".join(f"{x!r} {y!r}\n" for x, y in zip(xs.tolist(), ys.tolist())))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
