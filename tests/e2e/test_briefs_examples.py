"""test_briefs_examples.py: every brief in briefs/ compiles under --strict
(no warning at all), and its PDF is clean: qpdf --check passes, pdftotext
prints no warning, no overfull line, no widow or orphan; the forced-returns
brief has 25 or more citation notes and recommendations to the four main
addressees; the testimony is set in the testimony style (Letter, 12 pt).
Issue 5's examples: the forced-returns brief shows a horizontal bar chart,
a line chart and a table, numbered in order with their references; the
key-figures fact sheet is two pages of key figures, a line chart and a
table that continues on page 2 under its repeated header; chart text is
text, and the only images are the logo and the image figures."""
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


def layout_pages(pdf):
    rc, out, _ = tool(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"])
    return [p for p in out.split("\f") if p.strip()]


def flat(t):
    return re.sub(r"\s+", " ", t)


def images(pdf):
    """pdfimages -list rows as (page, type, width, height)."""
    rc, out, _ = tool(["pdfimages", "-list", pdf])
    rows = [l.split() for l in out.splitlines()[2:] if l.strip()]
    return [(int(r[0]), r[2], int(r[3]), int(r[4])) for r in rows]


fr = os.path.join(d, "forced-returns.yaml.pdf")
fr_pages, _ = pages_text(fr)
fr_text = flat("\n".join(fr_pages))
for label, title in [("Figure 1", "The China\u2013North Korea border region"),
                     ("Figure 2", "Estimates of North Koreans living in hiding in China"),
                     ("Figure 3", "North Korean defectors arriving in South Korea, 1999\u20132021"),
                     ("Table 1", "Forced returns and arrivals as the sources report them")]:
    check(label + " " + title in fr_text, "forced-returns shows %s: %s" % (label, title))
check(all(r in fr_text for r in ["border (Figure 1)", "300,000 (Figure 2)", "Table 1 gathers these counts",
                                 "a year (Figure 3)"]),
      "forced-returns: the text refers to Figures 1, 2 and 3 and to Table 1")
check("Drawn for this library with GMT" in fr_text and "DCW-GMT: The Digital Chart of the World" in fr_text,
      "forced-returns: the map's note and source line name its data")
check(all(w in fr_text for w in ["North Koreans in China", "300,000", "Arrivals per year", "2,914",
                                 "Seymour, upper figure (2000)"]),
      "forced-returns: the charts' axis labels, categories and values are text")

# Issue 11's citations: the example library's treaty, UN document, report
# series and journal are cited with what makes them findable.
for want, what in [("22 Convention Relating to the Status of Refugees, 1951, 189 U.N.T.S. 150, art. 1; quoted in Lee,",
                    "a treaty's full note with its series and article"),
                   ("27 Refugee Convention, art. 33;", "a treaty's short note"),
                   ("A/HRC/25/CRP.1 (February 2014); cited in Lee,", "a UN document's note with its symbol"),
                   ("NKHR Briefing Report no. 8 (Citizens\u2019 Alliance", "a report's note with its series and number"),
                   ("International Journal of Korean Studies 14, no. 2 (2015): 128\u201331.",
                    "an article's note with journal, volume, issue and pages"),
                   ("Convention Relating to the Status of Refugees. 1951. 189 U.N.T.S. 150.", "a treaty in the source list")]:
    check(want in fr_text, "forced-returns: " + what, fr_text[-3000:])
check(",\u201d," not in fr_text and ",," not in fr_text, "forced-returns: no doubled comma after a quoted title")

kf = os.path.join(d, "key-figures.yaml.pdf")
kf_pages = layout_pages(kf)
check(len(kf_pages) == 2, "key-figures is a two-page fact sheet (%d pages)" % len(kf_pages))
if len(kf_pages) == 2:
    p1, p2 = flat(kf_pages[0]), flat(kf_pages[1])
    check(all(v in p1 for v in ["300,000", "5,000", "70\u201380%", "34,000"]),
          "key-figures: page 1 opens with the four key figures")
    check("Table 1 Arrivals of North Korean defectors" in p1 and "Table 1 (continued)" in p2,
          "key-figures: the table starts on page 1 and continues on page 2")
    check(re.search(r"Year\s+Arrivals\s+Reported by", kf_pages[0]) and
          re.search(r"Year\s+Arrivals\s+Reported by", kf_pages[1]),
          "key-figures: its header row is repeated on page 2")
    years = [int(y) for p in kf_pages for y in re.findall(r"^\s*((?:19|20)\d\d)\s+\d+\s+[A-Z]", p, re.M)]
    check(years == [1999, 2005, 2007, 2008, 2009, 2010, 2011, 2012, 2018, 2019, 2020, 2021],
          "key-figures: every year of the data file once, in order", years)
    check("Figure 2 North Korean defectors arriving" in flat(" ".join(kf_pages)) and "Arrivals per year" in p2,
          "key-figures: the line chart, its axis labelled")
logo, border_map = (128, 128), (1603, 1563)
fr_images = [i for i in images(fr) if i[1] == "image"]
check(sorted((i[2], i[3]) for i in fr_images) == sorted([logo, border_map]),
      "forced-returns: the only images are the logo and the map figure: its charts are vectors", fr_images)
kf_images = [i for i in images(kf) if i[1] == "image"]
check([(i[2], i[3]) for i in kf_images] == [logo],
      "key-figures: the only image is the logo: its chart is vectors", kf_images)
done()
