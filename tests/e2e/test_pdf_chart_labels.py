"""test_pdf_chart_labels.py: a chart never loses a category label without
a word. A vertical bar chart wraps long labels onto up to three lines
under their bars; when they still do not fit, the bars are drawn across
with the names beside them; a line chart that cannot show every label
warns at its categories' line and column. Negative values get their value
labels, with their minus signs, and the bars hang from a zero line."""
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
long8 = ["Jilin province border crossings", "Liaoning province along the river",
         "Yanbian Korean Autonomous Prefecture", "Changbai county mountain passes",
         "Dandong city and the bridge", "Tumen city rail crossing", "Hunchun on the three borders",
         "Shenyang consulate area"]
write(os.path.join(d, "library", "figures", "eight.yaml"), """id: eight
kind: bar
title: Returns by place
source: src
value-labels: true
categories: [%s]
series:
  - values: [12, 30, 25, 8, 19, 22, 5, 14]
""" % ", ".join('"%s"' % c for c in long8))
huge = ["Category number %d with a long descriptive name that cannot fit" % i for i in range(8)]
write(os.path.join(d, "library", "figures", "wide.yaml"), """id: wide
kind: bar
title: Too long to wrap
source: src
categories: [%s]
series:
  - values: [1, 2, 3, 4, 5, 6, 7, 8]
""" % ", ".join('"%s"' % c for c in huge))
write(os.path.join(d, "library", "figures", "neg.yaml"), """id: neg
kind: bar
title: Change in arrivals
source: src
value-labels: true
categories: ["2019", "2020", "2021", "2022"]
series:
  - values: [120, -1000, -163, 4]
""")
cats = ", ".join('"Province number %d of the northern border"' % i for i in range(30))
write(os.path.join(d, "library", "figures", "line.yaml"), """id: line
kind: line
title: Many places
source: src
categories: [%s]
series:
  - values: [%s]
""" % (cats, ", ".join(str(i) for i in range(30))))
write(os.path.join(d, "s.md"), "See @fig:eight, @fig:wide, @fig:neg and @fig:line.\n")
write(os.path.join(d, "b.yaml"), "title: Charts\nsources: [src]\nfigures: [eight, wide, neg, line]\n"
      "sections:\n  - file: s.md\n")
pdf = os.path.join(d, "b.pdf")
rc, out, err = run(["compile", os.path.join(d, "b.yaml"), "-o", pdf])
check(rc == 0, "the charts compile", err)
text = " ".join(" ".join(pages_text(pdf)[0]).split())
missing = [c for c in long8 if c not in text]
check(not missing, "a vertical bar chart with eight long category labels shows all eight", missing)
missing = [c for c in huge if c not in text]
check(not missing, "labels too long to wrap under the bars: drawn across, every name shown", missing)
for v in ("\u22121,000", "\u2212163", "120", "4"):
    check(v in text, "the negative chart's value label %s is shown" % v, text[-600:])
check(re.search(r"line\.yaml:\d+:\d+: warning: \d+ of the 30 category labels of this chart do not fit", err),
      "a line chart that cannot show every label says so at its categories", err)
check("eight.yaml" not in err and "wide.yaml" not in err and "neg.yaml" not in err,
      "the bar charts need no warning", err)
done()
