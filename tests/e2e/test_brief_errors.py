"""test_brief_errors.py: every kind of mistake in a brief's YAML is an
error at its file, line and column, with a hint where one helps, and
`briefc check` reports all of them in one run."""
import os

from tap import check, done, run, tmpdir, write

d = tmpdir()
write(os.path.join(d, "sections", "ok.md"), "Text.\n")


def errors_of(yaml, name="b.yaml"):
    write(os.path.join(d, name), yaml)
    rc, out, err = run(["check", name], cwd=d)
    return rc, err


cases = [
    ("unknown key with a hint", "title: X\ntitel: Y\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:1: error: unknown key 'titel'"]),
    ("missing required key", "subtitle: X\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:1:1: error: a brief needs a 'title' key"]),
    ("wrong type", "title: [a, b]\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:1:8: error: 'title' must be text, not a list"]),
    ("bad date", "title: X\ndate: 2026-02-30\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:7: error: '2026-02-30' is not a date"]),
    ("bad paper with a hint", "title: X\npaper: leter\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:8: error: unknown paper size 'leter'", "did you mean 'letter'"]),
    ("missing section file", "title: X\nsections:\n  - file: sections/nope.md\n",
     ["b.yaml:3:11: error: cannot open section file", "nope.md"]),
    ("section outside the folder", "title: X\nsections:\n  - file: ../outside.md\n",
     ["b.yaml:3:11: error:"]),
    ("absolute section path", "title: X\nsections:\n  - file: /etc/passwd\n",
     ["b.yaml:3:11: error: section files must be inside the brief's folder"]),
    ("unknown section kind", "title: X\nsections:\n  - fiel: sections/ok.md\n",
     ["b.yaml:3:5: error: unknown section kind 'fiel'", "did you mean 'file'"]),
    ("duplicate key", "title: X\ntitle: Y\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:1: error: duplicate key 'title'", "b.yaml:1:1: note:"]),
    ("alias", "title: &t X\nsubtitle: *t\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:1:8: error: anchors and aliases"]),
    ("two documents", "title: X\nsections:\n  - file: sections/ok.md\n---\ntitle: Y\n",
     ["b.yaml:4:1: error: a brief file holds one YAML document"]),
    ("syntax error", "title: X\nsections: [a, b\n",
     ["b.yaml:3:1: error:"]),
    ("empty file", "", ["b.yaml:1:1: error: the brief is empty"]),
    ("not a mapping", "- a\n- b\n", ["b.yaml:1:1: error: a brief is a mapping"]),
    ("empty sections", "title: X\nsections: []\n", ["b.yaml:2:11: error: 'sections' is empty"]),
    ("empty title", "title: ''\nsections:\n  - file: sections/ok.md\n", ["b.yaml:1:8: error: 'title' must not be empty"]),
]
for what, yaml, expect in cases:
    rc, err = errors_of(yaml)
    check(rc == 1 and all(e in err for e in expect), what, err)

# Invalid UTF-8: in the YAML, and in a Markdown file (at its own line and column).
with open(os.path.join(d, "bad.yaml"), "wb") as f:
    f.write(b"title: ok\nsubtitle: caf\xe9\nsections:\n  - file: sections/ok.md\n")
rc, out, err = run(["check", "bad.yaml"], cwd=d)
check(rc == 1 and "bad.yaml:2:14: error: this byte is not UTF-8" in err, "invalid UTF-8 in the YAML", err)
with open(os.path.join(d, "sections", "latin1.md"), "wb") as f:
    f.write(b"# Title\n\nna\xefve\n")
rc, err = errors_of("title: X\nsections:\n  - file: sections/latin1.md\n")
check(rc == 1 and "latin1.md:3:3: error:" in err and "UTF-8" in err, "invalid UTF-8 in a Markdown file", err)

# Several errors: all reported in one run.
rc, err = errors_of("titel: X\npaper: legal\ndate: tomorrow\nsections:\n  - file: sections/none.md\n  - markdown: ok\n  - bogus: 1\n")
lines = [l for l in err.splitlines() if ": error:" in l]
check(rc == 1 and len(lines) == 6, "six errors in one brief are all reported (%d)" % len(lines), err)

# `today` and YYYY-MM are dates.
rc, err = errors_of("title: X\ndate: today\nsections:\n  - file: sections/ok.md\n")
check(rc == 0, "date: today", err)
rc, err = errors_of("title: X\ndate: 2026-11\nauthor: [A, B]\nsections:\n  - file: sections/ok.md\n")
check(rc == 0, "date: YYYY-MM and a list of authors", err)
done()
