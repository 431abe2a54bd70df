#!/usr/bin/env python3
"""make-tree.py: a directory of at least N MB of real text from this machine (/usr/include,
/usr/share, /usr/lib's text files), with AWS key pairs planted in some files, for the directory
benchmark. Prints how many files and bytes, and how many keys were planted."""
import os, random, shutil, string, sys

out, want_mb = sys.argv[1], int(sys.argv[2])
want = want_mb * 1000 * 1000
rnd = random.Random(5)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = string.ascii_letters + string.digits + "+/"
total = files = planted = 0
os.makedirs(out, exist_ok=True)


def is_text(path):
    try:
        with open(path, "rb") as f:
            head = f.read(8000)
        return b"\0" not in head and len(head) > 0
    except OSError:
        return False


for root in ["/usr/include", "/usr/share", "/usr/lib"]:
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            src = os.path.join(d, n)
            if total >= want:
                break
            if os.path.islink(src) or not os.path.isfile(src) or not is_text(src):
                continue
            size = os.path.getsize(src)
            if size > 50 * 1000 * 1000:
                continue
            dst = os.path.join(out, src.lstrip("/"))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            files += 1
            total += size
            if files % 500 == 0:
                k = "AKIA" + "".join(rnd.choice(B32) for _ in range(16))
                s = "".join(rnd.choice(B64) for _ in range(40))
                with open(dst, "a") as f:
                    f.write("\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (k, s))
                planted += 1
print("%d files, %.1f MB, %d key pairs planted" % (files, total / 1e6, planted))
