"""test_pdf_citations.py: citations of the library become Chicago notes,
full the first time a source is cited and short after; the source list
holds exactly the cited sources, sorted by author; every mistake in the
library, the selection or a citation is an error at its file, line and
column. Each type keeps what the library gives it (docs/CITATIONS.md): a
treaty its series, volume and page, a UN document its symbol, a report its
series and number, an article its journal, volume, issue and pages, a
book its place and publisher; a short note's comma sits once inside the
closing quotation mark."""
import os
import re

from tap import check, done, pages_text, run, tmpdir, write

LIB = """- id: hrw-2002-exodus
  type: report
  author: Human Rights Watch
  title: "The Invisible Exodus: North Koreans in the People's Republic of China"
  publisher: Human Rights Watch
  date: 2002-11
  url: https://www.hrw.org/reports/2002/northkorea/
- id: cecc-2023-lee
  type: testimony
  author: Jung-Hoon Lee
  title: North Korean Refugees and the Imminent Danger of Forced Repatriation from China
  venue: Congressional-Executive Commission on China
  date: 2023-06-13
- id: seymour-2000
  type: article
  author: James D. Seymour
  title: "Well-founded fear: China ignores international law"
  publisher: Human Rights in China
  date: 2000-07-20
- id: unused-web
  type: web
  author: Somebody Else
  title: A page
  url: https://example.org/
- id: team-web
  type: web
  author: The GMT Team
  title: "DCW-GMT: The Digital Chart of the World for GMT"
  publisher: Generic Mapping Tools
  url: https://github.com/GenericMappingTools/dcw-gmt
  accessed: 2026-12-01
"""


def compiled(lib, md, yaml, *args):
    """Compiles b.yaml (yaml) over a library (lib) and a section a.md (md)
    in a folder of its own: the exit status, stderr and the first page's
    words on one line ("" if it failed)."""
    dd = tmpdir()
    write(os.path.join(dd, "library", "sources.yaml"), lib)
    write(os.path.join(dd, "a.md"), md)
    write(os.path.join(dd, "b.yaml"), yaml)
    rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"] + list(args), cwd=dd)
    flat = " ".join("\n".join(pages_text(os.path.join(dd, "b.pdf"))[0]).split()) if rc == 0 else ""
    return rc, err, flat


d = tmpdir()
write(os.path.join(d, "library", "sources.yaml"), LIB)
write(os.path.join(d, "sections", "a.md"),
      "First.[@hrw-2002-exodus, p. 3] Second.[see @cecc-2023-lee; @seymour-2000]\n\n"
      "Again.[@hrw-2002-exodus, pp. 5--7] And.[@cecc-2023-lee] Map.[@team-web]"
      " Fear.[@seymour-2000, 3]\n")
write(os.path.join(d, "b.yaml"), "title: Citations\nsources: [hrw-2002-exodus, cecc-2023-lee, seymour-2000, unused-web, team-web]\n"
      "sections:\n  - file: sections/a.md\n  - sources\n")
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d)
check(rc == 0, "a brief with citations compiles", err)
check("b.yaml:2:" in err and "'unused-web' is selected but never cited" in err,
      "a selected source never cited is a warning at its place in sources:", err)
check("sources.yaml:20:3: warning: web source 'unused-web' has no access date" in err,
      "a web source without an access date is a warning", err)
text = "\n".join(pages_text(os.path.join(d, "b.pdf"))[0])
flat = " ".join(text.split())
check("1 Human Rights Watch, The Invisible Exodus: North Koreans in the People\u2019s Republic of China (Human Rights Watch, November 2002), p. 3, https://www.hrw.org/reports/2002/northkorea/." in flat,
      "the first citation is a full note", flat)
check("2 See Jung-Hoon Lee, \u201cNorth Korean Refugees and the Imminent Danger of Forced Repatriation from China,\u201d Congressional-Executive Commission on China, 13 June 2023; James D. Seymour," in flat,
      "several citations share one note, the prefix kept and capitalised", flat)
