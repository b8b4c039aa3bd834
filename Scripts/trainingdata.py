#!/usr/bin/env python3
"""Build, check and count the project's labeled corpus.

The corpus is written by hand in TrainingData/source/*.txt with inline markup
(easy to write and review), and compiled into TrainingData/{train,dev,test}.jsonl
with Unicode code point offsets (what stance-train reads).

Markup: an article starts with a line `=== ID`, then `setting: NAME`, `date: YYYY-MM-DD`,
a blank line, and the text. The text's first line is the headline (it becomes `title`
and stays in `text`, as scraped pages carry it). A labeled mention is written
`{surface|Actor name|stance|sentiment}` with stance open/skeptical/hardline or `-`
(null) and sentiment positive/neutral/negative.

Usage:
  Scripts/trainingdata.py check [FILES...]   validate markup (default: all sources)
  Scripts/trainingdata.py build              write train/dev/test.jsonl by setting split
  Scripts/trainingdata.py stats              counts per split/class/setting + near-duplicate check
  Scripts/trainingdata.py frames [FILES...]  share of sentences in issue 9's repeated frames, per file and in all
"""
import json, re, sys, os, glob, hashlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "TrainingData")
STANCES = {"open", "skeptical", "hardline", "-"}
SENTIMENTS = {"positive", "neutral", "negative"}
MENTION = re.compile(r"\{([^{}|]+)\|([^{}|]+)\|([^{}|]+)\|([^{}|]+)\}")


class MarkupError(Exception):
    pass


def parse_file(path):
    """Yield article dicts from one markup file; raise MarkupError naming file:line."""
    articles = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if not line.startswith("=== "):
            raise MarkupError(f"{path}:{i+1}: expected '=== ID' to start an article, found {line[:40]!r}")
        art_id = line[4:].strip()
        start_line = i + 1
        i += 1
        meta = {}
        while i < n and lines[i].strip():
            m = re.match(r"^(setting|date):\s*(\S.*)$", lines[i])
            if not m:
                raise MarkupError(f"{path}:{i+1}: expected 'setting:' or 'date:' header, found {lines[i][:40]!r}")
            meta[m.group(1)] = m.group(2).strip()
            i += 1
        for key in ("setting", "date"):
            if key not in meta:
                raise MarkupError(f"{path}:{start_line}: article {art_id} lacks '{key}:'")
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", meta["date"]):
            raise MarkupError(f"{path}:{start_line}: article {art_id} date {meta['date']!r} is not YYYY-MM-DD")
        while i < n and not lines[i].strip():
            i += 1
        body_start = i
        body = []
        while i < n and not lines[i].startswith("=== "):
            body.append(lines[i])
            i += 1
        while body and not body[-1].strip():
            body.pop()
        text, mentions = [], []
        pos = 0
        for k, raw in enumerate(body):
            lineno = body_start + k + 1
            if "{" in raw or "}" in raw:
                # every brace must belong to a well-formed mention
                stripped = MENTION.sub("", raw)
                if "{" in stripped or "}" in stripped:
                    raise MarkupError(f"{path}:{lineno}: malformed mention markup (want {{surface|Actor|stance|sentiment}})")
            out = []
            last = 0
            for m in MENTION.finditer(raw):
                out.append(raw[last:m.start()])
                pos_line = sum(len(s) for s in out)
                surface, actor, stance, sentiment = (g.strip() for g in m.groups())
                if stance not in STANCES:
                    raise MarkupError(f"{path}:{lineno}: unknown stance {stance!r} (expected open, skeptical, hardline or -)")
                if sentiment not in SENTIMENTS:
                    raise MarkupError(f"{path}:{lineno}: unknown sentiment {sentiment!r} (expected positive, neutral, negative)")
                if m.group(1) != m.group(1).strip():
                    raise MarkupError(f"{path}:{lineno}: mention surface {m.group(1)!r} has surrounding spaces")
                start = pos + pos_line
                mentions.append({"start": start, "end": start + len(surface), "actor": actor,
                                 "stance": None if stance == "-" else stance, "sentiment": sentiment})
                out.append(surface)
                last = m.end()
            out.append(raw[last:])
            line_text = "".join(out)
            check_one_stance_per_actor(line_text, [mm for mm in mentions if mm["start"] >= pos], pos, f"{path}:{lineno}")
            text.append(line_text)
            pos += len(line_text) + 1
        full = "\n".join(text)
        if not full.strip():
            raise MarkupError(f"{path}:{start_line}: article {art_id} has no text")
        for mm in mentions:
            assert full[mm["start"]:mm["end"]].strip()
        title = text[0].strip()
        if title.endswith("."):
            raise MarkupError(f"{path}:{body_start+1}: headline of {art_id} ends with a full stop; headlines have none")
        articles.append({"id": art_id, "setting": meta["setting"], "date": meta["date"],
                         "title": title, "text": full, "mentions": mentions, "_source": f"{os.path.relpath(path, ROOT)}:{start_line}"})
    return articles


