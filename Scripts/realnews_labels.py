#!/usr/bin/env python3
"""Compile, check and compare the project's labels for the real news articles.

The articles live in ../shared/data/realnews/articles/ and may not be copied into this
repository (Reuters-21578 is for research use only). Labelers therefore work on marked-up
copies kept outside the repository (a "draft" directory), and this script compiles them
into TrainingData/realnews/*.jsonl, which hold only file names, offsets and labels.

Draft markup: a copy of the article, byte for byte, where each actor mention is written
`{surface|Actor|stance|sentiment|kind}`:
  stance     open | skeptical | hardline | -   (- = null: no stance revealed)
  sentiment  positive | neutral | negative
  kind       name | title | pronoun | collective
Removing the markup (keeping `surface`) must give back the article exactly.

Usage:
  realnews_labels.py compile DRAFT_DIR OUTPUT_DIR     check every draft, write train.jsonl and dev.jsonl
  realnews_labels.py compile-one DRAFT_DIR OUTPUT.jsonl   check every draft, write one file
  realnews_labels.py check DRAFT_DIR [FILES...]       check only
  realnews_labels.py agreement FIRST.jsonl SECOND.jsonl   agreement on shared articles
  realnews_labels.py stats LABELS.jsonl
"""
import json, os, re, sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLES = os.path.join(ROOT, "..", "shared", "data", "realnews", "articles")
STANCES = {"open", "skeptical", "hardline", "-"}
SENTIMENTS = {"positive", "neutral", "negative"}
KINDS = {"name", "title", "pronoun", "collective"}
MENTION = re.compile(r"\{([^{}|]+)\|([^{}|]+)\|([^{}|]+)\|([^{}|]+)\|([^{}|]+)\}")
# Topic clusters held out as the real-news dev set (chosen before any model was scored on them).
DEV_CLUSTERS = {"gulf-tension-2019", "hong-kong-protests-2019", "belarus-election-2020",
                "us-ussr-arms-control-1987", "opec-1987", "philippines-debt-1987"}


class LabelError(Exception):
    pass


