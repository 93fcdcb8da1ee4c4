"""Asks a running partmap service what analysts ask, through owslib's OGC API – Features client
(which sends query strings as requests does: a space as '+'): a region by name, words, and
datetime intervals. Prints one JSON document of the ids each question found."""
import json
import sys

from owslib.ogcapi.features import Features

service = Features(sys.argv[1])
questions = {
    "region": {"region": "Eastern Africa"},
    "words": {"q": "Project b"},
    "closed": {"datetime": "2019-01-01T00:00:00Z/2020-12-31T23:59:59Z"},
    "until": {"datetime": "../2019-06-01T00:00:00Z"},
    "from": {"datetime": "2021-01-01T00:00:00Z/.."},
}
result = {}
for name, parameters in questions.items():
    items = service.collection_items("projects", limit=100, **parameters)
    result[name] = sorted(f["id"] for f in items["features"])
json.dump(result, sys.stdout)
