#!/usr/bin/env python3
"""Extracts, from Teamleader's published OpenAPI spec, the response shapes of the endpoints the connector
calls, into test/contract/teamleader-spec-v1.112.0.json (the contract test reads that file).

Usage: python3 scripts/extract-teamleader-spec.py <path to api.yaml> > test/contract/teamleader-spec-v1.112.0.json
The spec is v1.112.0 of @teamleader/focus-api-specification, as cached in smekkos/teamleader-python-sdk
at codegen/spec/api.yaml. Needs PyYAML.
"""
import json
import sys

import yaml

ENDPOINTS = [
    "users.me",
    "departments.list",
    "departments.info",
    "invoices.list",
    "invoices.info",
    "invoices.download",
    "creditNotes.list",
    "creditNotes.info",
    "creditNotes.download",
    "companies.info",
    "contacts.info",
    "taxRates.list",
    "productCategories.list",
    "webhooks.list",
]
# Request fields whose documented values the sandbox must honour.
REQUEST_FIELDS = ["invoices.list", "creditNotes.list"]


def merge(schemas):
    """Flattens an allOf into one schema (properties and required merged; the last scalar wins)."""
    out = {}
    for s in schemas:
        s = simplify_raw(s)
        for key, value in s.items():
            if key == "properties":
                out.setdefault("properties", {}).update(value)
            elif key == "required":
                out["required"] = sorted(set(out.get("required", [])) | set(value))
            else:
                out[key] = value
    return out


def simplify_raw(schema):
    if not isinstance(schema, dict):
        return {}
    if "allOf" in schema:
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        return merge(list(schema["allOf"]) + [rest])
    return schema


def shape(schema):
    """The facts the contract keeps: type, nullable, enum, required, properties, items, oneOf."""
    s = simplify_raw(schema)
    out = {}
    if "oneOf" in s:
        out["oneOf"] = [shape(x) for x in s["oneOf"]]
    t = s.get("type") or ("object" if "properties" in s else ("array" if "items" in s else None))
    if t:
        out["type"] = t
    if s.get("nullable"):
        out["nullable"] = True
    if "enum" in s:
        out["enum"] = list(s["enum"])
    if s.get("required"):
        out["required"] = sorted(s["required"])
    if "properties" in s:
        out["properties"] = {k: shape(v) for k, v in s["properties"].items()}
    if "items" in s:
        out["items"] = shape(s["items"])
    return out


def example_of(schema):
    """An example assembled from the field-level examples, for a response documented without a whole one."""
    s = simplify_raw(schema)
    if "example" in s:
        return s["example"]
    if "oneOf" in s:
        return example_of(s["oneOf"][0])
    if "properties" in s:
        out = {}
        for key, sub in s["properties"].items():
            value = example_of(sub)
            if value is not None or simplify_raw(sub).get("nullable"):
                out[key] = value
        return out
    if s.get("type") == "array" or "items" in s:
        item = example_of(s.get("items", {}))
        return [] if item is None else [item]
    if "enum" in s:
        return s["enum"][0]
    # A field documented without an example gets a neutral value of its type.
    return {"string": "string", "number": 0, "integer": 0, "boolean": False}.get(s.get("type"))


def main(path):
    spec = yaml.safe_load(open(path, encoding="utf-8"))
    result = {
        "source": "Teamleader Focus OpenAPI spec v%s (@teamleader/focus-api-specification), "
        "cached at github.com/smekkos/teamleader-python-sdk codegen/spec/api.yaml; extracted by "
        "scripts/extract-teamleader-spec.py" % spec["info"]["version"],
        "version": spec["info"]["version"],
        "endpoints": {},
    }
    for name in ENDPOINTS:
        op = spec["paths"]["/" + name]["post"]
        entry = {}
        ok = op["responses"].get("200") or op["responses"].get("201")
        content = (ok or {}).get("content", {})
        media = next(iter(content.values()), None)
        if media:
            entry["response"] = shape(media["schema"])
            if media.get("example") is not None:
                entry["example"] = media["example"]
            else:
                entry["example"] = example_of(media["schema"])
                entry["example_assembled_from_fields"] = True
        if name in REQUEST_FIELDS:
            body = next(iter(op["requestBody"]["content"].values()))
            entry["request"] = shape(body["schema"])
            entry["request_example"] = body.get("example") or example_of(body["schema"])
        result["endpoints"][name] = entry
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
