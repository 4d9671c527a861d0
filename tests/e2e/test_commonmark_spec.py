"""test_commonmark_spec.py: every example of the CommonMark spec (0.30,
as Debian's golang-github-yuin-goldmark-dev ships it in spec.json)
compiles in a brief: the move to cmark-gfm keeps what CommonMark writers
write working. Examples that show images name files that do not exist:
each of those compiles alone and fails only with that image's error."""
import json
import os
import re

from tap import check, done, qpdf_check, run, tmpdir, write

SPEC = "/usr/share/gocode/src/github.com/yuin/goldmark/_test/spec.json"
examples = json.load(open(SPEC, encoding="utf-8"))
check(len(examples) >= 600, "the spec's examples are at hand (%d)" % len(examples))

d = tmpdir()
plain, with_images = [], []
for e in examples:
    (with_images if "![" in e["markdown"] or "<img" in e["markdown"] else plain).append(e)
sections = []
for e in plain:
    name = "ex%03d.md" % e["example"]
    write(os.path.join(d, name), e["markdown"])
    sections.append("  - file: %s\n" % name)
write(os.path.join(d, "spec.yaml"), "title: CommonMark examples\nsections:\n" + "".join(sections))
pdf = os.path.join(d, "spec.pdf")
rc, out, err = run(["compile", os.path.join(d, "spec.yaml"), "-o", pdf])
errors = [l for l in err.splitlines() if ": error:" in l]
check(rc == 0 and not errors, "%d examples compile in one brief" % len(plain), "\n".join(errors[:20]) or err[-2000:])
ok, msg = qpdf_check(pdf)
check(ok, "qpdf --check passes on it", msg)

bad = []
for e in with_images:
    name = "img%03d" % e["example"]
    write(os.path.join(d, name + ".md"), e["markdown"])
    write(os.path.join(d, name + ".yaml"), "title: I\nsections:\n  - file: %s.md\n" % name)
    rc, out, err = run(["compile", os.path.join(d, name + ".yaml"), "-o", os.path.join(d, name + ".pdf")])
    errs = [l for l in err.splitlines() if ": error:" in l]
    if rc not in (0, 1) or any("image" not in l for l in errs):
        bad.append((e["example"], rc, errs[:3]))
check(not bad, "the %d examples with images compile or fail only on the missing image" % len(with_images), bad)
done()
