"""Reads a PMTiles archive with the pmtiles package: prints the header's counts and each tile
as `z/x/y <gunzipped contents>` in tile-id order, and (with --ids) the Hilbert tile id of each
z x y read from stdin."""
import gzip
import json
import sys

from pmtiles.reader import MmapSource, Reader, all_tiles, zxy_to_tileid

if sys.argv[1] == "--ids":
    for line in sys.stdin:
        z, x, y = map(int, line.split())
        print(zxy_to_tileid(z, x, y))
    sys.exit(0)

with open(sys.argv[1], "rb") as f:
    source = MmapSource(f)
    header = Reader(source).header()
    print(json.dumps({k: header[k] for k in ("addressed_tiles_count", "tile_entries_count", "tile_contents_count",
                                              "leaf_directory_length", "root_length")}))
    for (z, x, y), data in all_tiles(source):
        print(f"{z}/{x}/{y} {gzip.decompress(data).decode()}")
