#!/usr/bin/env python3
"""Checks that every public declaration in Sources/ explains itself: each `public` or `open`
declaration in Sources/**/*.swift (type, function, initialiser, property, subscript, case,
type alias) has a `///` doc comment (or the end of a `/** ... */` one) directly above it.
Attribute lines (`@discardableResult`, `@inlinable`, ...) may stand between the comment and the
declaration; a blank line or a `//` comment may not.

Imports and extensions are not declarations a reader looks up, and are not checked; nor is text
inside multi-line string literals (a script or a page the code writes).

Usage: Tools/check_docs.py [ROOT]   (ROOT: the package folder; default, this script's parent's)
Prints one line per undocumented declaration, `FILE:LINE: MESSAGE`, and exits 1 if there is
any; 0 when every public declaration has its comment; 2 when ROOT is not a package folder.
"""
import os
import re
import sys

# Leading attributes of a declaration, on its own line or before it: `@objc`, `@available(...)`.
ATTRIBUTE = re.compile(r"@[A-Za-z_][\w.]*(?:\([^()]*\))?\s*")

# The declaration keywords; a line whose modifiers include `public` or `open` before one of
# these declares something public.
KEYWORDS = {"actor", "associatedtype", "case", "class", "enum", "func", "init", "let", "macro", "protocol",
            "struct", "subscript", "typealias", "var", "deinit"}
UNCHECKED = {"import", "extension"}

# Any modifier that may come before the keyword.
MODIFIER = re.compile(r"(?:public|open|package|internal|fileprivate|private)(?:\(set\))?|static|class|final|override|"
                      r"mutating|nonmutating|convenience|required|lazy|weak|unowned|indirect|nonisolated|dynamic|"
                      r"consuming|borrowing|distributed|optional")


def declaration(line):
    """The keyword and name (`func write`, `init`) when `line` declares something public or open, else None."""
    text = line.strip()
    while text.startswith("@"):
        match = ATTRIBUTE.match(text)
        if not match:
            return None
        text = text[match.end():]
    words = re.findall(r"[A-Za-z_]\w*(?:\(set\))?|[^\sA-Za-z_(<:{]+|\S", text)
    modifiers = []
    for index, word in enumerate(words):
        if word in KEYWORDS or word in UNCHECKED:
            # `class` is a modifier when another keyword follows it (`class func`).
            if word == "class" and index + 1 < len(words) and words[index + 1] in KEYWORDS:
                modifiers.append(word)
                continue
            if word in UNCHECKED or not ({"public", "open"} & set(modifiers)):
                return None
            rest = words[index + 1:]
            named = word not in ("init", "subscript", "deinit") and rest
            return word + (" " + rest[0] if named else "")
        if not MODIFIER.fullmatch(word):
            return None
        modifiers.append(word)
    return None


def documented(lines, index):
    """Whether the declaration at `lines[index]` has a doc comment directly above it."""
    i = index - 1
    while i >= 0 and lines[i].strip().startswith("@") and declaration(lines[i]) is None:
        i -= 1
    if i < 0:
        return False
    above = lines[i].strip()
    return above.startswith("///") or (above.endswith("*/") and not above.startswith("//"))


def problems_in(path, relative):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found, in_string = [], False
    for index, line in enumerate(lines):
        if not in_string:
            declared = declaration(line)
            if declared and not documented(lines, index):
                found.append(f"{relative}:{index + 1}: public {declared} has no /// doc comment directly above it")
        if line.count('"""') % 2 == 1:
            in_string = not in_string
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sources = os.path.join(root, "Sources")
    if not os.path.isdir(sources):
        print(f"{root}: expected a package folder with Sources/, found none", file=sys.stderr)
        return 2
    found = []
    for directory, subfolders, names in os.walk(sources):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(directory, name)
                found += problems_in(path, os.path.relpath(path, root).replace(os.sep, "/"))
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
