"""test_briefs_examples.py: every brief in briefs/ compiles under --strict
(no warning at all), and its PDF is clean: qpdf --check passes, pdftotext
prints no warning, no overfull line, no widow or orphan; the forced-returns
brief has 25 or more citation notes and recommendations to the four main
addressees; the testimony is set in the testimony style (Letter, 12 pt)."""
import glob
import os
import re

from tap import ROOT, check, done, pages_text, qpdf_check, run, tmpdir, tool

d = tmpdir()
briefs = sorted(glob.glob(os.path.join(ROOT, "briefs", "*.yaml")))
check(len(briefs) >= 2, "briefs/ holds the example briefs (%d)" % len(briefs))
for b in briefs:
    name = os.path.basename(b)
    pdf = os.path.join(d, name + ".pdf")
    rc, out, err = run(["compile", b, "-o", pdf, "--strict", "--stats"])
    check(rc == 0 and "warning" not in err and "error" not in err, "%s compiles under --strict" % name, err)
    stats = dict(re.findall(r"^([a-z ]+): (\d+)$", out, re.M))
    check(stats.get("overfull lines") == "0" and stats.get("widows") == "0" and stats.get("orphans") == "0",
          "%s: no overfull lines, widows or orphans" % name, out)
    ok, log = qpdf_check(pdf)
    pages, perr = pages_text(pdf)
    check(ok and perr.strip() == "", "%s: qpdf --check passes, pdftotext is silent" % name, log + perr)

pages, _ = pages_text(os.path.join(d, "forced-returns.yaml.pdf"))
text = "\n".join(pages)
notes = re.findall(r"^(\d+) (Human Rights Watch|Jung-Hoon Lee|Lee,|James D\. Seymour|Seymour,|Andrew Natsios|Greg Scarlatoiu|Daye Gang|UN Commission|Office of the UN|Convention|Quoted in)", text, re.M)
check(len(notes) >= 25, "forced-returns: 25 or more notes cite the library (%d)" % len(notes))
for h in ["To the Government of the People\u2019s Republic of China", "To the Government of the Democratic",
          "To the UN High Commissioner for Refugees", "To the international community"]:
    check(h in text, "forced-returns: recommendations %s" % h[:40])
rc, info, _ = tool(["pdfinfo", os.path.join(d, "lee-testimony-2023.yaml.pdf")])
check(re.search(r"Page size:\s+612 x 792", info) is not None, "the testimony is on Letter paper")
rc, out, _ = tool(["pdftotext", "-bbox", "-f", "1", "-l", "1", os.path.join(d, "lee-testimony-2023.yaml.pdf"), "-"])
h = [float(b) - float(a) for a, b, w in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(When)</word>', out)]
check(h and abs(h[0] - 12 * 1.36) < 1.5, "the testimony is set in 12 pt", h)
done()
