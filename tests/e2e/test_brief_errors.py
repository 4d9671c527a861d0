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
    # Structure: page breaks, annexes, toc-depth, the draft mark.
    ("toc-depth out of range", "title: X\ntoc-depth: 9\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:12: error: 'toc-depth' must be a number from 1 to 6, not '9'", "hint: toc-depth: 1 lists"]),
    ("toc-depth not whole", "title: X\ntoc-depth: 2.5\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:12: error: 'toc-depth' must be a whole number from 1 to 6, not '2.5'"]),
    ("toc-depth misspelt", "title: X\ntoc-dept: 2\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:1: error: unknown key 'toc-dept'", "did you mean 'toc-depth'"]),
    ("a page break misspelt", "title: X\nsections:\n  - file: sections/ok.md\n  - pagebrake\n",
     ["b.yaml:4:5: error: unknown section 'pagebrake'", "did you mean 'pagebreak'"]),
    ("a missing annex file", "title: X\nsections:\n  - file: sections/ok.md\n  - annex: sections/nope.md\n",
     ["b.yaml:4:12: error: cannot open annex file", "nope.md"]),
    ("an annex outside the folder", "title: X\nsections:\n  - file: sections/ok.md\n  - annex: ../x.md\n",
     ["b.yaml:4:12: error: annex files must be inside the brief's folder"]),
    ("annex misspelt", "title: X\nsections:\n  - file: sections/ok.md\n  - anex: sections/ok.md\n",
     ["b.yaml:4:5: error: unknown section kind 'anex'", "did you mean 'annex'"]),
    ("a title on a file section", "title: X\nsections:\n  - {file: sections/ok.md, title: T}\n",
     ["b.yaml:3:28: error: only an annex takes a 'title'", "b.yaml:3:6: note: this section is a 'file'"]),
    ("a body section after an annex",
     "title: X\nsections:\n  - annex: sections/ok.md\n  - sources\n  - pagebreak\n  - markdown: late\n",
     ["b.yaml:6:5: error: this section follows an annex", "b.yaml:3:5: note: the first annex is here",
      "only '- sources', '- pagebreak' and other annexes"]),
    ("an annex without a title", "title: X\nsections:\n  - file: sections/ok.md\n  - annex: sections/ok.md\n",
     ["b.yaml:4:5: error: annex '", "has no title: it does not start with a heading", "title: TITLE"]),
    ("draft not a boolean", "title: X\ndraft: maybe\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:8: error: 'draft' must be true or false"]),
    ("watermark not text", "title: X\nwatermark: [A, B]\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:12: error: 'watermark' must be text, not a list"]),
    ("watermark on two lines", "title: X\nwatermark: |\n  ONE\n  TWO\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:12: error: 'watermark' is one line of text"]),
    ("draft: false with a watermark", "title: X\ndraft: false\nwatermark: COPY\nsections:\n  - file: sections/ok.md\n",
     ["b.yaml:2:1: error: 'draft: false' and a 'watermark:' contradict each other",
      "b.yaml:3:1: note: the watermark is given here"]),
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

# A page break that ends the brief starts nothing: a warning, an error under --strict.
write(os.path.join(d, "end.yaml"), "title: X\nsections:\n  - file: sections/ok.md\n  - pagebreak\n")
rc, out, err = run(["check", "end.yaml"], cwd=d)
check(rc == 0 and "end.yaml:4:5: warning: a page break at the end starts no page" in err,
      "a page break at the end is a warning at its line", err)
rc, out, err = run(["check", "--strict", "end.yaml"], cwd=d)
check(rc == 1, "and an error under --strict", err)

# `today` and YYYY-MM are dates.
rc, err = errors_of("title: X\ndate: today\nsections:\n  - file: sections/ok.md\n")
check(rc == 0, "date: today", err)
rc, err = errors_of("title: X\ndate: 2026-11\nauthor: [A, B]\nsections:\n  - file: sections/ok.md\n")
check(rc == 0, "date: YYYY-MM and a list of authors", err)
done()
