#!/usr/bin/env python3
"""Validate the shipped actor gazetteer (Models/actors.json).

Usage: Scripts/check-gazetteer.py [path/to/actors.json]

Checks the schema the Swift loader (StanceFeatures' ActorGazetteer) relies on:
formatVersion, required keys and their types, allowed kinds and genders,
unique canonical names, the actor names other components refer to, and
surface forms that more than one actor claims. Prints the number of actors
per kind and every cross-actor collision.

Exit status: 0 when the file is valid (collisions are reported but are
allowed, because a few forms are truly ambiguous), 1 on any schema error,
2 when the file cannot be read or parsed.
"""

import collections
import json
import sys
from pathlib import Path

KINDS = {"person", "government", "organisation", "country", "group"}
GENDERS = {"male", "female"}
LIST_KEYS = ("aliases", "titles", "metonyms")
ALLOWED_KEYS = {"name", "kind", "gender", "country", *LIST_KEYS}
# Canonical names that other helpers' code and fixtures look up directly.
REQUIRED_NAMES = {
    "Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Kremlin", "Sergei Lavrov",
    "Emmanuel Macron", "Kyiv", "Downing Street", "European leaders", "NATO", "White House", "Moscow",
}


def load(path):
    """Read and parse the gazetteer, exiting with status 2 and a clear message on failure."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        sys.exit(f"{path}: cannot read the gazetteer ({error.strerror}); pass the path to actors.json")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        print(f"{path}:{error.lineno}:{error.colno}: invalid JSON ({error.msg}); fix the syntax", file=sys.stderr)
        sys.exit(2)


def schema_errors(document, path):
    """Return a list of human-readable schema problems, each naming the actor and what to fix."""
    errors = []
    if not isinstance(document, dict):
        return [f"{path}: top level must be an object with formatVersion and actors"]
    if document.get("formatVersion") != 1:
        errors.append(f"{path}: formatVersion must be 1, found {document.get('formatVersion')!r}")
    actors = document.get("actors")
    if not isinstance(actors, list):
        return errors + [f"{path}: 'actors' must be an array"]
    seen_names = {}
    for index, actor in enumerate(actors):
        where = f"{path}: actors[{index}]"
        if not isinstance(actor, dict):
            errors.append(f"{where}: must be an object")
            continue
        name = actor.get("name")
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            errors.append(f"{where}: 'name' must be a non-empty string without surrounding spaces")
            continue
        where = f"{where} ({name})"
        if name in seen_names:
            errors.append(f"{where}: duplicate name, also actors[{seen_names[name]}]; names must be unique")
        seen_names.setdefault(name, index)
        for key in sorted(set(actor) - ALLOWED_KEYS):
            errors.append(f"{where}: unknown key '{key}'; allowed keys are {sorted(ALLOWED_KEYS)}")
        kind = actor.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
        if "gender" in actor:
            if kind != "person":
                errors.append(f"{where}: gender is only meaningful for kind 'person'")
            elif actor["gender"] not in GENDERS:
                errors.append(f"{where}: gender {actor['gender']!r} is not one of {sorted(GENDERS)}")
        if "country" in actor and (not isinstance(actor["country"], str) or not actor["country"]):
            errors.append(f"{where}: country must be a non-empty string when present")
        for key in LIST_KEYS:
            forms = actor.get(key)
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() == f and f for f in forms):
                errors.append(f"{where}: '{key}' must be an array of non-empty, trimmed strings")
                continue
            duplicates = [f for f, n in collections.Counter(forms).items() if n > 1]
            if duplicates:
                errors.append(f"{where}: '{key}' repeats {duplicates}")
        if all(isinstance(actor.get(k), list) for k in LIST_KEYS):
            if not any(actor[k] for k in LIST_KEYS):
                errors.append(f"{where}: has no surface forms; give at least one alias, title or metonym")
    missing = REQUIRED_NAMES - set(seen_names)
    if missing:
        errors.append(f"{path}: required actor names missing: {sorted(missing)}")
    return errors


def is_case_insensitive(key, form):
    """Mirror the Swift matcher: titles, and forms without a capital letter, match in any case."""
    return key == "titles" or not any(ch.isupper() for ch in form)


def collisions(actors):
    """Map each surface form that can match the same text for two actors to those actors' names.

    The loader (StanceFeatures' ActorPatternIndex) matches titles and lower-case
    forms case-insensitively and capitalised aliases and metonyms case-sensitively,
    so two forms collide when they are equal ignoring case and at least one of them
    is case-insensitive, or when they are exactly equal.
    """
    by_fold = collections.defaultdict(list)
    for actor in actors:
        for key in LIST_KEYS:
            forms = actor.get(key, [])
            if not isinstance(forms, list):
                continue
            for form in forms:
                if isinstance(form, str):
                    by_fold[form.casefold()].append((form, is_case_insensitive(key, form), actor["name"]))
    clashes = {}
    for entries in by_fold.values():
        for i, (form_a, loose_a, name_a) in enumerate(entries):
            for form_b, loose_b, name_b in entries[i + 1:]:
                if name_a != name_b and (form_a == form_b or loose_a or loose_b):
                    label = form_a if form_a == form_b else f"{form_a} / {form_b}"
                    clashes.setdefault(label, set()).update({name_a, name_b})
    return clashes


def main():
    """Validate the file named on the command line (default Models/actors.json) and report."""
    default = Path(__file__).resolve().parent.parent / "Models" / "actors.json"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    document = load(path)
    errors = schema_errors(document, path)
    actors = [a for a in document.get("actors", []) if isinstance(a, dict) and isinstance(a.get("name"), str)] \
        if isinstance(document, dict) and isinstance(document.get("actors"), list) else []

    kinds = collections.Counter(a.get("kind") for a in actors)
    print(f"{path}: {len(actors)} actors")
    for kind in sorted(KINDS):
        print(f"  {kind:<13} {kinds.get(kind, 0)}")
    persons = [a for a in actors if a.get("kind") == "person"]
    print(f"  persons without gender: {sum(1 for a in persons if 'gender' not in a)}")
    forms = sum(len(a.get(k, [])) for a in actors for k in LIST_KEYS if isinstance(a.get(k), list))
    print(f"  surface forms: {forms}")

    clashes = collisions(actors)
    print(f"collisions across actors: {len(clashes)}")
    for form in sorted(clashes, key=str.casefold):
        print(f"  {form!r}: {', '.join(sorted(clashes[form]))}")

    if errors:
        print(f"schema errors: {len(errors)}", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print("schema: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
