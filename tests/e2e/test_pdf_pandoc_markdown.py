"""test_pdf_pandoc_markdown.py: the Markdown brief writers type, as Pandoc
reads it: ~~strikethrough~~, bare URLs as links, footnotes whose lines
continue lazily or indented two spaces, H~2~O and x^2^, images sized
{width=50%}, task lists, HTML comments dropped without a word, \\newpage;
notes never vanish: a note inside an inline note is an error at its
place, calls side by side are told apart."""
import os
import re
import shutil
import subprocess

from tap import ROOT, check, done, pages_text, qpdf_check, run, tmpdir, tool, write

d = tmpdir()
shutil.copy(os.path.join(ROOT, "tests", "data", "constructs", "img", "ok.png"), os.path.join(d, "map.png"))
write(os.path.join(d, "a.md"), """# Writers' Markdown

Refugees were ~~economic migrants~~ asylum seekers, says
https://www.hrw.org/news and the note.[^lazy] Water is H~2~O; area is
m^2^.

[^lazy]: Its first line,
  continued with two spaces,
and continued lazily at the margin.

<!-- Editor: check the figures with the desk before release. -->

![The border region](map.png){width=50%}

- [x] Brief the committee
- [ ] Publish the brief

Before the break.

\\newpage

After the break, a new page.

Four calls at once.[^a][^b][^c][^d]

[^a]: Note A.
[^b]: Note B.
[^c]: Note C.
[^d]: Note D.
""")
write(os.path.join(d, "b.yaml"), "title: Writers\nsections:\n  - file: a.md\n")
pdf = os.path.join(d, "b.pdf")
rc, out, err = run(["compile", os.path.join(d, "b.yaml"), "-o", pdf, "--strict"])
check(rc == 0, "the brief compiles under --strict: an HTML comment is no warning", err)
pages, _ = pages_text(pdf)
text = "\n".join(pages)
check("Editor" not in text and "<!--" not in text, "the comment is nowhere in the PDF")
check("~~" not in text and "economic migrants" in text, "struck text is kept, without its tildes")
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
check(b"/URI (https://www.hrw.org/news)" in qdf, "a bare URL is a link")
check(re.search(r"H\s*2\s*O", text) and "~" not in text and "^" not in text,
      "H~2~O and m^2^ lose their marks", text[:500])
note = re.search(r"^\s*1\s*Its first line,.*", text, re.M)
check(note and "continued with two spaces" in text[note.start():] and
      "and continued lazily at the margin." in text[note.start():],
      "a note's lazy lines stay in the note", text[-800:])
body_end = text.find("Its first line")
check("continued lazily" not in text[:body_end], "... and are not set as body text")
rc3, imgs, _ = tool(["pdfimages", "-list", pdf])
m = re.search(r"^\s*\d+\s+\d+\s+image\s+(\d+)\s+(\d+).*?\s(\d+)\s+(\d+)\s+\S+\s+\S+\s*$", imgs, re.M)
rows = [l.split() for l in imgs.splitlines()[2:] if l.split()]
# 240 px drawn at half the 453 pt measure: about 76 pixels per inch.
check(rows and 60 <= int(rows[0][12]) <= 90, "an image {width=50%} takes half the measure", imgs)
after = [i for i, p in enumerate(pages) if "After the break" in p]
before = [i for i, p in enumerate(pages) if "Before the break" in p]
check(after and before and after[0] == before[0] + 1 and "Before the break" not in pages[after[0]],
      "\\newpage: the text after it starts the next page", [p[:80] for p in pages])
check(after and re.sub(r"^\s*\S.*\n", "", pages[after[0]], count=1).lstrip().startswith("After the break"),
      "... at its top, under the running head", pages[after[0]][:120] if after else "")
check("\\newpage" not in text, "the command itself is not printed")
check(re.search(r"at once\.\s*2,3,4,5", text), "four calls side by side read 2,3,4,5, not 2345", text[-400:])
ok, msg = qpdf_check(pdf)
check(ok, "qpdf --check passes", msg)

# A note inside an inline note is an error at its place, not a lost note.
write(os.path.join(d, "n.md"), "Text.^[Outer note ^[inner] tail.] More.\n")
write(os.path.join(d, "n.yaml"), "title: N\nsections:\n  - file: n.md\n")
rc, out, err = run(["compile", os.path.join(d, "n.yaml"), "-o", os.path.join(d, "n.pdf")])
check(rc == 1 and re.search(r"n\.md:1:19: error: a footnote cannot contain another footnote", err),
      "a note inside an inline note is an error at the inner note", err)
check(not os.path.exists(os.path.join(d, "n.pdf")), "... and no PDF is written")
# Defined twice, never defined, never used: each at its line.
write(os.path.join(d, "l.md"), "A[^x] and B[^y].\n\n[^x]: One.\n[^x]: Again.\n[^z]: Unused.\n")
write(os.path.join(d, "l.yaml"), "title: L\nsections:\n  - file: l.md\n")
rc, out, err = run(["compile", os.path.join(d, "l.yaml"), "-o", os.path.join(d, "l.pdf")])
check(re.search(r"l\.md:4:1: error: footnote '\[\^x\]' is defined twice", err) and
      re.search(r"l\.md:3:1: note: the first definition", err), "a second definition is an error at its line", err)
check(re.search(r"l\.md:1:12: error: footnote '\[\^y\]' is not defined", err), "a call of nothing is an error at its place", err)
check(re.search(r"l\.md:5:1: warning: footnote '\[\^z\]' is defined but never used", err), "a note never called is a warning", err)
# Raw HTML other than comments still says it is left out.
write(os.path.join(d, "h.md"), "Text <span>inline</span> here.\n")
write(os.path.join(d, "h.yaml"), "title: H\nsections:\n  - file: h.md\n")
rc, out, err = run(["compile", os.path.join(d, "h.yaml"), "-o", os.path.join(d, "h.pdf")])
check(rc == 0 and re.search(r"h\.md:1:6: warning: raw HTML cannot be shown", err), "other raw HTML is warned about at its place", err)
done()
