#!/usr/bin/env python3
"""Merge Models/gazetteer/world.txt (countries, capitals, demonyms) and
Models/gazetteer/organisations.json into Models/actors.json.

Existing entries keep their names, kinds and surfaces; the merge only adds what is
missing (a country's other names and plural demonyms as aliases, its adjectives as
`demonyms`, an entry for a capital that no entry names yet, and organisations not yet
listed), so rerunning it changes nothing. Usage: python3 Scripts/gazetteer-world.py
"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTORS = os.path.join(ROOT, "Models", "actors.json")
WORLD = os.path.join(ROOT, "Models", "gazetteer", "world.txt")
ORGS = os.path.join(ROOT, "Models", "gazetteer", "organisations.json")


def add(items, values):
    for v in values:
        if v and v not in items:
            items.append(v)


def main():
    with open(ACTORS, encoding="utf-8") as f:
        doc = json.load(f)
    actors = doc["actors"]
    by_name = {a["name"]: a for a in actors}
    surfaces = {s for a in actors for s in a.get("aliases", []) + a.get("metonyms", [])}
    for raw in open(WORLD, encoding="utf-8"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 5:
            raise SystemExit(f"{WORLD}: bad line {line!r}: want 5 fields")
        name, others, capitals, adjectives, plurals = (
            fields[0], [x for x in fields[1].split(";") if x], [x for x in fields[2].split(";") if x],
            [x for x in fields[3].split(";") if x], [x for x in fields[4].split(";") if x])
        entry = by_name.get(name)
        if entry is None:
            entry = {"name": name, "kind": "country", "country": name, "aliases": [name], "titles": [], "metonyms": []}
            actors.append(entry)
            by_name[name] = entry
        add(entry.setdefault("aliases", []), others + plurals)
        if entry["kind"] == "country":
            add(entry.setdefault("demonyms", []), adjectives)
        surfaces.update(entry["aliases"])
        for capital in capitals:
            if capital in surfaces or capital == name or capital in by_name:
                continue
            cap = {"name": capital, "kind": "government", "country": name, "aliases": [], "titles": [],
                   "metonyms": [capital]}
            actors.append(cap)
            by_name[capital] = cap
            surfaces.add(capital)
    if os.path.exists(ORGS):
        for org in json.load(open(ORGS, encoding="utf-8")):
            if org["name"] in by_name:
                add(by_name[org["name"]].setdefault("aliases", []), org.get("aliases", []))
                continue
            org.setdefault("titles", []); org.setdefault("metonyms", [])
            actors.append(org)
            by_name[org["name"]] = org
    tmp = ACTORS + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    os.replace(tmp, ACTORS)
    print(f"{ACTORS}: {len(actors)} actors")


if __name__ == "__main__":
    main()