def clusters():
    """Map article file name -> topic cluster, read from the data set's PROVENANCE.md."""
    out = {}
    path = os.path.join(ARTICLES, "..", "PROVENANCE.md")
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^\| `([^`]+\.txt)` \|.*\| ([a-z0-9-]+) \|\s*$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def parse_draft(path, name):
    """Return the mentions of one draft; raise LabelError naming draft:line on any problem."""
    with open(path, encoding="utf-8") as f:
        draft = f.read()
    original_path = os.path.join(ARTICLES, name)
    if not os.path.exists(original_path):
        raise LabelError(f"{path}: no article {name} in {ARTICLES}")
    with open(original_path, encoding="utf-8") as f:
        original = f.read()
    out, mentions, last = [], [], 0
    pos = 0  # code point offset in the rebuilt text
    for m in MENTION.finditer(draft):
        line = draft.count("\n", 0, m.start()) + 1
        chunk = draft[last:m.start()]
        if "{" in chunk or "}" in chunk:
            raise LabelError(f"{path}:{line}: malformed markup before this mention")
        out.append(chunk)
        pos += len(chunk)
        surface, actor, stance, sentiment, kind = (g.strip() if i else g for i, g in enumerate(m.groups()))
        if stance not in STANCES:
            raise LabelError(f"{path}:{line}: stance {stance!r} (expected open, skeptical, hardline or -)")
        if sentiment not in SENTIMENTS:
            raise LabelError(f"{path}:{line}: sentiment {sentiment!r} (expected positive, neutral, negative)")
        if kind not in KINDS:
            raise LabelError(f"{path}:{line}: kind {kind!r} (expected name, title, pronoun, collective)")
        mentions.append({"start": pos, "end": pos + len(surface), "actor": actor, "kind": kind,
                         "stance": None if stance == "-" else stance, "sentiment": sentiment})
        out.append(surface)
        pos += len(surface)
        last = m.end()
    tail = draft[last:]
    if "{" in tail or "}" in tail:
        line = draft.count("\n", 0, last) + 1
        raise LabelError(f"{path}:{line}: malformed markup after the last mention")
    out.append(tail)
    rebuilt = "".join(out)
    if rebuilt != original:
        i = next((k for k in range(min(len(rebuilt), len(original))) if rebuilt[k] != original[k]),
                 min(len(rebuilt), len(original)))
        line = original.count("\n", 0, i) + 1
        raise LabelError(f"{path}: without markup the text differs from the article at line {line}: "
                         f"draft {rebuilt[i:i+40]!r} vs article {original[i:i+40]!r}")
    for a, b in zip(mentions, mentions[1:]):
        if b["start"] < a["end"]:
            raise LabelError(f"{path}: overlapping mentions at {a['start']} and {b['start']}")
    return mentions


def compile_dir(draft_dir, names=None):
    cl = clusters()
    records = []
    for name in sorted(names or os.listdir(draft_dir)):
        if not name.endswith(".txt"):
            continue
        mentions = parse_draft(os.path.join(draft_dir, name), name)
        cluster = cl.get(name, "")
        records.append({"article": name, "cluster": cluster,
                        "split": "dev" if cluster in DEV_CLUSTERS else "train",
                        "mentions": mentions})
    return records


def write_jsonl(records, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, path)


def load(*paths):
    return {r["article"]: r for path in paths for r in map(json.loads, open(path, encoding="utf-8"))}


def agreement(first, second):
    a, b = load(*first.split(",")), load(second)
    shared = sorted(set(a) & set(b))
    span_match = total_a = total_b = 0
    stance_pairs, sent_pairs, actor_same = [], [], 0
    for name in shared:
        ma = {(m["start"], m["end"]): m for m in a[name]["mentions"]}
        mb = {(m["start"], m["end"]): m for m in b[name]["mentions"]}
        total_a += len(ma); total_b += len(mb)
        for key in ma.keys() & mb.keys():
            span_match += 1
            actor_same += ma[key]["actor"] == mb[key]["actor"]
            stance_pairs.append((ma[key]["stance"] or "none", mb[key]["stance"] or "none"))
            sent_pairs.append((ma[key]["sentiment"], mb[key]["sentiment"]))

    def kappa(pairs):
        n = len(pairs)
        if n == 0:
            return float("nan"), float("nan")
        po = sum(x == y for x, y in pairs) / n
        ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
        pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
        return po, (po - pe) / (1 - pe) if pe < 1 else 1.0

    both = [(x, y) for x, y in stance_pairs if x != "none" and y != "none"]
    print(f"articles compared: {len(shared)}")
    print(f"mentions: first {total_a}, second {total_b}, same span {span_match} "
          f"(precision of second vs first {span_match / max(total_b, 1):.3f}, recall {span_match / max(total_a, 1):.3f})")
    print(f"same actor on matched spans: {actor_same / max(span_match, 1):.3f}")
    po, k = kappa(stance_pairs)
    print(f"stance (4 labels incl. none): agreement {po:.3f}, Cohen's kappa {k:.3f} over {len(stance_pairs)}")
    po, k = kappa(both)
    print(f"stance where both give one: agreement {po:.3f}, kappa {k:.3f} over {len(both)}")
    po, k = kappa(sent_pairs)
    print(f"sentiment: agreement {po:.3f}, kappa {k:.3f} over {len(sent_pairs)}")


def stats(path):
    recs = list(load(*path.split(",")).values())
    for split in ("train", "dev"):
        ms = [m for r in recs if r["split"] == split for m in r["mentions"]]
        st = Counter(m["stance"] or "none" for m in ms)
        se = Counter(m["sentiment"] for m in ms)
        kd = Counter(m["kind"] for m in ms)
        print(f"{split}: articles {sum(r['split'] == split for r in recs)} mentions {len(ms)} "
              f"stance {dict(st)} sentiment {dict(se)} kind {dict(kd)}")


def main(argv):
    if len(argv) < 2:
        print(__doc__); return 2
    try:
        if argv[1] == "compile" and len(argv) == 4:
            recs = compile_dir(argv[2])
            for split in ("train", "dev"):
                part = [r for r in recs if r["split"] == split]
                path = os.path.join(argv[3], f"{split}.jsonl")
                write_jsonl(part, path)
                print(f"{path}: {len(part)} articles, {sum(len(r['mentions']) for r in part)} mentions")
        elif argv[1] == "compile-one" and len(argv) == 4:
            recs = compile_dir(argv[2])
            write_jsonl(recs, argv[3])
            print(f"{argv[3]}: {len(recs)} articles, {sum(len(r['mentions']) for r in recs)} mentions")
        elif argv[1] == "check" and len(argv) >= 3:
            recs = compile_dir(argv[2], argv[3:] or None)
            for r in recs:
                print(f"ok {r['article']}: {len(r['mentions'])} mentions")
        elif argv[1] == "agreement" and len(argv) == 4:
            agreement(argv[2], argv[3])
        elif argv[1] == "stats" and len(argv) == 3:
            stats(argv[2])
        else:
            print(__doc__); return 2
    except LabelError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
