"""test_pdf_glyphs.py: a character is never lost without a word. No
shipped text face has U+2212 MINUS SIGN, which briefc writes for every
negative number: it is drawn as the face's en dash and reads as a minus
sign (ActualText) in charts, tables and text, so -10 never shows as 10.
A character no face has at all is a warning at its place, in a chart's
labels and a code block too, not only in paragraphs."""
import os
import re
import subprocess

from tap import check, done, pages_text, run, tmpdir, write

d = tmpdir()
write(os.path.join(d, "library", "sources.yaml"), """- id: src
  type: report
  author: Human Rights Watch
  title: The Invisible Exodus
  date: "2002"
""")
write(os.path.join(d, "library", "figures", "change.yaml"), """id: change
kind: bar
title: Change in arrivals
source: src
unit: change from the year before
categories: ["2020", "2021"]
series:
  - name: Change
    values: [-1000, -163]
""")
write(os.path.join(d, "library", "figures", "tab.yaml"), """id: tab
kind: table
title: Changes
source: src
columns: [Year, Change]
rows:
  - [2020, -1000]
  - [2021, -163]
""")
write(os.path.join(d, "s.md"), "Arrivals fell (@fig:change, @fig:tab) by \u22121,000 in 2020.\n")
write(os.path.join(d, "b.yaml"), "title: Minus\nsources: [src]\nfigures: [change, tab]\nsections:\n  - file: s.md\n")
pdf = os.path.join(d, "b.pdf")
rc, out, err = run(["compile", os.path.join(d, "b.yaml"), "-o", pdf, "--strict"])
check(rc == 0 and "warning" not in err, "negative numbers compile under --strict, without a warning", err)
text = "\n".join(pages_text(pdf)[0])
check("\u22121,000 in 2020" in text, "a minus sign in the text reads as a minus sign", text[:300])
layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
check(re.search(r"2020\s+\u22121000", layout) and re.search(r"2021\s+\u2212163", layout),
      "a table's negative numbers keep their sign", layout)
check(text.count("\u2212") >= 5, "the chart's negative values and ticks keep theirs (%d minus signs)" % text.count("\u2212"), text)
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
check(b"/actualtext <feff2212>" in qdf.lower(), "the stand-in glyph carries its real character (ActualText)")

# A character no face has: warned about at its place, wherever it is set.
write(os.path.join(d, "library", "figures", "thai.yaml"), """id: thai
kind: bar
title: Thai
source: src
categories: ["\u0e01\u0e02", "B"]
series:
  - values: [1, 2]
""")
write(os.path.join(d, "t.md"), "See @fig:thai.\n\n```\ncode \u0e01\n```\n")
write(os.path.join(d, "t.yaml"), "title: T\nsources: [src]\nfigures: [thai]\nsections:\n  - file: t.md\n")
rc, out, err = run(["compile", os.path.join(d, "t.yaml"), "-o", os.path.join(d, "t.pdf")])
check(rc == 0 and re.search(r"thai\.yaml.*warning: no font has character U\+0E01", err),
      "a chart label's missing character is a warning naming the figure's file", err)
check(re.search(r"t\.md:3:\d+: warning: no font has character U\+0E01", err),
      "a code block's missing character is a warning at the block", err)
rc, out, err = run(["compile", os.path.join(d, "t.yaml"), "-o", os.path.join(d, "t.pdf"), "--strict"])
check(rc == 1, "... and an error under --strict", err)
done()
