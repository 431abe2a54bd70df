#!/usr/bin/env python3
"""make-big-history.py: a git repository the size of a large real project's history (rocksdb:
~16,800 commits, ~3.6 GB of blob content), for measuring the history scan's time and peak memory.

A tree of source-like files changes a few files a commit; a few AWS keys are planted along the
way. Built with git fast-import; seeded, so a seed gives the same repository.
usage: make-big-history.py OUT [--commits N] [--files F] [--size BYTES] [--seed S]"""
import argparse, random, string, subprocess, sys

WORDS = ("status options table column block cache index iterator compaction snapshot version "
         "manifest write read merge key value slice range filter bloom level file size count "
         "flush memtable sequence number batch record offset checksum handle buffer").split()


def line(r):
    kind = r.random()
    if kind < 0.5:
        return "  %s %s_%s = %s(%s, %d);\n" % (r.choice(["int", "auto", "Status", "size_t"]),
                                             r.choice(WORDS), r.choice(WORDS), r.choice(WORDS).title(),
                                             r.choice(WORDS), r.randrange(1000))
    if kind < 0.8:
        return "  // %s\n" % " ".join(r.choice(WORDS) for _ in range(r.randrange(4, 12)))
    return "  if (%s_%s > %d) { return %s(); }\n" % (r.choice(WORDS), r.choice(WORDS),
                                                    r.randrange(100), r.choice(WORDS))


def key(r):
    return "AKIA" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, default=16800)
    ap.add_argument("--files", type=int, default=1500)
    ap.add_argument("--size", type=int, default=3_600_000_000, help="blob bytes in all")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    r = random.Random(a.seed)
    subprocess.run(["git", "init", "-q", a.out], check=True)
    fi = subprocess.Popen(["git", "-C", a.out, "fast-import", "--quiet", "--big-file-threshold=1k"],
                          stdin=subprocess.PIPE)
    w = fi.stdin.write
    per_commit = max(1, a.size // a.commits)
    # files of 10-90 KB, as lists of lines
    files = {}
    for i in range(a.files):
        path = "src/%s/%s_%d.cc" % (r.choice(WORDS), r.choice(WORDS), i)
        files[path] = [line(r) for _ in range(r.randrange(150, 1300))]
    paths = sorted(files)
    mark = 0
    planted = 0
    when = 1_400_000_000
    for c in range(a.commits):
        changed = []
        size = 0
        while size < per_commit:
            p = r.choice(paths)
            body = files[p]
            for _ in range(r.randrange(1, 6)):
                body[r.randrange(len(body))] = line(r)
            if r.random() < 0.01:
                body.insert(r.randrange(len(body)), '  const char *aws_key = "%s";\n' % key(r))
                planted += 1
            data = "".join(body).encode()
            size += len(data)
            changed.append((p, data))
        if c == 0:
            done = {p for p, _ in changed}
            changed += [(p, "".join(files[p]).encode()) for p in paths if p not in done]
        marks = []
        for p, data in changed:
            mark += 1
            w(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
            marks.append((p, mark))
        when += 600
        msg = ("change %d\n" % c).encode()
        w(b"commit refs/heads/main\ncommitter Dana Dev <dana@example.com> %d +0000\ndata %d\n%s"
          % (when, len(msg), msg))
        for p, m in marks:
            w(b"M 100644 :%d %s\n" % (m, p.encode()))
        w(b"\n")
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("fast-import failed")
    print("%d commits, %d files, %d keys planted" % (a.commits, a.files, planted))


if __name__ == "__main__":
    main()
