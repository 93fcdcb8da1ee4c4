#!/usr/bin/env python3
"""Writes N synthetic participation projects as GeoJSON to stdout, streamed.

Each is a full valid record (precision exact, visibility public) at a uniform random point:
longitude in [-180, 180), latitude in [-85, 85), from a fixed seed so every run is the same.
Usage: Tools/gen_projects.py N [--seed S] [--csv] > projects.geojson
"""
import argparse
import json
import random
import sys

LEVELS = ["consultation", "collaboration", "coProduction", "led"]
GROUPS = ["children", "youngPeople", "adultSurvivors", "parentsCarers"]
SECTORS = ["government", "privateSector", "civilSociety", "intergovernmental", "academia"]
PURPOSES = ["research", "policy", "advocacy", "programmeDesign", "governance", "campaign",
            "technologyDesign", "supportServices"]


def record(rng, index):
    lon = rng.uniform(-180, 180)
    lat = rng.uniform(-85, 85)
    start = rng.randint(2000, 2025)
    return index, lon, lat, {
        "title": f"Synthetic participation project {index}",
        "organisation": f"Organisation {rng.randint(1, 5000)}",
        "description": "A generated record for benchmarks: young people and survivors shape the work.",
        "initiative": f"initiative-{rng.randint(1, 20000)}",
        "participationLevel": rng.choice(LEVELS),
        "participantGroups": rng.sample(GROUPS, rng.randint(1, 2)),
        "sector": rng.choice(SECTORS),
        "purposes": rng.sample(PURPOSES, rng.randint(1, 3)),
        "countries": [],
        "startYear": start,
        "endYear": start + rng.randint(0, 3),
        "locationPrecision": "exact",
        "visibility": "public",
        "sources": ["synthetic"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--csv", action="store_true", help="write CSV instead of GeoJSON")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    if args.csv:
        columns = ["id", "title", "organisation", "description", "initiative", "participationLevel",
                   "participantGroups", "sector", "purposes", "countries", "startYear", "endYear",
                   "locationPrecision", "visibility", "sources", "lon", "lat"]
        out.write(",".join(columns) + "\n")
        for i in range(args.count):
            index, lon, lat, p = record(rng, i)
            cells = {"id": f"p{index:07d}", "lon": repr(lon), "lat": repr(lat), **p}
            out.write(",".join(";".join(v) if isinstance(v, list) else str(v) for v in (cells[c] for c in columns)) + "\n")
        return
    out.write('{"type":"FeatureCollection","features":[\n')
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for i in range(args.count):
        index, lon, lat, p = record(rng, i)
        feature = {"type": "Feature", "id": f"p{index:07d}",
                   "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": p}
        out.write(("" if i == 0 else ",\n") + dumps(feature))
    out.write("\n]}\n")


if __name__ == "__main__":
    main()
