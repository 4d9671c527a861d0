"""test_disk_full.py: a full disk is a clear error (a hint that says the
disk is full), never a truncated PDF, and the previous PDF stays as it
was. Needs a small tmpfs (mount as root); skipped where none can be made."""
import os
import subprocess
import sys

from tap import ROOT, check, done, run, tmpdir, write

d = tmpdir()
full = os.path.join(d, "full")
os.mkdir(full)
if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", full], capture_output=True).returncode != 0:
    print("ok 1 - # SKIP cannot mount a small tmpfs here")
    print("1..1")
    sys.exit(0)
try:
    small = os.path.join(d, "small.yaml")
    write(small, "title: Small\nsections:\n  - markdown: A short text.\n")
    out = os.path.join(full, "x.pdf")
    rc, o, e = run(["compile", small, "-o", out])
    check(rc == 0, "a small PDF fits", e)
    before = open(out, "rb").read()
    rc, o, e = run(["compile", os.path.join(ROOT, "briefs", "forced-returns.yaml"), "-o", out])
    check(rc == 1 and "is full" in e and "free some space" in e, "a full disk is an error that says so", e)
    check(open(out, "rb").read() == before, "the previous PDF stays byte-identical")
    check(os.listdir(full) == ["x.pdf"], "no temporary file is left", os.listdir(full))
finally:
    subprocess.run(["umount", full])
done()
