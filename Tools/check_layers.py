#!/usr/bin/env python3
"""Checks the layers of docs/ARCHITECTURE.md ("Modules"): every target under Sources/ imports only
the partmap modules below it, and only the two wrappers and the zlib wrapper import C.

    GeoJSON, CGEOS, CPROJ, CZlib              the bottom: nothing of partmap
    GEOSKit, PROJKit                          over their C library (and GeoJSON)
    Regions, then Participation
    Clustering, Tiles                         take arrays: GeoJSON (Clustering's hulls through GEOSKit)
    Store, PostGISStore                       then Publishing, then Server
    partmap                                   the command line, on top

C is imported by GEOSKit (CGEOS), PROJKit (CPROJ) and Tiles/Gzip.swift (CZlib) and nowhere else.
Modules that are not partmap's (Foundation, GRDB, Hummingbird, ...) are not checked here: Package.swift
declares them.

Usage: Tools/check_layers.py [ROOT]   (ROOT: the package folder; default, this script's parent's)
Prints one line per bad import, `FILE:LINE: MESSAGE`, and exits 1 if there is any; 0 when every
import keeps to its layer.
"""
import os
import re
import sys

BOTTOM = {"GeoJSON"}
WRAPPERS = BOTTOM | {"GEOSKit", "PROJKit"}
PLACES = WRAPPERS | {"Regions"}
RECORDS = PLACES | {"Participation"}
ARRAYS = {"Clustering", "Tiles"}
STORES = RECORDS | ARRAYS | {"Store"}

# What each target may import of partmap's own modules.
ALLOWED = {
    "CGEOS": set(),
    "CPROJ": set(),
    "CZlib": set(),
    "GeoJSON": set(),
    "GEOSKit": {"CGEOS"} | BOTTOM,
    "PROJKit": {"CPROJ"} | BOTTOM,
    "Regions": WRAPPERS,
    "Participation": PLACES,
    "Clustering": BOTTOM | {"GEOSKit"},
    "Tiles": BOTTOM | {"CZlib"},
    "Store": RECORDS | ARRAYS,
    "PostGISStore": STORES,
    "Publishing": STORES,
    "Server": STORES | {"Publishing"},
    "partmap": STORES | {"PostGISStore", "Publishing", "Server"},
}

# The C modules, and the only files that may import each (a folder allows all of its files).
C_MODULES = {
    "CGEOS": "Sources/GEOSKit/",
    "CPROJ": "Sources/PROJKit/",
    "CZlib": "Sources/Tiles/Gzip.swift",
}

IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"
)


def problems(root):
    sources = os.path.join(root, "Sources")
    targets = sorted(name for name in os.listdir(sources) if os.path.isdir(os.path.join(sources, name)))
    found = []
    for target in targets:
        if target not in ALLOWED:
            found.append(f"Sources/{target}: no layer is declared for target {target} in Tools/check_layers.py")
            continue
        for folder, _, files in sorted(os.walk(os.path.join(sources, target))):
            for name in sorted(files):
                if not name.endswith((".swift", ".h", ".c", ".modulemap")):
                    continue
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root).replace(os.sep, "/")
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        match = IMPORT.match(line)
                        if not match:
                            continue
                        module = match.group(1)
                        if module in C_MODULES and not relative.startswith(C_MODULES[module]):
                            found.append(f"{relative}:{number}: C module {module} is imported outside its wrapper "
                                         f"({C_MODULES[module]})")
                        elif module in ALLOWED and module != target and module not in ALLOWED[target]:
                            allowed = ", ".join(sorted(ALLOWED[target])) or "none of partmap's modules"
                            found.append(f"{relative}:{number}: {target} may not import {module}: its layer allows {allowed}")
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(os.path.join(root, "Sources")):
        print(f"{root}: expected a package folder with Sources/, found none", file=sys.stderr)
        return 2
    found = problems(root)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
