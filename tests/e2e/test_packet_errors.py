"""test_packet_errors.py: a packet file is checked like a brief: every
unknown key, wrong type, missing or bad path and unknown id is an error at
its file:line:col, with a did-you-mean hint where one helps, all of them
in one run; nothing is written; a testimony over its oral-limit: warns."""
import os
import re
import shutil

from tap import ROOT, check, done, run, tmpdir, write

d = tmpdir()
write(os.path.join(d, "a.yaml"), "title: First\nsections:\n  - markdown: Plain text.\n")
shutil.copy(os.path.join(ROOT, "briefs", "statements", "hrw-press-release.pdf"), os.path.join(d, "s.pdf"))
os.mkdir(os.path.join(d, "folder.pdf"))
os.mkfifo(os.path.join(d, "fifo.pdf"))
write(os.path.join(d, "inner.yaml"), "packet:\n  title: Inner\n  documents:\n    - brief: a.yaml\n")


def compile_packet(text, *extra):
    path = os.path.join(d, "p.yaml")
    write(path, text)
    out = os.path.join(d, "p.pdf")
    if os.path.exists(out):
        os.unlink(out)
    rc, o, e = run(["compile", path, "-o", out] + list(extra))
    return rc, o, e, os.path.exists(out)


def has(err, line, col, message):
    return re.search(r"p\.yaml:%d:%d: error: %s" % (line, col, message), err)


rc, o, err, wrote = compile_packet(
    "packet:\n"                                  # 1
    "  titel: A hearing\n"                       # 2
    "  date: 2023-02-30\n"                       # 3
    "  recto: maybe\n"                           # 4
    "  witnesses:\n"                             # 5
    "    - panel: Panel I\n"                     # 6
    "      people:\n"                            # 7
    "        - name: A. Witness\n"               # 8
    "          orgnisation: Somewhere\n"         # 9
    "          document: firts\n"                # 10
    "  documents:\n"                             # 11
    "    - brief: a.yaml\n"                      # 12
    "      id: first\n"                          # 13
    "    - pdf: s.pdf\n"                         # 14
    "    - brief: a.yaml\n"                      # 15
    "      pdf: s.pdf\n"                         # 16
    "      title: Both\n"                        # 17
    "    - pdf: missing.pdf\n"                   # 18
    "      title: Missing\n"                     # 19
    "    - pdf: ../outside.pdf\n"                # 20
    "      title: Outside\n"                     # 21
    "    - pdf: fifo.pdf\n"                      # 22
    "      title: A FIFO\n"                      # 23
    "    - brief: s.pdf\n"                       # 24
    "    - brief: inner.yaml\n"                  # 25
    "    - brief: a.yaml\n"                      # 26
    "      id: first\n"                          # 27
    "    - lable: x\n"                           # 28
)
check(rc == 1 and not wrote, "a packet with errors fails and writes nothing", err)
check(has(err, 2, 3, "unknown key 'titel' in a packet") and "did you mean 'title'?" in err,
      "an unknown key, with a did-you-mean hint", err)
check(has(err, 1, 1, "") or "missing" in err and "'title'" in err, "the missing title is reported", err)
check(has(err, 3, 9, "'2023-02-30' is not a date") and "February 2023 has 28 days" in err,
      "a date that is no day, with the month's length", err)
check(has(err, 4, 10, "'recto' must be true or false"), "recto: takes true or false", err)
check(has(err, 9, 11, "unknown key 'orgnisation' in a witness") and "did you mean 'organisation'?" in err,
      "a witness's unknown key, with a hint", err)
check(has(err, 10, 21, "no document of this packet has the id 'firts'") and "did you mean 'first'?" in err,
      "a witness's document names an unknown id, with a hint", err)
check(has(err, 14, 7, "a PDF needs a 'title:'"), "a PDF without a title", err)
check(has(err, 16, 7, "give either 'brief:' or 'pdf:', not both"), "a document with both brief: and pdf:", err)
check(has(err, 18, 12, "cannot open '.*missing\\.pdf': No such file"), "a missing PDF at its line:col", err)
check(has(err, 20, 12, "a packet's documents must be inside its folder; '../outside.pdf' leads out of it"),
      "a path that leaves the packet's folder", err)