# Ends a sentence for the one-stance check: it may split too often (after "Mr."), which only
# makes the check miss a pair, never join two sentences.
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+")


def check_one_stance_per_actor(line_text, line_mentions, offset, where):
    """ANNOTATION.md rule 6: every mention of an actor in a sentence carries the stance the
    sentence gives that actor, so a null beside a stance of the same actor is a labeling error."""
    ends = [m.end() for m in SENTENCE_END.finditer(line_text)]
    groups = {}
    for m in line_mentions:
        sentence = sum(1 for e in ends if e <= m["start"] - offset)
        groups.setdefault((sentence, m["actor"]), []).append(m)
    for (_, actor), group in groups.items():
        stances = {m["stance"] for m in group}
        # Two different stances of one actor in a sentence need a reader's judgment to merge;
        # `stats` counts them. A null beside one stance is a plain slip.
        if None in stances and len(stances) == 2:
            given = next(s for s in stances if s)
            raise MarkupError(f"{where}: {actor} has stance {given} and null in one sentence "
                              "(rule 6 of ANNOTATION.md: one actor, one stance per sentence)")


def load_all(files=None):
    files = files or sorted(glob.glob(os.path.join(DATA, "source", "*.txt")))
    arts, seen = [], {}
    for f in files:
        for a in parse_file(f):
            if a["id"] in seen:
                raise MarkupError(f"{a['_source']}: duplicate article id {a['id']} (also at {seen[a['id']]})")
            seen[a["id"]] = a["_source"]
            arts.append(a)
    return arts


def splits():
    with open(os.path.join(DATA, "splits.json"), encoding="utf-8") as f:
        s = json.load(f)
    return {name: "test" for name in s["test"]} | {name: "dev" for name in s["dev"]}


def cmd_check(files):
    arts = load_all(files or None)
    n = sum(len(a["mentions"]) for a in arts)
    print(f"ok: {len(arts)} articles, {n} labeled mentions")


def cmd_build():
    arts = load_all()
    assign = splits()
    out = {"train": [], "dev": [], "test": []}
    for a in sorted(arts, key=lambda a: a["id"]):
        rec = {k: a[k] for k in ("id", "setting", "date", "title", "text", "mentions")}
        out[assign.get(a["setting"], "train")].append(rec)
    for name, recs in out.items():
        tmp = os.path.join(DATA, f".{name}.jsonl.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
        os.replace(tmp, os.path.join(DATA, f"{name}.jsonl"))
        print(f"{name}: {len(recs)} articles, {sum(len(r['mentions']) for r in recs)} mentions")


TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def sentences_of(text):
    # A rough splitter is enough for the duplicate check: it only has to be consistent.
    parts = re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])|\n+", text)
    return [p.strip() for p in parts if len(p.split()) >= 4]


def near_duplicates(sents, threshold=0.8):
    toks = [(frozenset(TOKEN.findall(s.lower())), s) for s in sents]
    toks = [t for t in toks if len(t[0]) >= 4]
    toks.sort(key=lambda t: len(t[0]))
    index = {}
    pairs = []
    for i, (ts, s) in enumerate(toks):
        cands = {}
        for t in ts:
            for j in index.get(t, ()):
                cands[j] = cands.get(j, 0) + 1
        for j, inter in cands.items():
            other = toks[j][0]
            if len(other) < threshold * len(ts):
                continue
            jac = inter / (len(ts) + len(other) - inter)
            if jac > threshold:
                pairs.append((jac, toks[j][1], s))
        for t in ts:
            index.setdefault(t, []).append(i)
    return pairs


