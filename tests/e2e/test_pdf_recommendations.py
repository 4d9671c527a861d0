"""test_pdf_recommendations.py: recommendations grouped under their
addressees' headings in the brief's order, numbered, with citations and
notes working inside them; selection by id and by tag; every mistake an
error at its place. A selected recommendation that cites a source the
brief does not select is an error at the brief's select: key (the brief
is what must change), with a hint naming the source."""
import os

from tap import check, done, pages_text, run, tmpdir, write

SOURCES = """- id: hrw
  type: report
  author: Human Rights Watch
  title: The Invisible Exodus
  publisher: Human Rights Watch
  date: 2002-11
- id: lee
  type: testimony
  author: Jung-Hoon Lee
  title: North Korean Refugees
  date: 2023-06-13
"""
ADDRESSEES = """china: To the Government of the People's Republic of China
north-korea: To the Government of the Democratic People's Republic of Korea
unhcr: To the UN High Commissioner for Refugees
international: To the international community
"""
RECS = """- id: china-halt
  to: china
  text: CHINAHALT Immediately halt forcible returns.[@hrw]
  sources: [hrw]
  tags: [refoulement]
- id: china-status
  to: china
  text: |
    CHINASTATUS Grant an indefinite humanitarian status.[^n]

    [^n]: RECNOTE a note inside a recommendation.
  sources: [hrw]
- id: unhcr-access
  to: unhcr
  text: UNHCRACCESS Press for access to the border.
  sources: [hrw]
  tags: [refoulement]
- id: dprk-stop
  to: north-korea
  text: DPRKSTOP Cease punishing those who leave.
"""


def brief(to, select="all"):
    return ("title: R\nsources: [hrw]\nrecommendations:\n  to: %s\n  select: %s\n"
            "sections:\n  - recommendations\n  - sources\n" % (to, select))


def make(files):
    d = tmpdir()
    base = {"library/sources.yaml": SOURCES, "library/addressees.yaml": ADDRESSEES,
            "library/recommendations.yaml": RECS}
    base.update(files)
    for name, content in base.items():
        write(os.path.join(d, name), content)
    return d


d = make({"b.yaml": brief("[unhcr, china, north-korea]")})
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d)
check(rc == 0, "a brief with recommendations compiles", err)
check("recommendations.yaml:18:3: warning: recommendation 'dprk-stop' gives no source" in err,
      "a recommendation without a source is a warning", err)
text = "\n".join(pages_text(os.path.join(d, "b.pdf"))[0])
pos = [text.find(h) for h in ["To the UN High Commissioner", "To the Government of the People\u2019s Republic",
                              "To the Government of the Democratic"]]
check(all(p >= 0 for p in pos) and pos == sorted(pos), "groups appear in the brief's order under their headings", text)
check("1. CHINAHALT" in text and "2. CHINASTATUS" in text and "1. UNHCRACCESS" in text,
      "recommendations are numbered within each group", text)
check("international community" not in text, "an addressee the brief does not list is left out")
check("RECNOTE a note inside a recommendation." in text and "The Invisible Exodus (Human Rights Watch, November 2002)." in text,
      "notes and citations work inside recommendations", text)

d = make({"b.yaml": brief("[china, unhcr]", "[china-status]")})
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d)
text = "\n".join(pages_text(os.path.join(d, "b.pdf"))[0])
check(rc == 0 and "CHINASTATUS" in text and "CHINAHALT" not in text and "UNHCRACCESS" not in text,
      "select by id", err + text)
d = make({"b.yaml": brief("[china, unhcr]", "{tags: [refoulement]}")})
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d)
text = "\n".join(pages_text(os.path.join(d, "b.pdf"))[0])
check(rc == 0 and "CHINAHALT" in text and "UNHCRACCESS" in text and "CHINASTATUS" not in text,
      "select by tag", err + text)


def errors(files, expect, what):
    d = make(files)
    rc, out, err = run(["check", "b.yaml"], cwd=d)
    check(rc == 1 and all(e in err for e in expect), what, err)


errors({"b.yaml": brief("[china, unhrc]")}, ["b.yaml:4:15: error: unknown addressee 'unhrc'", "did you mean 'unhcr'"],
       "an unknown addressee in the brief is an error at it")
errors({"b.yaml": brief("[china]", "[china-hlt]")}, ["b.yaml:5:12: error: unknown recommendation 'china-hlt'",
                                                    "did you mean 'china-halt'"],
       "an unknown recommendation id is an error at it")
errors({"b.yaml": brief("[china]"), "library/recommendations.yaml": RECS.replace("to: unhcr", "to: unchr")},
       ["recommendations.yaml:14:7: error: unknown addressee 'unchr'"],
       "an unknown addressee in the library is an error at its line")
errors({"b.yaml": brief("[china]"), "library/recommendations.yaml": RECS + "- id: china-halt\n  to: china\n  text: x\n"},
       ["recommendations.yaml:21:7: error: duplicate recommendation id 'china-halt'",
        "recommendations.yaml:1:3: note:"], "a duplicate recommendation id is an error at the second")
errors({"b.yaml": brief("[china]"), "library/recommendations.yaml": RECS.replace("CHINAHALT Immediately", "Text [@nope]")},
       ["recommendations.yaml:3:15: error: unknown source '@nope'"],
       "a bad citation in a recommendation is an error at its place in the YAML")
LEE_REC = "- id: unhcr-corridor\n  to: unhcr\n  text: Seek a corridor.[@lee, p. 4]\n  sources: [lee]\n"
errors({"b.yaml": brief("[china, unhcr]", "[unhcr-corridor]"), "library/recommendations.yaml": RECS + LEE_REC},
       ["b.yaml:5:3: error: recommendation 'unhcr-corridor' cites source 'lee', which this brief does not select",
        "hint: add 'lee' to the brief's 'sources:' list"],
       "a recommendation whose sources: list names an unselected source is an error at the brief's select:")
errors({"b.yaml": brief("[china, unhcr]", "[unhcr-corridor]"),
        "library/recommendations.yaml": RECS + LEE_REC.replace("sources: [lee]", "sources: [hrw]")},
       ["b.yaml:5:3: error: recommendation 'unhcr-corridor' cites source 'lee', which this brief does not select",
        "hint: add 'lee' to the brief's 'sources:' list", "recommendations.yaml:23:26: note:"],
       "a recommendation whose text cites an unselected source is an error at the brief's select:, with a note at the citation")
errors({"b.yaml": brief("[china, unhcr]").replace("  select: all\n", ""),
        "library/recommendations.yaml": RECS + LEE_REC},
       ["b.yaml:3:1: error: recommendation 'unhcr-corridor' cites source 'lee', which this brief does not select"],
       "without select: the error is at the brief's recommendations: key")
errors({"b.yaml": brief("[china, unhcr]", "[unhcr-corridor]"),
        "library/recommendations.yaml": RECS + LEE_REC.replace("sources: [lee]", "sources: [lea]")},
       ["recommendations.yaml:24:13: error: unknown source 'lea'", "did you mean 'lee'"],
       "an unknown id in a recommendation's sources: is an error at it")
done()
