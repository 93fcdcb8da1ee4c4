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

Package.swift and the imports agree, for every target it declares whose folder is present (tests
and benchmarks too): each module a target imports is one of its declared dependencies (a product's
module is named as the product, as for every product partmap uses), save the toolchain's own
(TOOLCHAIN); and each declared dependency is imported by one of the target's files.

Usage: Tools/check_layers.py [ROOT]   (ROOT: the package folder; default, this script's parent's)
Prints one line per problem, `FILE:LINE: MESSAGE`, and exits 1 if there is any; 0 when every
import keeps to its layer and to Package.swift. Imports inside multi-line string literals (a
Python script a test runs) are not the file's own and are skipped.
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

# Modules that come with the Swift toolchain and are never declared in Package.swift.
TOOLCHAIN = {"Darwin", "Dispatch", "Foundation", "FoundationEssentials", "Glibc", "Swift", "Synchronization", "Testing", "XCTest",
             "_Concurrency"}

# A target's declaration in Package.swift, and the dependencies inside its `dependencies: [...]`.
TARGET = re.compile(r'\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"')
CALL_DEPENDENCY = re.compile(r'\.(?:product|target|byName)\(\s*name:\s*"([^"]+)"[^)]*\)')
NAME_DEPENDENCY = re.compile(r'"([^"]+)"')

IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"
)


def imports(path):
    """(line number, module) of each import in the file, skipping multi-line string literals."""
    found, in_string = [], False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not in_string:
                match = IMPORT.match(line)
                if match:
                    found.append((number, match.group(1)))
            if line.count('"""') % 2 == 1:
                in_string = not in_string
    return found


def files(root, folder, suffixes, skip=()):
    """The files under `folder` (relative to `root`) ending in `suffixes`, outside the subfolders `skip`, in order."""
    for directory, subfolders, names in os.walk(os.path.join(root, folder)):
        inside = os.path.relpath(directory, os.path.join(root, folder))
        subfolders[:] = sorted(d for d in subfolders if os.path.normpath(os.path.join(inside, d)) not in skip)
        for name in sorted(names):
            if name.endswith(suffixes):
                path = os.path.join(directory, name)
                yield path, os.path.relpath(path, root).replace(os.sep, "/")


def layer_problems(root):
    sources = os.path.join(root, "Sources")
    targets = sorted(name for name in os.listdir(sources) if os.path.isdir(os.path.join(sources, name)))
    found = []
    for target in targets:
        if target not in ALLOWED:
            found.append(f"Sources/{target}: no layer is declared for target {target} in Tools/check_layers.py")
            continue
        for path, relative in files(root, "Sources/" + target, (".swift", ".h", ".c", ".modulemap")):
            for number, module in imports(path):
                if module in C_MODULES and not relative.startswith(C_MODULES[module]):
                    found.append(f"{relative}:{number}: C module {module} is imported outside its wrapper ({C_MODULES[module]})")
                elif module in ALLOWED and module != target and module not in ALLOWED[target]:
                    allowed = ", ".join(sorted(ALLOWED[target])) or "none of partmap's modules"
                    found.append(f"{relative}:{number}: {target} may not import {module}: its layer allows {allowed}")
    return found


def without_comments(text):
    """`text` with its `//` comments blanked (strings kept: URLs hold `//`), lines where they were."""
    out, in_string, i = [], False, 0
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                out.append(text[i:i + 2]); i += 2; continue
            in_string = c != '"'
        elif c == '"':
            in_string = True
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            out.append(" " * (end - i)); i = end; continue
        out.append(c); i += 1
    return "".join(out)


def bracketed(text, start, opening, closing):
    """The text from `start` (just after an `opening`) to its matching `closing`."""
    depth, i = 1, start
    while i < len(text) and depth:
        depth += {opening: 1, closing: -1}.get(text[i], 0)
        i += 1
    return text[start:i - 1]


def declared_targets(package):
    """Each target of Package.swift: (name, its line, its folder, its dependencies, the subfolders it excludes)."""
    text = without_comments(package)
    for match in TARGET.finditer(text):
        kind, name = match.groups()
        call = bracketed(text, match.end(), "(", ")")
        path = re.search(r'\bpath:\s*"([^"]+)"', call)
        folder = path.group(1) if path else ("Tests/" if kind == "testTarget" else "Sources/") + name
        dependencies = []
        listed = re.search(r"\bdependencies:\s*\[", call)
        if listed:
            items = bracketed(call, listed.end(), "[", "]")
            dependencies = CALL_DEPENDENCY.findall(items) + NAME_DEPENDENCY.findall(CALL_DEPENDENCY.sub("", items))
        excluded = re.search(r"\bexclude:\s*\[([^\]]*)\]", call)
        skip = set(NAME_DEPENDENCY.findall(excluded.group(1))) if excluded else set()
        yield kind, name, text.count("\n", 0, match.start()) + 1, folder, dependencies, skip


def package_problems(root):
    with open(os.path.join(root, "Package.swift"), encoding="utf-8") as f:
        package = f.read()
    found = []
    for kind, target, line, folder, dependencies, skip in declared_targets(package):
        if kind == "systemLibrary" or not os.path.isdir(os.path.join(root, folder)):
            continue
        imported = set()
        for path, relative in files(root, folder, (".swift",), skip):
            for number, module in imports(path):
                imported.add(module)
                if module not in dependencies and module not in TOOLCHAIN and module != target:
                    found.append(f"{relative}:{number}: {target} imports {module}, "
                                 "which Package.swift does not list among its dependencies")
        for module in dependencies:
            if module not in imported:
                found.append(f"Package.swift:{line}: {target} depends on {module}, which none of its files imports")
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(os.path.join(root, "Sources")) or not os.path.isfile(os.path.join(root, "Package.swift")):
        print(f"{root}: expected a package folder with Sources/ and Package.swift, found neither or one", file=sys.stderr)
        return 2
    found = layer_problems(root) + package_problems(root)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
