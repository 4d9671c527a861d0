"""test_pdf_packet.py: a hearing packet (briefs/hearing-2023.yaml) as one
PDF: Page X of Y of the packet on every page after the cover, page labels
that match, contents page numbers that are the real pages of their links'
destinations, footnotes restarting at 1 in each document, a bound PDF's
pages keeping their text under the packet's stamp, bookmarks nested three
levels, each face embedded once, qpdf --check clean. Then the failures: a
document with an unknown citation, a damaged or an encrypted PDF fail at
their line:col and leave the previous PDF byte-identical; recto: and a
roman front matter; `briefc check` per document; docs/PACKETS.md's
example compiles."""
import json
import os
import re
import shutil
import subprocess

from tap import ROOT, check, done, fonts, internal_links, pages_text, qpdf_check, run, tmpdir, tool, write

d = tmpdir()
packet = os.path.join(ROOT, "briefs", "hearing-2023.yaml")
pdf = os.path.join(d, "hearing.pdf")
env = {"SOURCE_DATE_EPOCH": "1700000000"}
rc, out, err = run(["compile", packet, "-o", pdf], env=env)
check(rc == 0, "the example packet compiles", err)
pages, perr = pages_text(pdf)
n = len(pages)
check(n >= 20, "one PDF of all the documents (%d pages)" % n)


def qjson(path):
    rc, o, e = tool(["qpdf", "--json", path])
    return json.loads(o)


j = qjson(pdf)


def labels(j, n):
    """Each page's label as a reader shows it, from /PageLabels."""
    ranges = sorted((r["index"], r["label"]) for r in j.get("pagelabels", []))
    out = []
    for p in range(n):
        lab = str(p + 1)
        for idx, l in ranges:
            if idx <= p:
                k = l.get("/St", 1) + p - idx
                lab = roman(k) if l.get("/S") == "/r" else str(k)
        out.append(lab)
    return out


