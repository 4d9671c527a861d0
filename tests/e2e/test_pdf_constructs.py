"""test_pdf_constructs.py: a brief using every CommonMark construct
compiles; the PDF passes qpdf --check, embeds every font as a subset with
a ToUnicode map, extracts with no pdftotext warning, shows the Korean,
Chinese and accented words, every construct's marker, every footnote on
the page of its call; links, bookmarks, images and metadata are there."""
import os
import re
import shutil
import subprocess

from tap import ROOT, check, done, fonts, page_count, pages_text, qpdf_check, run, tmpdir, tool, write

src = os.path.join(ROOT, "tests", "data", "constructs")
d = tmpdir()
shutil.copytree(src, os.path.join(d, "c"))
rc, out, err = run(["compile", "c/constructs.yaml", "-o", "c.pdf"], cwd=d)
pdf = os.path.join(d, "c.pdf")
check(rc == 0, "the brief with every construct compiles", err)
warnings = re.findall(r"constructs\.md:(\d+):(\d+): warning: raw HTML[^\n]*", err)
check(warnings == [("61", "1"), ("63", "8")] and "(2 tags in this paragraph)" in err,
      "raw HTML is left out with a warning at its block, and at a paragraph's first tag "
      "counting the others", err)
ok, log = qpdf_check(pdf)
check(ok, "qpdf --check accepts the PDF", log)
rows = fonts(pdf)
check(len(rows) >= 6, "pdffonts lists the faces used (%d)" % len(rows))
check(all(r["emb"] == "yes" and r["sub"] == "yes" and r["uni"] == "yes" for r in rows),
      "every font is embedded, subset, with a ToUnicode map", rows)
pages, perr = pages_text(pdf)
check(perr.strip() == "", "pdftotext prints no warning", perr)
text = "\n".join(pages)
for word in ["북한", "中国人权", "sŏngbun"]:
    check(word in text, "pdftotext returns %s" % word)
markers = ["HEADONE", "HEADSETEXT1", "HEADSETEXT2", "HEADTHREE", "HEADFOUR", "HEADFIVE", "HEADSIX",
           "PARAONE", "EMPHWORD", "STRONGWORD", "BOTHWORD", "CODESPAN", "LINKWORD", "HARDONE",
           "HARDTWO", "HARDTHREE", "SOFTONE SOFTTWO", "QUOTEONE", "QUOTETWO", "BULLETONE",
           "BULLETTWO", "NESTEDBULLET", "7. ORDEREDSEVEN", "8. ORDEREDEIGHT", "LOOSEONE", "LOOSETWO",
           "FENCEDCODE", "INDENTEDCODE", "IMGPNG", "IMGJPEG", "IMGALPHA", "HTMLINLINE", "INLINEMD"]
missing = [m for m in markers if m not in text]
check(not missing, "every construct's marker is in the text (%d)" % len(markers), missing)
check("HTMLBLOCK" not in text, "the raw HTML block is left out")
check("\u201cdouble\u201d" in text and "\u2018single\u2019" in text and "\u2013 dash" in text
      and "\u2014 dash" in text and "\u2026" in text and "don\u2019t" in text, "smart punctuation")
for line in text.splitlines():
    if line.startswith("HARDONE"):
        check(line.strip() == "HARDONE ends with two spaces", "a hard break ends the line", line)
check(re.search(r"HARDTHREE and SOFTONE SOFTTWO", text) is not None, "a soft break is a space")
# The long code line wraps instead of running off the page.
check("must wrap" in text and "FENCEDCODE a fenced code block with a long line that runs far past the right margin of the page and must wrap" not in text.replace("\n", "  "),
      "the over-long code line is wrapped")

# Footnotes: each note's text is on the page of the sentence calling it.
calls = {"NOTEALPHA": "PARAONE", "NOTEALPHAPARA2": "PARAONE", "NOTEQUOTE": "QUOTEONE",
         "NOTELIST": "BULLETTWO", "NOTEWORD": "one-word note", "NOTENUMERIC": "numeric",
         "NOTEINLINE": "inline note.", "NOTEINLINEYAML": "INLINEMD"}
for note, call in calls.items():
    np = [i for i, p in enumerate(pages) if re.search(r"\b%s\b" % note, p)]
    cp = [i for i, p in enumerate(pages) if call in p]
    check(np and cp and np[0] == cp[0], "%s is on the page of its call" % note, (np, cp))

# Images are embedded; the alpha PNG has a soft mask.
rc, out, err = tool(["pdfimages", "-list", pdf])
rows = [l.split() for l in out.splitlines()[2:] if l.strip()]
check(len([r for r in rows if r[2] == "image"]) == 3, "three images embedded", out)
check(any(r[2] == "smask" for r in rows), "the transparent PNG carries a soft mask", out)

# Links and bookmarks, read from the PDF's objects.
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
check(b"/URI (https://www.hrw.org/)" in raw and b"/URI (https://www.cecc.gov/)" in raw,
      "both links are clickable URI annotations")
check(len(re.findall(rb"/Border \[\s*0\s+0\s+0\s*\]", raw)) >= 9, "links have no border")
check(len(re.findall(rb"\[\s*\d+ 0 R\s+/XYZ\s+[\d.]+\s+[\d.]+\s+null\s*\]", raw)) >= 7,
      "note calls link to destinations [page /XYZ x y null], keeping the zoom")
check(raw.count(b"/Title") >= 8, "bookmarks for the headings")
rc, out, err = tool(["pdfinfo", pdf])
check(re.search(r"Title:\s+Every construct\n", out) and re.search(r"Author:\s+briefc tests, Second Author\n", out)
      and re.search(r"Creator:\s+briefc \d", out) and re.search(r"Subject:\s+A test brief\n", out)
      and re.search(r"CreationDate:.*2026", out), "metadata: title, author, subject, creator, date", out)
check(re.search(r"Page size:\s+595\.\d+ x 841\.\d+", out) is not None, "a4 paper", out)
check(page_count(pdf) == len(pages) and all("Page %d of %d" % (i + 1, len(pages)) in p for i, p in enumerate(pages)),
      "every page says Page X of Y")

# Broken images are errors at their line, and nothing crashes.
for name, line in [("truncated.png", 3), ("truncated.jpg", 3), ("missing.png", 3)]:
    write(os.path.join(d, "c", "bad.md"), "# Bad\n\n![x](img/%s)\n" % name)
    write(os.path.join(d, "c", "bad.yaml"), "title: Bad\nsections:\n  - file: bad.md\n")
    rc, out, err = run(["compile", "c/bad.yaml", "-o", "bad.pdf"], cwd=d)
    check(rc == 1 and ("bad.md:%d:1: error:" % line) in err and name in err,
          "a %s image is an error at its line" % name, err)
write(os.path.join(d, "c", "bad.md"), "![x](../../etc/passwd)\n")
rc, out, err = run(["compile", "c/bad.yaml", "-o", "bad.pdf"], cwd=d)
check(rc == 1 and "error:" in err, "an image outside the brief's folder is refused", err)
check(not os.path.exists(os.path.join(d, "bad.pdf")), "no PDF is written for a failed compile")
shutil.rmtree(d)
done()
