"""test_pdf_inline_markdown.py: every text a brief shows is inline
Markdown: titles, subtitles, running heads, figure titles, captions and
notes, table headers and cells, key-figure labels. The page shows the
emphasis, never the asterisks; the PDF's Title and bookmarks get the
plain text with curly quotes."""
import json
import os
import re

from tap import check, done, pages_text, run, tmpdir, tool, write

d = tmpdir()
write(os.path.join(d, "library", "sources.yaml"), """- id: hrw
  type: report
  author: Human Rights Watch
  title: The Invisible Exodus
  publisher: Human Rights Watch
  date: "2002"
""")
write(os.path.join(d, "library", "figures", "k.yaml"), """id: k
kind: stat
title: Key *figures* of 'the exodus'
source: hrw
stats:
  - {value: "300,000", label: "North Koreans *estimated* in China's 'border' areas"}
""")
write(os.path.join(d, "library", "figures", "t.yaml"), """id: t
kind: table
title: Returns by the **year**
caption: The *Ministry's* count.
note: Figures for 2020 are 'partial'.
source: hrw
columns: ["*Year*", "Returns"]
rows:
  - [2019, "about 'many'"]
""")
write(os.path.join(d, "s.md"), "# China's *policy*\n\nSee @fig:k and @fig:t.[@hrw]\n")
write(os.path.join(d, "b.yaml"), """title: "Don't *return* them: China's 'policy'"
subtitle: A **policy** brief -- 2023
short-title: "Don't return them"
sources: [hrw]
figures: [k, t]
sections:
  - file: s.md
""")
pdf = os.path.join(d, "b.pdf")
rc, out, err = run(["compile", os.path.join(d, "b.yaml"), "-o", pdf, "--strict"])
check(rc == 0, "the brief compiles under --strict", err)
pages, _ = pages_text(pdf)
text = "\n".join(pages)
check("*" not in text and "'" not in text, "no asterisk and no straight quote reaches the page", text[:600])
check("Don\u2019t return them: China\u2019s \u2018policy\u2019" in text, "the title is set from its Markdown", text[:200])
check("A policy brief \u2013 2023" in text, "the subtitle too (-- an en dash)", text[:300])
rc, info, _ = tool(["pdfinfo", pdf])
check(re.search(r"^Title:\s+Don\u2019t return them: China\u2019s \u2018policy\u2019$", info, re.M),
      "the PDF's Title is the plain text with curly quotes", info)
check(re.search(r"^Subject:\s+A policy brief \u2013 2023$", info, re.M), "... and its Subject", info)
check("Key figures of \u2018the exodus\u2019" in text, "a figure's title is Markdown")
check(re.search(r"North Koreans estimated in\s+China\u2019s \u2018border\u2019 areas", text),
      "a key figure's label is Markdown", text)
check("Returns by the year" in text and "The Ministry\u2019s count." in text and
      "Figures for 2020 are \u2018partial\u2019." in text, "a table's title, caption and note are Markdown")
check(re.search(r"\bYear\b", text) and "about \u2018many\u2019" in text, "table headers and cells are Markdown")
rc, js, _ = tool(["qpdf", "--json", pdf])
outlines = json.loads(js).get("outlines", []) if rc == 0 else []
titles = []


def walk(items):
    for o in items:
        titles.append(o.get("title", ""))
        walk(o.get("kids", []))


walk(outlines)
check("China\u2019s policy" in titles, "a bookmark holds the heading's plain text", titles)

# A title cannot call a note: an error at its place.
write(os.path.join(d, "n.yaml"), "title: A title^[with a note]\nsections:\n  - file: s.md\nsources: [hrw]\nfigures: [k, t]\n")
rc, out, err = run(["compile", os.path.join(d, "n.yaml"), "-o", os.path.join(d, "n.pdf")])
check(rc == 1 and re.search(r"n\.yaml:1:15: error: a title cannot have footnotes or citations", err),
      "a note in a title is an error at its place", err)
done()