def roman(k):
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
            (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    s = ""
    for v, r in vals:
        while k >= v:
            s += r
            k -= v
    return s


labs = labels(j, n)
folios = [re.search(r"Page (\d+) of (\d+)", p) for p in pages]
check(not folios[0], "the cover carries no page number")
bad = [i + 1 for i in range(1, n) if not folios[i] or folios[i].group(1) != str(i + 1) or folios[i].group(2) != str(n)]
check(not bad, "every page after the cover says Page X of %d, X its place in the packet" % n, "pages: %s" % bad)
check(j.get("pagelabels"), "the PDF has page labels")
check(labs == [str(i + 1) for i in range(n)], "the page labels match the printed numbers", labs)

# The contents: each entry's printed number is the page its link goes to.
toc_page = next(i for i, p in enumerate(pages) if re.search(r"^Contents$", p, re.M))
layout = tool(["pdftotext", "-layout", "-f", str(toc_page + 1), "-l", str(toc_page + 1), pdf, "-"])[1]
entries = [int(m) for m in re.findall(r"(?:\. ?){3,}\s*(\d+)\s*$", layout, re.M)]
links = sorted([l for l in internal_links(pdf) if l[0] == toc_page], key=lambda l: -float(l[2][1]))
check(len(entries) >= 5 and len(entries) == len(links),
      "the contents list the documents and their headings, each a link (%d entries, %d links)" % (len(entries), len(links)), layout)
wrong = ["entry %d says %d, links to page %s" % (k, e, labs[l[1]] if l[1] >= 0 else "?")
         for k, (e, l) in enumerate(zip(entries, links)) if l[1] < 0 or labs[l[1]] != str(e)]
check(not wrong, "every contents number is the packet page of its link's destination", "\n".join(wrong))
check("Witness List" in "".join(pages[:toc_page + 1]) and "Jung-Hoon Lee" in "".join(pages[:toc_page + 1]),
      "the front matter lists the witness")

# Each document carries its own page numbers too.
check(any("Lee testimony, p. 1" in p for p in pages) and any("Lee testimony, p. 2" in p for p in pages),
      "Lee's testimony pages carry their own numbers (Lee testimony, p. N)")

# The second document's notes start again at 1.
alone = os.path.join(d, "fr.pdf")
rc, o, e = run(["compile", os.path.join(ROOT, "briefs", "forced-returns.yaml"), "-o", alone], env=env)
fr_pages, _ = pages_text(alone)
first_note = next(m.group(0) for p in fr_pages for m in [re.search(r"^1 \S.{10,40}", p, re.M)] if m)
fr_start = next(i for i, p in enumerate(pages) if "Forced returns brief, p. 1" in p)
check(any(first_note in p for p in pages[fr_start:fr_start + len(fr_pages)]),
      "the forced-returns brief's first note is numbered 1 in the packet (%r)" % first_note)

# The bound PDF: its text is there, under the packet's stamp.
hrw = [i for i, p in enumerate(pages) if "HRW press release, p." in p]
check(hrw and all("Brad Adams" in "".join(pages[hrw[0]:hrw[-1] + 1]) for _ in [0]),
      "the bound press release keeps its text (pdftotext finds it)")
check(hrw and all(folios[i] and folios[i].group(1) == str(i + 1) for i in hrw),
      "each bound page carries the packet's page number")
src = os.path.join(ROOT, "briefs", "statements", "hrw-press-release.pdf")
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
check(b"/URI (https://www.hrw.org)" in qdf, "the bound PDF's web link is kept")

# Bookmarks: packet > document > headings.
def depth(items):
    return 1 + max((depth(i["kids"]) for i in items if i.get("kids")), default=0) if items else 0

check(depth(j.get("outlines", [])) >= 3, "bookmarks nest at least three levels (%d)" % depth(j.get("outlines", [])))
top = [o["title"] for o in j.get("outlines", [])]
check(len(top) == 1, "one top bookmark: the packet", top)
ok, msg = qpdf_check(pdf)
check(ok and "No syntax or stream encoding errors" in msg, "qpdf --check passes", msg)
names = [f["name"] for f in fonts(pdf)]
ours = [re.sub(r"^[A-Z]{6}\+", "", x) for x in names]
check(len(ours) == len(set(ours)), "pdffonts lists each face once", "\n".join(sorted(ours)))
rc, out2, err2 = run(["compile", packet, "-o", pdf + "2"], env=env)
check(open(pdf, "rb").read() == open(pdf + "2", "rb").read(), "the packet is reproducible under SOURCE_DATE_EPOCH")

# briefc check: words, pages, reading time.
rc, out, err = run(["check", packet])
check(rc == 0 and re.search(r"Lee testimony\s+\d+ words\s+\d+ pages\s+read aloud in about [\d.]+ min", out),
      "check prints each document's words, pages and a testimony's reading time", out + err)
check(re.search(r"HRW press release.*\d+ page", out), "check counts the bound PDF's pages", out)

# Failures leave the previous PDF as it was.
w = os.path.join(d, "w")
write(os.path.join(w, "a.yaml"), "title: First\nsections:\n  - markdown: Plain text.\n")
write(os.path.join(w, "b.yaml"), "title: Second\nsections:\n  - file: b.md\n")
write(os.path.join(w, "b.md"), "# Second\n\nA claim.[@nowhere-2020]\n")
shutil.copy(src, os.path.join(w, "good.pdf"))
good = "packet:\n  title: A hearing\n  documents:\n    - brief: a.yaml\n    - pdf: good.pdf\n      title: Statement\n"
write(os.path.join(w, "p.yaml"), good)
target = os.path.join(w, "p.pdf")
rc, out, err = run(["compile", os.path.join(w, "p.yaml"), "-o", target], env=env)
check(rc == 0, "a small packet compiles", err)
before = open(target, "rb").read()

write(os.path.join(w, "p.yaml"), good + "    - brief: b.yaml\n")
rc, out, err = run(["compile", os.path.join(w, "p.yaml"), "-o", target], env=env)
check(rc == 1 and re.search(r"b\.md:3:\d+: error: unknown source '@nowhere-2020'", err),
      "an unknown citation in the second brief fails at its section file's line:col", err)
check(open(target, "rb").read() == before, "... and the previous packet PDF stays byte-identical")

data = open(src, "rb").read()
open(os.path.join(w, "damaged.pdf"), "wb").write(data[: len(data) // 2])
write(os.path.join(w, "p.yaml"), good + "    - pdf: damaged.pdf\n      title: Broken\n")
rc, out, err = run(["compile", os.path.join(w, "p.yaml"), "-o", target], env=env)
check(rc == 1 and re.search(r"p\.yaml:7:12: error: cannot bind 'damaged\.pdf'", err) and "damaged" in err,
      "a damaged PDF fails at the packet's line:col", err)
check(open(target, "rb").read() == before, "... and the previous packet PDF stays byte-identical")

rc, o, e = tool(["qpdf", "--encrypt", "", "owner", "256", "--", src, os.path.join(w, "locked.pdf")])
write(os.path.join(w, "p.yaml"), good + "    - pdf: locked.pdf\n      title: Locked\n")
rc, out, err = run(["compile", os.path.join(w, "p.yaml"), "-o", target], env=env)
check(rc == 1 and re.search(r"p\.yaml:7:12: error: cannot bind 'locked\.pdf': it is encrypted", err),
      "an encrypted PDF fails at the packet's line:col", err)
check(open(target, "rb").read() == before, "... and the previous packet PDF stays byte-identical")
check(not [f for f in os.listdir(w) if ".tmp." in f], "no temporary file is left behind")

# recto: every document starts on a right-hand (odd) page; a roman front.
os.makedirs(os.path.join(w, "styles"), exist_ok=True)
write(os.path.join(w, "styles", "front.yaml"), "front-matter: roman\n")
write(os.path.join(w, "p.yaml"), good.replace("  documents:", "  recto: true\n  style: front\n  documents:")
      + "    - brief: a.yaml\n      label: Again\n")
rc, out, err = run(["compile", os.path.join(w, "p.yaml"), "-o", target], env=env)
check(rc == 0, "a recto packet with a roman front matter compiles", err)
pp, _ = pages_text(target)
jj = qjson(target)
ll = labels(jj, len(pp))
starts = [i for i, p in enumerate(pp) if "First, p. 1" in p or "Statement, p. 1" in p or "Again, p. 1" in p]
check(len(starts) == 3 and all(i % 2 == 0 for i in starts),
      "with recto: each document starts on a right-hand page (pages %s)" % [i + 1 for i in starts])
check(ll[0] == "i" and ll[1] == "ii" and ll[starts[0]] == "1",
      "the front matter is labelled i, ii and the first document from 1", ll)
check("Page ii" in pp[1] and re.search(r"Page 1 of %d" % (len(pp) - starts[0]), pp[starts[0]]),
      "the printed numbers follow the labels", pp[1][-200:] + pp[starts[0]][-200:])

# docs/PACKETS.md: its complete example compiles, beside the example briefs.
doc = open(os.path.join(ROOT, "docs", "PACKETS.md"), encoding="utf-8").read()
example = re.search(r"```yaml\n(packet:.*?)```", doc, re.S)
check(example, "docs/PACKETS.md has a complete packet example")
if example:
    copy = os.path.join(d, "briefs")
    shutil.copytree(os.path.join(ROOT, "briefs"), copy)
    write(os.path.join(copy, "doc-example.yaml"), example.group(1))
    rc, out, err = run(["compile", os.path.join(copy, "doc-example.yaml"), "-o", os.path.join(d, "ex.pdf")], env=env)
    check(rc == 0, "the example in docs/PACKETS.md compiles", err)
done()
