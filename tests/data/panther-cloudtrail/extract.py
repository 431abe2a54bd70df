#!/usr/bin/env python3
"""Turn saved panther-analysis CloudTrail rule YAML files into tests.jsonl.

Usage:
    python3 extract.py RAW_DIR [OUT_JSONL]

RAW_DIR holds the rule files exactly as they were read from the public
repository panther-labs/panther-analysis (rules/aws_cloudtrail_rules/*.yml),
one file per rule (a long file may also be split in pages named
NAME.yml.part<OFFSET>, which are joined in offset order), plus:

  _meta.tsv     one line per file: <repo path> TAB <commit> TAB <total chars>
                (the commit and the length the read reported; the length is
                checked so that a truncated or altered copy is refused)
  _skipped.tsv  optional: files that were read but hold no CloudTrail tests
                (<repo path> TAB <commit> TAB <total chars> TAB <reason>)

Only files whose LogTypes include AWS.CloudTrail are used; every test with
a Log becomes one JSON line:

  {"rule", "severity", "title", "file", "commit", "test", "expected", "log"}

YAML -> JSON conversion keeps the record as written:
  * timestamps are never turned into datetime objects (they stay strings);
  * only true/false (any case) are booleans, only null/~/empty are null
    (YAML 1.1 yes/no/on/off stay strings);
  * a plain scalar is an integer only if it is a plain decimal without
    leading zeros ("0123" stays the string "0123"); octal, hex and
    sexagesimal forms stay strings;
  * a plain scalar that is a YAML float is written to JSON as the very same
    number text (e.g. 1.666275403e+12 stays 1.666275403e+12, 1.10 stays 1.10);
  * unquoted integers under keys named like accountId / recipientAccountId /
    account_id keep their original text as a string (account ids are strings
    in CloudTrail);
  * quoted scalars are always strings.
"""
import glob
import json
import os
import re
import sys

import yaml

INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
JSON_NUM_RE = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
ACCOUNT_KEY_RE = re.compile(r"(^|_)account_?id$|accountid$", re.I)


class RawNumber(float):
    """A float that remembers the exact text it was written with."""

    def __new__(cls, text):
        obj = float.__new__(cls, float(text))
        obj.text = text
        return obj


class PlainInt(int):
    """An int that came from an unquoted scalar (remembers its text)."""

    def __new__(cls, text):
        obj = int.__new__(cls, int(text))
        obj.text = text
        return obj


class Loader(yaml.SafeLoader):
    pass


# Start from no implicit resolvers at all and add only the ones we want.
Loader.yaml_implicit_resolvers = {}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""])
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", INT_RE, list("-+0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", FLOAT_RE, list("-+.0123456789"))


def _int(loader, node):
    return PlainInt(loader.construct_scalar(node))


def _float(loader, node):
    return RawNumber(loader.construct_scalar(node))


def _bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


Loader.add_constructor("tag:yaml.org,2002:int", _int)
Loader.add_constructor("tag:yaml.org,2002:float", _float)
Loader.add_constructor("tag:yaml.org,2002:bool", _bool)


def fix_account_ids(obj, key=None):
    """Unquoted integers under account-id keys keep their text as strings."""
    if isinstance(obj, dict):
        return {k: fix_account_ids(v, k) for k, v in obj.items()}
    if isinstance(obj, list):
        return [fix_account_ids(v, key) for v in obj]
    if isinstance(obj, PlainInt) and key is not None and ACCOUNT_KEY_RE.search(str(key)):
        return obj.text
    return obj