def cmd_stats():
    arts = load_all()
    assign = splits()
    total = {"articles": 0, "mentions": 0, "with_stance": 0}
    by_split = {}
    stance_counts, sent_counts = {}, {}
    settings = {}
    for a in arts:
        sp = assign.get(a["setting"], "train")
        d = by_split.setdefault(sp, {"articles": 0, "mentions": 0, "open": 0, "skeptical": 0, "hardline": 0, "null": 0, "settings": set()})
        d["articles"] += 1
        d["settings"].add(a["setting"])
        settings[a["setting"]] = settings.get(a["setting"], 0) + 1
        for m in a["mentions"]:
            d["mentions"] += 1
            d[m["stance"] or "null"] += 1
            stance_counts[m["stance"] or "null"] = stance_counts.get(m["stance"] or "null", 0) + 1
            sent_counts[m["sentiment"]] = sent_counts.get(m["sentiment"], 0) + 1
    n = sum(stance_counts.values())
    with_stance = n - stance_counts.get("null", 0)
    print(f"articles: {len(arts)}   labeled mentions: {n}   with a stance: {with_stance}   settings: {len(settings)}")
    for s in ("open", "skeptical", "hardline"):
        c = stance_counts.get(s, 0)
        print(f"  stance {s:<10} {c:>5}  {100*c/max(with_stance,1):5.1f}% of stance-labeled")
    print(f"  stance {'null':<10} {stance_counts.get('null',0):>5}")
    for s in ("positive", "neutral", "negative"):
        print(f"  sentiment {s:<8} {sent_counts.get(s,0):>5}")
    print("split    articles  mentions   open  skeptical  hardline  null  settings")
    for sp in ("train", "dev", "test"):
        d = by_split.get(sp)
        if d:
            print(f"{sp:<8} {d['articles']:>8} {d['mentions']:>9} {d['open']:>6} {d['skeptical']:>10} {d['hardline']:>9} {d['null']:>5} {len(d['settings']):>9}")
    if "test" in by_split and "train" in by_split:
        shared = by_split["test"]["settings"] & by_split["train"]["settings"]
        print(f"test settings also in train: {len(shared)}")
    sents = [s for a in arts for s in sentences_of(a["text"])]
    pairs = near_duplicates(sents)
    print(f"near-duplicate check: {len(sents)} sentences, {len(pairs)} pairs sharing more than 80% of their tokens (Jaccard)")
    for jac, a, b in sorted(pairs, reverse=True)[:20]:
        print(f"  {jac:.2f}  {a[:70]!r}\n        {b[:70]!r}")
    return 0


# Issue 9's audit of the written corpus: frames that recur so often that a model learns
# them instead of stance. Mentions are replaced by one placeholder so "said X would" matches
# whatever X is.
FRAMES = [
    ("said X would VERB", re.compile(r"\bsaid \x00 would \w+")),
    ("warned/cautioned that", re.compile(r"\b(?:warned|cautioned) that\b")),
    ("ready/willing to", re.compile(r"\b(?:ready|willing) to\b")),
    ("welcomed the", re.compile(r"\bwelcomed the\b")),
    ("accused X of", re.compile(r"\baccused \x00 of\b")),
    ("opens with \"X said\" (<= 5 words)", re.compile(r"^(?:\S+\s+){0,4}said\b")),
]


def frame_figures(arts):
    sents, hits = 0, [0] * len(FRAMES)
    lengths, mentions, with_stance = [], 0, 0
    for a in arts:
        text, out, last = a["text"], [], 0
        for m in sorted(a["mentions"], key=lambda m: m["start"]):
            out.append(text[last:m["start"]] + "\x00")
            last = m["end"]
            mentions += 1
            with_stance += m["stance"] is not None
        out.append(text[last:])
        for sent in sentences_of("".join(out)):
            sents += 1
            lengths.append(len(sent.split()))
            for i, (_, rx) in enumerate(FRAMES):
                hits[i] += bool(rx.search(sent))
    mean = sum(lengths) / max(len(lengths), 1)
    sd = (sum((x - mean) ** 2 for x in lengths) / max(len(lengths), 1)) ** 0.5
    return sents, hits, mean, sd, mentions, with_stance


def cmd_frames(files):
    files = files or sorted(glob.glob(os.path.join(DATA, "source", "*.txt")))
    rows = [(os.path.basename(f), frame_figures(parse_file(f))) for f in files]
    rows.append(("all", frame_figures([a for f in files for a in parse_file(f)])))
    print("file\tsentences\t" + "\t".join(n for n, _ in FRAMES) + "\tlength mean\tlength sd\twith a stance")
    for name, (n, hits, mean, sd, ments, ws) in rows:
        shares = "\t".join(f"{100 * h / max(n, 1):.1f}%" for h in hits)
        print(f"{name}\t{n}\t{shares}\t{mean:.1f}\t{sd:.1f}\t{100 * ws / max(ments, 1):.1f}%")


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "build", "stats", "frames"):
        print(__doc__)
        return 64
    try:
        if argv[1] == "check":
            cmd_check(argv[2:])
        elif argv[1] == "build":
            cmd_build()
        elif argv[1] == "frames":
            cmd_frames(argv[2:])
        else:
            return cmd_stats()
    except MarkupError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
