"""Reads a running partmap service with clients partmap did not write: owslib's OGC API –
Features client (landing page, conformance, collections, items) and openapi-spec-validator on
/api. Prints one JSON document of what they found."""
import json
import sys
import urllib.request

from openapi_spec_validator import validate
from owslib.ogcapi.features import Features

url = sys.argv[1]
service = Features(url)
result = {
    "title": service.links and service.response.get("title"),
    "conformance": service.conformance().get("conformsTo", []),
    "collections": [c["id"] for c in service.collections()["collections"]],
    "collection": service.collection("projects").get("id"),
}
items = service.collection_items("projects", limit=100)
result["numberMatched"] = items.get("numberMatched")
result["ids"] = sorted(f["id"] for f in items["features"])
with urllib.request.urlopen(url.rstrip("/") + "/api") as response:
    spec = json.load(response)
try:
    validate(spec)
    result["openapi_valid"] = True
except Exception as error:  # the validator's own message, for the test to show
    result["openapi_valid"] = str(error)[:500]
json.dump(result, sys.stdout)