check("3 Human Rights Watch, The Invisible Exodus, pp. 5\u20137." in flat, "a later citation is short, with its locator")
check("4 Lee, \u201cNorth Korean Refugees.\u201d" in flat, "a short note for a person uses the surname")
src = flat[flat.find("Sources"):]
order = [src.find(x) for x in ["Human Rights Watch. The Invisible Exodus", "Lee, Jung-Hoon.", "Seymour, James D."]]
check(all(o >= 0 for o in order) and order == sorted(order), "the source list is sorted by author", src)
check("Somebody" not in src, "the source list holds only cited sources")
check("5 The GMT Team, \u201cDCW-GMT: The Digital Chart of the World for GMT,\u201d Generic Mapping Tools, "
      "accessed 1 December 2026, https://github.com/GenericMappingTools/dcw-gmt." in flat,
      "a web page's note gives its access date before its address", flat)
check("The GMT Team. \u201cDCW-GMT: The Digital Chart of the World for GMT.\u201d Generic Mapping Tools. "
      "Accessed 1 December 2026. https://github.com/GenericMappingTools/dcw-gmt." in src,
      "its source-list entry too; a team is not inverted like a person's name", src)

# A short note with a locator: one comma, inside the closing quotation mark.
check("6 Seymour, \u201cWell-founded fear,\u201d 3." in flat, "a short note's comma is not doubled before its locator", flat)

# A citation at the end of a note's sentence: one full stop, not two,
# inside the closing quotation mark where the short note has one.
rc, err, flat3 = compiled(
    LIB,
    "First.[@cecc-2023-lee] Then.^[As Lee told the commission [@hrw-2002-exodus].]"
    " And.^[Lee again [@cecc-2023-lee].] Dots.^[Trailing [@hrw-2002-exodus]...]\n",
    "title: Stops\nsources: [hrw-2002-exodus, cecc-2023-lee]\nsections:\n  - file: a.md\n")
check(rc == 0, "a brief with citations inside notes compiles", err)
check("(Human Rights Watch, November 2002), https://www.hrw.org/reports/2002/northkorea/. 3" in flat3
      and "northkorea/.. " not in flat3,
      "a full note ending a note's sentence keeps one full stop", flat3)
check("3 Lee again Lee, \u201cNorth Korean Refugees.\u201d" in flat3 and "Refugees.\u201d." not in flat3,
      "a short note ending a note's sentence keeps its stop inside the quotation mark", flat3)
check("4 Trailing Human Rights Watch, The Invisible Exodus.\u2026" in flat3,
      "an ellipsis after a citation is left as written (smart punctuation makes it one character)", flat3)

# Every type with the fields that make it findable, in the PDF.
LIB2 = """- id: refugee-convention
  type: treaty
  title: Convention Relating to the Status of Refugees
  short-title: Refugee Convention
  date: 1951-07-28
  series: U.N.T.S.
  volume: 189
  page: 137
- id: coi-2014
  type: un-document
  author: UN Human Rights Council
  title: Report of the Detailed Findings of the Commission of Inquiry on Human Rights in the Democratic People's Republic of Korea
  short-title: COI Detailed Findings
  symbol: A/HRC/25/CRP.1
  date: 2014-02
- id: gang-hosaniak-2018
  type: report
  author: [Daye Gang, Joanna Hosaniak]
  title: "They Only Claim that Things have Changed: Discrimination against Women in the Democratic People's Republic of Korea"
  series: NKHR Briefing Report
  number: 8
  publisher: Citizens' Alliance for North Korean Human Rights
  date: 2018
- id: scarlatoiu-2015
  type: article
  author: Greg Scarlatoiu
  title: Human Security in North Korea
  short-title: Human Security
  journal: International Journal of Korean Studies
  volume: 14
  issue: 2
  pages: 128-31
  date: 2015
- id: book
  type: book
  author: Ann Author
  title: "A Book on Borders: Law and Practice"
  place: Amsterdam
  publisher: North-Holland
  date: 1985
"""
rc, err, flat2 = compiled(
    LIB2,
    "One.[@refugee-convention, art. 33] Two.[@coi-2014, 130] Three.[@gang-hosaniak-2018, pp. 38--46]\n\n"
    "Four.[@scarlatoiu-2015, 130] Five.[@refugee-convention, art. 1] Six.[@scarlatoiu-2015, 131]\n\n"
    "Seven.[@book, 257] Eight.[@book, 12]\n",
    "title: Types\nsources: [refugee-convention, coi-2014, gang-hosaniak-2018, scarlatoiu-2015, book]\n"
    "sections:\n  - file: a.md\n  - sources\n", "--strict")
