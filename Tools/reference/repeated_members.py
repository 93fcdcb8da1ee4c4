"""Independent reference for repeated member names: Python's json module with object_pairs_hook.

Usage: repeated_members.py < JSON; prints the RFC 6901 pointer of every member that repeats a
name its object already used, one per line, in document order.
"""
import json
import sys


class Pairs(list):
    """An object's members as written, repeats included."""


def escape(token):
    return token.replace("~", "~0").replace("/", "~1")


def walk(value, pointer):
    if isinstance(value, Pairs):
        seen = set()
        for key, member in value:
            inner = pointer + "/" + escape(key)
            if key in seen:
                print(inner)
            seen.add(key)
            walk(member, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            walk(item, pointer + "/" + str(index))


if __name__ == "__main__":
    walk(json.load(sys.stdin, object_pairs_hook=Pairs), "")