def to_json(obj):
    """json.dumps that writes RawNumber with its original text."""
    marks = {}

    def walk(o):
        if isinstance(o, dict):
            return {str(k): walk(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [walk(v) for v in o]
        if isinstance(o, RawNumber):
            if JSON_NUM_RE.match(o.text):
                token = "\u0000RAWNUM%d\u0000" % len(marks)
                marks[json.dumps(token)] = o.text
                return token
            return float(o)
        if isinstance(o, PlainInt):
            return int(o)
        return o

    s = json.dumps(walk(obj), ensure_ascii=False, sort_keys=False)
    for quoted, text in marks.items():
        s = s.replace(quoted, text)
    return s


def load_yaml(text):
    """Parse a rule file; if the whole file does not parse (a few upstream
    files have stray indentation in their metadata), parse each top-level
    key on its own and keep the ones that parse."""
    try:
        return yaml.load(text, Loader=Loader), []
    except yaml.YAMLError as e:
        whole_err = str(e).splitlines()[0]
    doc, bad = {}, []
    chunks, cur = [], []
    for line in text.splitlines(keepends=True):
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*:", line) and cur:
            chunks.append("".join(cur))
            cur = []
        cur.append(line)
    if cur:
        chunks.append("".join(cur))
    for ch in chunks:
        key = ch.split(":", 1)[0]
        try:
            part = yaml.load(ch, Loader=Loader)
            if isinstance(part, dict):
                doc.update(part)
        except yaml.YAMLError:
            bad.append(key)
    return doc, ["whole-file parse failed (%s); unparsable top-level keys skipped: %s"
                 % (whole_err, ", ".join(bad) or "none")]


def main():
    raw = sys.argv[1] if len(sys.argv) > 1 else "raw"
    out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "tests.jsonl")
    meta = {}
    with open(os.path.join(raw, "_meta.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                path, commit, n = line.rstrip("\n").split("\t")[:3]
                meta[path] = (commit, int(n))
    rows, report, problems, mocked = [], [], [], []
    for path in sorted(meta):
        commit, n = meta[path]
        base = os.path.basename(path)
        parts = glob.glob(os.path.join(raw, base)) + glob.glob(os.path.join(raw, base + ".part*"))
        parts.sort(key=lambda p: 0 if p.endswith(".yml") else int(p.rsplit("part", 1)[1]))
        if not parts:
            problems.append("%s: no saved text" % path)
            continue
        text = "".join(open(p, encoding="utf-8", newline="").read() for p in parts)
        if len(text) != n:
            problems.append("%s: saved text has %d chars, read reported %d" % (path, len(text), n))
            continue
        doc, notes = load_yaml(text)
        for note in notes:
            report.append("%s: %s" % (path, note))
        log_types = doc.get("LogTypes") or []
        if "AWS.CloudTrail" not in log_types:
            report.append("%s: skipped (%s, LogTypes=%s)" % (
                path, doc.get("AnalysisType"), log_types or "none"))
            continue
        count = 0
        for t in doc.get("Tests") or []:
            if "Log" not in t:
                continue
            log = fix_account_ids(t["Log"])
            row = {
                "rule": str(doc.get("RuleID")),
                "severity": str(doc.get("Severity")).strip(),
                "title": str(doc.get("DisplayName")),
                "file": path,
                "commit": commit,
                "test": str(t.get("Name")),
                "expected": bool(t.get("ExpectedResult")),
                "log": log,
            }
            if not isinstance(t.get("ExpectedResult"), bool):
                problems.append("%s: test %r has non-boolean ExpectedResult" % (path, t.get("Name")))
            if not isinstance(log, dict):
                problems.append("%s: test %r Log is not a mapping" % (path, t.get("Name")))
            if t.get("Mocks"):
                mocked.append("%s: %r mocks %s" % (path, t.get("Name"), ", ".join(
                    str(m.get("objectName")) for m in t["Mocks"] if isinstance(m, dict))))
            rows.append(row)
            count += 1
        report.append("%s: %d tests" % (path, count))
    skipped = os.path.join(raw, "_skipped.tsv")
    if os.path.exists(skipped):
        for line in open(skipped, encoding="utf-8"):
            if line.strip():
                p, c, n, why = line.rstrip("\n").split("\t")[:4]
                report.append("%s: skipped (%s)" % (p, why))
    with open(out_path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write("{" + ", ".join([
                '"rule": ' + json.dumps(r["rule"], ensure_ascii=False),
                '"severity": ' + json.dumps(r["severity"]),
                '"title": ' + json.dumps(r["title"], ensure_ascii=False),
                '"file": ' + json.dumps(r["file"]),
                '"commit": ' + json.dumps(r["commit"]),
                '"test": ' + json.dumps(r["test"], ensure_ascii=False),
                '"expected": ' + json.dumps(r["expected"]),
                '"log": ' + to_json(r["log"]),
            ]) + "}\n")
    for line in report:
        print(line)
    for m in mocked:
        print("USES MOCKS (expected result depends on mocked helper state):", m)
    for p in problems:
        print("PROBLEM:", p)
    t = sum(1 for r in rows if r["expected"])
    print("rules with tests: %d, tests: %d (true %d, false %d)" % (
        len({r["file"] for r in rows}), len(rows), t, len(rows) - t))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
