"""Decodes Mapbox Vector Tiles with mapbox-vector-tile, a reader partmap did not write.
Reads a JSON object on stdin, {"Z/X/Y": "BASE64 OF THE TILE'S BYTES", ...}, and prints
{"Z/X/Y": {"LAYER": [{"properties": {...}, "type": "Point", "lonlat": [LON, LAT]}, ...]}, ...}:
every feature of every layer, points put back in longitude/latitude (Web Mercator tile maths)."""
import base64
import json
import math
import sys

import mapbox_vector_tile


def lonlat(z, x, y, px, py, extent):
    n = 2 ** z
    lon = (x + px / extent) / n * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / extent) / n))))
    return [lon, lat]


result = {}
for key, text in json.load(sys.stdin).items():
    z, x, y = map(int, key.split("/"))
    decoded = mapbox_vector_tile.decode(base64.b64decode(text), default_options={"y_coord_down": True})
    layers = {}
    for name, layer in decoded.items():
        features = []
        for feature in layer["features"]:
            geometry = feature["geometry"]
            entry = {"properties": feature["properties"], "type": geometry["type"]}
            if geometry["type"] == "Point":
                entry["lonlat"] = lonlat(z, x, y, *geometry["coordinates"], layer["extent"])
            features.append(entry)
        layers[name] = features
    result[key] = layers
json.dump(result, sys.stdout)
