"""test_pdf_citations.py: citations of the library become Chicago notes,
full the first time a source is cited and short after; the source list
holds exactly the cited sources, sorted by author; every mistake in the
library, the selection or a citation is an error at its file, line and
column."""
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
d = tmpdir()
write(os.path.join(d, "library", "sources.yaml"), LIB)
write(os.path.join(d, "sections", "a.md"),
      "First.[@hrw-2002-exodus, p. 3] Second.[see @cecc-2023-lee; @seymour-2000]\n\n"
      "Again.[@hrw-2002-exodus, pp. 5--7] And.[@cecc-2023-lee] Map.[@team-web]\n")
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

def errors(files, expect, what):
    dd = tmpdir()
    for name, content in files.items():
        write(os.path.join(dd, name), content)
    rc, out, err = run(["check", "b.yaml"], cwd=dd)
    check(rc == 1 and all(e in err for e in expect), what, err)

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
done()
