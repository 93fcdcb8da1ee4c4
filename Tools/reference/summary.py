"""Counts the public projects of a GeoJSON file of partmap records per area and participation
level, from the records, the UN M49 table and the country polygons alone: an independent count
for partmap's summaries.

A public project is placed where the public may see it: precision `none` under "No location"
(code null); `city` and `country` in the areas of its main country (the first of `countries`);
`exact` in the country whose polygon holds its point (the smallest such polygon), read with
shapely. Internal projects are left out. With --initiatives, the records that share an
`initiative` count once per row; a record without one counts as its own.

Usage: summary.py PROJECTS.geojson M49.csv COUNTRIES.geojson KEY[,KEY...] [--initiatives]
KEY: region | subregion | country | level. Prints one JSON document: {"total": N, "rows":
[{"keys": [CODE_OR_LEVEL, ...], "count": N}, ...]} with rows in no particular order.
"""
import csv
import json
import sys

from shapely import make_valid
from shapely.geometry import Point, shape

projects_path, m49_path, countries_path, keys = sys.argv[1:5]
keys = keys.split(",")
initiatives = "--initiatives" in sys.argv[5:]

with open(m49_path, encoding="utf-8") as f:
    m49 = {row["iso2"]: row for row in csv.DictReader(f)}
with open(projects_path, encoding="utf-8") as f:
    features = json.load(f)["features"]

polygons = None


def country_of(point):
    global polygons
    if polygons is None:
        with open(countries_path, encoding="utf-8") as f:
            polygons = [(feature["properties"], make_valid(shape(feature["geometry"]))) for feature in json.load(f)["features"]]
    holding = [(geometry.area, properties) for properties, geometry in polygons if geometry.covers(point)]
    if not holding:
        sys.exit(f"no country holds {point}")
    properties = min(holding, key=lambda pair: pair[0])[1]
    if not properties.get("iso_a2") or properties["iso_a2"] == "-99":
        sys.exit(f"no alpha-2 code in {properties}")
    return properties["iso_a2"]


def value(key, record, country):
    if key == "level":
        return record["participationLevel"]
    if country is None:
        return None
    row = m49[country]
    code = {"region": "region_code", "subregion": "subregion_code", "country": "iso2"}[key]
    if key == "country":
        return row[code]
    return row[code].zfill(3) if row[code] else None


groups = {}
total = set()
for feature in features:
    record = feature["properties"]
    if record["visibility"] != "public":
        continue
    precision = record["locationPrecision"]
    if precision == "none":
        country = None
    elif precision == "exact":
        country = country_of(Point(feature["geometry"]["coordinates"]))
    else:
        country = record["countries"][0]
    row = tuple(value(key, record, country) for key in keys)
    unit = ("project", str(feature["id"]))
    if initiatives and record.get("initiative"):
        unit = ("initiative", record["initiative"])
    groups.setdefault(row, set()).add(unit)
    total.add(unit)

json.dump({"total": len(total), "rows": [{"keys": list(row), "count": len(units)} for row, units in groups.items()]}, sys.stdout)