check(rc == 0, "a library with every type's fields compiles under --strict", err)
check("1 Convention Relating to the Status of Refugees, 28 July 1951, 189 U.N.T.S. 137, art. 33." in flat2,
      "a treaty's note gives its date, its series with volume and page, and the article", flat2)
check("5 Refugee Convention, art. 1." in flat2, "a treaty's short note is its short title and the article", flat2)
check("2 UN Human Rights Council, Report of the Detailed Findings of the Commission of Inquiry on Human Rights "
      "in the Democratic People\u2019s Republic of Korea, A/HRC/25/CRP.1 (February 2014), 130." in flat2,
      "a UN document's note gives its symbol", flat2)
check("3 Daye Gang and Joanna Hosaniak, They Only Claim that Things have Changed: Discrimination against Women in the "
      "Democratic People\u2019s Republic of Korea, NKHR Briefing Report no. 8 (Citizens\u2019 Alliance for North Korean "
      "Human Rights, 2018), pp. 38\u201346." in flat2, "a report's note gives its series and number", flat2)
check("4 Greg Scarlatoiu, \u201cHuman Security in North Korea,\u201d International Journal of Korean Studies 14, no. 2 (2015): 130."
      in flat2, "an article's note gives journal, volume, issue, date and the page cited", flat2)
check("6 Scarlatoiu, \u201cHuman Security,\u201d 131." in flat2, "an article's short note", flat2)
check("7 Ann Author, A Book on Borders: Law and Practice (Amsterdam: North-Holland, 1985), 257." in flat2,
      "a book's note gives its place and publisher", flat2)
check("8 Author, A Book on Borders, 12." in flat2, "a book's short note", flat2)
src2 = flat2[flat2.find("Sources"):]
check("Convention Relating to the Status of Refugees. 28 July 1951. 189 U.N.T.S. 137." in src2,
      "a treaty's source-list entry keeps its series", src2)
check("UN Human Rights Council. Report of the Detailed Findings of the Commission of Inquiry on Human Rights in the "
      "Democratic People\u2019s Republic of Korea. A/HRC/25/CRP.1. February 2014." in src2,
      "a UN document's source-list entry keeps its symbol", src2)
check("Gang, Daye, and Joanna Hosaniak. They Only Claim that Things have Changed: Discrimination against Women in the "
      "Democratic People\u2019s Republic of Korea. NKHR Briefing Report no. 8. Citizens\u2019 Alliance for North Korean "
      "Human Rights, 2018." in src2, "a report's source-list entry keeps its series and number", src2)
check("Scarlatoiu, Greg. \u201cHuman Security in North Korea.\u201d International Journal of Korean Studies 14, no. 2 "
      "(2015): 128\u201331." in src2, "an article's source-list entry gives its page range", src2)
check("Author, Ann. A Book on Borders: Law and Practice. Amsterdam: North-Holland, 1985." in src2,
      "a book's source-list entry gives its place and publisher", src2)


def errors(files, expect, what, status=1):
    dd = tmpdir()
    for name, content in files.items():
        write(os.path.join(dd, name), content)
    rc, out, err = run(["check", "b.yaml"], cwd=dd)
    check(rc == status and all(e in err for e in expect), what, err)