check(has(err, 22, 12, "'fifo.pdf' is not a regular file"), "a FIFO is refused, not read (no hang)", err)
check(has(err, 24, 14, "'s.pdf' must name a brief"), "a brief: that names a PDF", err)
check(has(err, 25, 14, "'inner.yaml' is a packet: a packet cannot contain a packet"), "a packet inside a packet", err)
check(has(err, 27, 11, "two documents have the id 'first'") and re.search(r"p\.yaml:12:7: note: the first is here", err),
      "a duplicate id, with a note at the first", err)
check(has(err, 28, 7, "unknown key 'lable' in a document") and "did you mean 'label'?" in err,
      "a document's unknown key, with a hint", err)

rc, o, err, wrote = compile_packet("packet:\n  title: T\n  documents: []\n")
check(rc == 1 and has(err, 3, 14, "'documents' is empty"), "a packet without documents", err)
rc, o, err, wrote = compile_packet("packet:\n  title: T\n  documents:\n    - brief: a.yaml\nsections: []\n")
check(rc == 1 and has(err, 5, 1, "unknown key 'sections' in a packet file"), "brief keys beside packet: are refused", err)
rc, o, err, wrote = compile_packet("packet:\n  title: T\n  witnesses:\n    - panel: P\n      people: []\n  documents:\n    - brief: a.yaml\n")
check(rc == 1 and has(err, 5, 15, "'people' is empty"), "an empty panel", err)
rc, o, err, wrote = compile_packet("packet:\n  title: T\n  style: nope\n  documents:\n    - brief: a.yaml\n")
check(rc == 1 and has(err, 3, 10, "") , "a missing style at its line:col", err)
os.makedirs(os.path.join(d, "styles"), exist_ok=True)
write(os.path.join(d, "styles", "s.yaml"), "front-matter: romam\nmargins: nan\n")
rc, o, err, wrote = compile_packet("packet:\n  title: T\n  style: s\n  documents:\n    - brief: a.yaml\n")
check(rc == 1 and re.search(r"s\.yaml:1:15: error: 'front-matter' must be roman or arabic", err)
      and "did you mean 'roman'?" in err, "front-matter: takes roman or arabic, with a hint", err)
check(re.search(r"s\.yaml:2:10: error: 'margins' must be a number", err), "a NaN margin is refused", err)

# A brief's errors inside a packet are its own file's.
write(os.path.join(d, "bad.yaml"), "title: Bad\nsubtitel: x\nsections:\n  - markdown: Text.\n")
rc, o, err, wrote = compile_packet("packet:\n  title: T\n  documents:\n    - brief: a.yaml\n    - brief: bad.yaml\n")
check(rc == 1 and not wrote and re.search(r"bad\.yaml:2:1: error: unknown key 'subtitel'", err),
      "a brief's own error is reported in its own file", err)

# Oral limits: check reports the reading time and warns past the limit.
words = " ".join(["word"] * 600)
write(os.path.join(d, "t.yaml"), "title: Testimony\noral-limit: 5\nsections:\n  - markdown: %s\n" % words)
rc, o, err = run(["check", os.path.join(d, "t.yaml")])
check(rc == 0 and "warning" not in err and re.search(r"t\s+60\d words\s+\d pages?\s+read aloud in about 4\.6 min \(limit 5 min\)", o),
      "check prints a testimony's words, pages and reading time", o + err)
write(os.path.join(d, "t.yaml"), "title: Testimony\noral-limit: 4\nsections:\n  - markdown: %s\n" % words)
rc, o, err = run(["check", os.path.join(d, "t.yaml")])
check(rc == 0 and re.search(r"t\.yaml:2:13: warning: read aloud, this testimony takes about 4\.6 minutes", err),
      "a testimony over its oral-limit is warned about at the key", err)
rc, o, err = run(["check", "--strict", os.path.join(d, "t.yaml")])
check(rc == 1, "... and fails under --strict", err)
write(os.path.join(d, "t.yaml"), "title: Testimony\noral-limit: nan\nsections:\n  - markdown: x\n")
rc, o, err = run(["check", os.path.join(d, "t.yaml")])
check(rc == 1 and re.search(r"t\.yaml:2:13: error: 'oral-limit' must be a number", err),
      "oral-limit: must be a number of minutes", err)
done()
