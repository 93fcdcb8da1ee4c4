"""Reads a published partmap site with readers partmap did not write: the pmtiles package for the
archive, Python's sqlite3 for the MBTiles file, mapbox-vector-tile for every tile of tiles/, and gzip
for the archives' tiles. Prints one JSON document: the archive's header and metadata, whether each
tile of either archive equals its tile in tiles/, and every decoded feature with its position back
in longitude/latitude."""
import gzip
import json
import math
import os
import sqlite3
import sys

import mapbox_vector_tile
from pmtiles.reader import MmapSource, Reader, all_tiles

site = sys.argv[1]
result = {}

with open(os.path.join(site, "projects.pmtiles"), "rb") as f:
    source = MmapSource(f)
    reader = Reader(source)
    header = reader.header()
    result["header"] = {k: (v.name if hasattr(v, "name") else v) for k, v in header.items()}
    result["metadata"] = reader.metadata()
    archive = {}
    for (z, x, y), data in all_tiles(source):
        archive[f"{z}/{x}/{y}"] = gzip.decompress(data)

directory = {}
root = os.path.join(site, "tiles")
for dirpath, _, files in os.walk(root):
    for name in files:
        z, x = os.path.relpath(dirpath, root).split(os.sep)
        with open(os.path.join(dirpath, name), "rb") as f:
            directory[f"{z}/{x}/{name[:-4]}"] = f.read()

# MBTiles 1.3: rows in TMS order (y counted from the south), tile data gzipped.
mbtiles = {}
connection = sqlite3.connect(f"file:{os.path.join(site, 'projects.mbtiles')}?mode=ro", uri=True)
for z, x, row, data in connection.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
    mbtiles[f"{z}/{x}/{(1 << z) - 1 - row}"] = gzip.decompress(data)
connection.close()

result["mbtiles_tiles"] = len(mbtiles)
result["mbtiles_equals_directory"] = mbtiles == directory
result["archive_tiles"] = len(archive)
result["directory_tiles"] = len(directory)
result["archive_equals_directory"] = archive == directory


def lonlat(z, x, y, px, py, extent):
    n = 2 ** z
    lon = (x + px / extent) / n * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / extent) / n))))
    return [lon, lat]


tiles = {}
for key, data in sorted(directory.items()):
    z, x, y = map(int, key.split("/"))
    decoded = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})
    layers = {}
    for name, layer in decoded.items():
        extent = layer["extent"]
        features = []
        for feature in layer["features"]:
            geometry = feature["geometry"]
            entry = {"properties": feature["properties"], "type": geometry["type"], "id": feature.get("id")}
            if geometry["type"] == "Point":
                entry["lonlat"] = lonlat(z, x, y, *geometry["coordinates"], extent)
            features.append(entry)
        layers[name] = {"extent": extent, "features": features}
    tiles[key] = {"bytes": len(data), "layers": layers}
result["tiles"] = tiles
json.dump(result, sys.stdout)
