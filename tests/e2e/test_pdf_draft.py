"""test_pdf_draft.py: the draft mark. draft: true draws "DRAFT" along
every page's diagonal (a turned text matrix, 10% see-through, in a span
whose ActualText is empty), and nothing of it without draft; the text
extracts exactly as without the mark; the mark's glyphs are in the font
subset (the page renders differently); watermark: in the brief or its
style gives the text, and draft: false turns a style's mark off."""
import os
import re
import subprocess

from tap import check, done, page_count, run, tmpdir, write

d = tmpdir()
PARA = " ".join(["Refugee protection depends on access to the border region and on screening."] * 14)
write(os.path.join(d, "body.md"), "\n\n".join("# Part %d\n\nPARA%d %s" % (i, i, PARA) for i in range(8)) + "\n")
BRIEF = "title: Draft test\n%ssections:\n  - file: body.md\n"


def compile_brief(name, head, style=None):
    if style is not None:
        write(os.path.join(d, "styles", name + ".yaml"), style)
        head += "style: %s\n" % name
    write(os.path.join(d, name + ".yaml"), BRIEF % head)
    pdf = os.path.join(d, name + ".pdf")
    rc, out, err = run(["compile", name + ".yaml", "-o", pdf, "--strict"], cwd=d,
                       env={"SOURCE_DATE_EPOCH": "1700000000"})
    return rc, err, pdf


def page_streams(pdf):
    """The content stream of each page, from qpdf --qdf."""
    raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                         capture_output=True).stdout.decode("latin-1")
    parts = re.split(r"%% Contents for page \d+\n", raw)[1:]
    return [p.split("endstream")[0] for p in parts]


def hexcodes(text):
    return "".join("%04X" % ord(c) for c in text)


def marks(stream, text):
    """Draft marks in a page's stream: an empty-ActualText span holding a
    turned Tm (a, b nonzero) and the text's glyphs."""
    pat = (r"/Span <</ActualText \(\)>> BDC\s+q\s+/\w+ gs\s+BT.*?"
           r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) [\d.]+ [\d.]+ Tm\s+\[<%s>\] TJ\s+ET\s+Q\s+EMC") % hexcodes(text)
    return [m for m in re.finditer(pat, stream, re.S | re.I) if float(m.group(2)) > 0.5 and float(m.group(3)) < -0.5]


def text_of(pdf):
    return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout


def gray(pdf, page):
    """The page rendered at 20 dpi, as bytes of gray."""
    out = subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", str(page), "-l", str(page), pdf],
                         capture_output=True).stdout
    header = out.split(b"\n", 3)
    return header[3]


rc, err, plain = compile_brief("plain", "")
rc2, err2, draft = compile_brief("draft", "draft: true\n")
check(rc == 0 and rc2 == 0, "a brief compiles with and without draft: true", err + err2)
n = page_count(draft)
streams = page_streams(draft)
check(n >= 3 and len(streams) == n, "a brief of %d pages" % n)
check(all(len(marks(s, "DRAFT")) == 1 for s in streams), "every page carries one turned, see-through DRAFT",
      [len(marks(s, "DRAFT")) for s in streams])
check(not any("ActualText" in s or "DRAFT" in s for s in page_streams(plain)) and
      not re.search(rb"/ca ", subprocess.run(["qpdf", "--qdf", plain, "-"], capture_output=True).stdout),
      "without draft: no mark and no see-through state")
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", draft, "-"], capture_output=True).stdout
check(re.search(rb"/ca 0\.1\b", raw) is not None, "the mark is 10% opaque (an ExtGState /ca 0.1)")
check(page_count(plain) == n and text_of(plain) == text_of(draft),
      "the text extracts exactly as without the mark, in the same order")

# The glyphs of a mark the text does not use are in the subset: the
# rendered page differs from the unmarked one along the diagonal.
rc, err, odd = compile_brief("odd", "watermark: QXJZ\n")
check(rc == 0 and all(len(marks(s, "QXJZ")) == 1 for s in page_streams(odd)),
      "watermark: in the brief gives the mark's text", err)
a, b = gray(plain, 2), gray(odd, 2)
changed = sum(1 for x, y in zip(a, b) if abs(x - y) > 8)
check(len(a) == len(b) and changed > 50, "the mark is drawn, its glyphs embedded (%d pixels differ)" % changed)
check(min(b) >= 0 and all(y >= x - 40 for x, y in zip(a, b)),
      "and it is light: no pixel darkens by more than a sixth")

# A style's watermark, and draft: false turning it off.
rc, err, st = compile_brief("house", "", "watermark: INTERNAL\n")
check(rc == 0 and all(len(marks(s, "INTERNAL")) == 1 for s in page_streams(st)),
      "a style's watermark: marks every brief in that style", err)
rc, err, st2 = compile_brief("house2", "draft: true\n", "watermark: INTERNAL\n")
check(rc == 0 and all(len(marks(s, "INTERNAL")) == 1 for s in page_streams(st2)),
      "draft: true with a style's watermark shows the style's text", err)
rc, err, off = compile_brief("house3", "draft: false\n", "watermark: INTERNAL\n")
check(rc == 0 and not any("ActualText" in s for s in page_streams(off)),
      "draft: false turns the style's mark off", err)
write(os.path.join(d, "styles", "bad.yaml"), "watermark: [A]\n")
write(os.path.join(d, "bad.yaml"), BRIEF % "style: bad\n")
rc, out, err = run(["check", "bad.yaml"], cwd=d)
check(rc == 1 and "bad.yaml:1:12: error: 'watermark' must be text, not a list" in err,
      "a style's watermark: is checked at its line and column", err)
done()