brief = "title: X\nsources: [hrw-2002-exodus, cecc-2023-lee]\nsections:\n  - file: a.md\n"
errors({"library/sources.yaml": LIB, "b.yaml": brief, "a.md": "Text.[@hrw-2002-exdus]\n"},
       ["a.md:1:7: error: unknown source '@hrw-2002-exdus'", "did you mean '@hrw-2002-exodus'"],
       "citing an unknown id is an error at the citation, with a hint")
errors({"library/sources.yaml": LIB, "b.yaml": brief, "a.md": "Text.[@seymour-2000]\n"},
       ["a.md:1:7: error: source '@seymour-2000' is in the library but not selected",
        "add 'seymour-2000' to the brief's 'sources:' list"],
       "citing a source the brief does not select is an error")
errors({"library/sources.yaml": LIB + "- id: cecc-2023-lee\n  type: report\n  title: Again\n", "b.yaml": brief, "a.md": "x\n"},
       ["sources.yaml:32:7: error: duplicate source id 'cecc-2023-lee'", "sources.yaml:8:3: note:"],
       "a duplicate source id is an error at the second, with a note at the first")
errors({"library/sources.yaml": LIB.replace("  publisher: Human Rights in China", "  publsher: Human Rights in China"),
        "b.yaml": brief, "a.md": "x\n"},
       ["sources.yaml:18:3: error: unknown key 'publsher' in a source", "did you mean 'publisher'"],
       "an unknown key in a source is an error with a hint")
errors({"library/sources.yaml": LIB.replace("date: 2002-11", "date: 2002-13"), "b.yaml": brief, "a.md": "x\n"},
       ["sources.yaml:6:9: error: '2002-13' is not a date"], "a bad date in a source is an error")
errors({"library/sources.yaml": LIB, "b.yaml": brief.replace("cecc-2023-lee]", "cecc-2023-le]"), "a.md": "x\n"},
       ["b.yaml:2:28: error: unknown source 'cecc-2023-le'", "did you mean 'cecc-2023-lee'"],
       "selecting an unknown id is an error at it in the brief")
errors({"b.yaml": brief, "a.md": "x\n"},
       ["b.yaml:2:10: error: cannot read", "sources.yaml"], "a missing library is an error at sources:")
brief2 = "title: X\nsources: [refugee-convention]\nsections:\n  - markdown: Text.[@refugee-convention]\n"
errors({"library/sources.yaml": LIB2.replace("  page: 137\n", "  page: 137\n  publisher: UN\n"), "b.yaml": brief2},
       ["sources.yaml:9:3: warning: a 'treaty' source does not print 'publisher'",
        "a 'treaty' source prints: series volume page"],
       "a key its type does not print is a warning at it, naming the keys the type prints", status=0)
errors({"library/sources.yaml": LIB2.replace("  series: U.N.T.S.\n", ""), "b.yaml": brief2},
       ["sources.yaml:6:3: error: a treaty's 'volume' needs its treaty series",
        "sources.yaml:7:3: error: a treaty's 'page' needs its treaty series"],
       "a treaty's volume or page without its series is an error")
errors({"library/sources.yaml": LIB2.replace("  journal: International Journal of Korean Studies\n", ""), "b.yaml": brief2},
       ["sources.yaml:29:3: error: an article's 'volume' needs its journal"],
       "an article's volume without its journal is an error")
errors({"library/sources.yaml": LIB2.replace("  journal: International", "  venue: X\n  journal: International"), "b.yaml": brief2},
       ["sources.yaml:30:3: error: a source has one venue: 'journal' repeats"],
       "a journal and a venue for one source is an error at the second")
errors({"library/sources.yaml": LIB2.replace("volume: 189", "volume: [189]"), "b.yaml": brief, "a.md": "x\n"},
       ["sources.yaml:7:11: error: 'volume' must be text, not a list"], "a list where a treaty's volume goes is an error at it")
errors({"library/sources.yaml": LIB2.replace("  issue: 2", "  isue: 2"), "b.yaml": brief, "a.md": "x\n"},
       ["sources.yaml:31:3: error: unknown key 'isue' in a source", "did you mean 'issue'"],
       "a misspelt new key is an error with a hint")
done()
