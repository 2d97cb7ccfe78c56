"""Reads a Spanmark export the way a training pipeline would, with the standard library only.

Usage: check_export.py FORMAT EXPORT_PATH CORPUS_DIR
Asserts that every span's offsets slice its text out of the document (Python
str indexing: code points, end exclusive) and prints the spans as JSON:
[[doc_id, start, end, label, text, note], ...] sorted.
"""
import csv
import io
import json
import os
import sys
import zipfile


def corpus_text(corpus, doc_id):
    with open(os.path.join(corpus, doc_id), encoding="utf-8", newline="") as f:
        return f.read()


def check_spanmark(path, corpus):
    data = json.load(open(path, encoding="utf-8"))
    assert data["format"] == "spanmark" and data["version"] == 1
    out = []
    for doc in data["documents"]:
        text = doc["text"]
        assert text == corpus_text(corpus, doc["id"]), doc["id"]
        for s in doc["spans"]:
            start, end = s["start"], s["end"]
            assert text[start:end] == s["text"] == s["quote"], (doc["id"], s)
            assert text[max(0, start - 32):start] == s["prefix"], s
            assert text[end:end + 32] == s["suffix"], s
            out.append([doc["id"], start, end, s["label"], s["text"], s["note"] or ""])
    return out


def check_jsonl(path, corpus):
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            assert text == corpus_text(corpus, doc["id"]), doc["id"]
            for start, end, label in doc["label"]:
                assert 0 <= start < end <= len(text)
                out.append([doc["id"], start, end, label, text[start:end], ""])
    return out


def check_brat(path, corpus):
    out = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for ann_name in [n for n in names if n.endswith(".ann")]:
            stem = ann_name[: -len(".ann")]
            text = archive.read(stem + ".txt").decode("utf-8")
            doc_id = os.path.basename(stem) + ".txt"
            assert text == corpus_text(corpus, doc_id), doc_id
            notes = {}
            spans = []
            for line in archive.read(ann_name).decode("utf-8").split("\n"):
                if line.startswith("#"):
                    _, ref, note = line.split("\t")
                    notes[ref.split(" ")[1]] = note
                elif line.startswith("T"):
                    key, label_offsets, covered = line.split("\t")
                    label, offsets = label_offsets.split(" ", 1)
                    fragments = [tuple(map(int, part.split(" "))) for part in offsets.split(";")]
                    for a, b in fragments:
                        assert "\n" not in text[a:b] and "\r" not in text[a:b], (key, a, b)
                    assert covered == " ".join(text[a:b] for a, b in fragments), (key, covered)
                    start, end = fragments[0][0], fragments[-1][1]
                    spans.append((key, [doc_id, start, end, label, text[start:end]]))
            out.extend(span + [notes.get(key, "")] for key, span in spans)
    return out


def check_csv(path, corpus):
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        text = corpus_text(corpus, row["doc_id"])
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == row["text"], row
        out.append([row["doc_id"], start, end, row["label"], row["text"], row["note"]])
    return out


def check_w3c(path, corpus):
    data = json.load(open(path, encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    out = []
    for item in data["first"]["items"]:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        text = corpus_text(corpus, item["target"]["source"])
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], item
        assert text[max(0, start - 32):start] == quote["prefix"], item
        label = next(b["value"] for b in item["body"] if b["purpose"] == "tagging")
        note = next((b["value"] for b in item["body"] if b["purpose"] == "commenting"), "")
        out.append([item["target"]["source"], start, end, label, quote["exact"], note])
    return out


if __name__ == "__main__":
    fmt, path, corpus = sys.argv[1:4]
    spans = globals()["check_" + fmt](path, corpus)
    print(json.dumps(sorted(spans), ensure_ascii=False))
