"""make.py: builds long.md, a long test brief, from the seed texts in
../shared/seeds (run from the repository root: python3 tests/data/long/make.py).
Each paragraph of the seeds is quoted as a block quote under a heading
naming its source and followed by a note of varied length attributing
it; the output is committed so the tests do not need shared/."""
import os
import re

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "seeds")
SOURCES = [
    ("hrw-2002-invisible-exodus-summary.txt", "Human Rights Watch, *The Invisible Exodus: North Koreans in the People's Republic of China* (New York: Human Rights Watch, November 2002), summary"),
    ("hric-2000-seymour-well-founded-fear.txt", "James D. Seymour, \"Well-founded fear: China ignores international law in its treatment of North Korean refugees,\" Human Rights in China, 20 July 2000"),
    ("cecc-2023-lee-testimony.md", "Jung-Hoon Lee, \"North Korean Refugees and the Imminent Danger of Forced Repatriation from China,\" testimony before the Congressional-Executive Commission on China, 13 June 2023"),
    ("hrw-press-release-china-refugees.txt", "Human Rights Watch, \"China: Protect North Korean Refugees,\" press release (New York)"),
]


def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"<sup>\d+</sup>", "", text)
    text = re.sub(r"[*#_\[\]<>`^]", "", text)
    out = []
    for p in re.split(r"\n\s*\n", text):
        p = " ".join(p.split())
        if len(p.split()) >= 35 and not p.startswith("http"):
            out.append(p)
    return out


def sentences(p):
    return [s for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) > 3]


parts, notes, n = [], [], 0
for round_ in range(1):
    for fname, cite in SOURCES:
        paras = paragraphs(os.path.join(SEEDS, fname))
        parts.append("## %s, part %d\n" % (cite.split(",")[0].replace("*", ""), round_ + 1))
        for i, p in enumerate(paras):
            if round_ == 1 and i % 2:
                continue
            n += 1
            sents = sentences(p)
            length = [1, 2, 8, 1, 1, 4][n % 6]
            extra = " ".join(sents[:length]) if length > 1 else ""
            parts.append("> %s[^q%d]\n" % (p, n) if i % 3 == 0 else "%s[^q%d]\n" % (p, n))
            notes.append("[^q%d]: %s. %s\n" % (n, cite, ("The passage continues: \"%s\"" % extra) if extra else ""))
out = os.path.join(os.path.dirname(__file__), "long.md")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(parts) + "\n" + "\n".join(notes))
print(n, "notes,", len(open(out, encoding="utf-8").read().split()), "words")
