"""test_cli.py: the command line: help, version, exit codes, diagnostics
at file:line:col, `check` writes nothing, default output path, and a
failed compile never replaces a good PDF."""
import os
import shutil

from tap import BRIEFC, check, done, run, tmpdir, write

GOOD = """title: A Brief
sections:
  - markdown: |
      Some text.[^a]

      [^a]: A note.
"""

rc, out, err = run(["--help"])
check(rc == 0 and "briefc compile FILE.yaml" in out and "packet" in out, "--help prints usage (briefs and packets) and exits 0")
rc, out, err = run(["--version"])
check(rc == 0 and out.startswith("briefc "), "--version", out)
rc, out, err = run([])
check(rc == 2 and "no command" in err, "no arguments is a usage error (exit 2)", err)
rc, out, err = run(["frobnicate", "x.yaml"])
check(rc == 2, "an unknown command is a usage error (exit 2)")
rc, out, err = run(["compile", "--bogus", "x.yaml"])
check(rc == 2 and "unknown option '--bogus'" in err, "an unknown option is a usage error", err)
rc, out, err = run(["compile"])
check(rc == 2, "compile without a brief is a usage error")

d = tmpdir()
write(os.path.join(d, "brief.yaml"), "title: X\nsubtitel: Y\nsections:\n  - markdown: Hi.\n")
rc, out, err = run(["check", "brief.yaml"], cwd=d)
check(rc == 1, "check on a brief with an unknown key exits 1", err)
check("brief.yaml:2:1: error:" in err, "the error points at the key (brief.yaml:2:1)", err)
check("did you mean 'subtitle'" in err, "with a did-you-mean hint", err)
check(not os.path.exists(os.path.join(d, "output")), "check writes nothing")

write(os.path.join(d, "good.yaml"), GOOD)
rc, out, err = run(["check", "good.yaml"], cwd=d)
check(rc == 0 and not os.path.exists(os.path.join(d, "output")), "check on a good brief exits 0, writes nothing", err)
rc, out, err = run(["compile", "good.yaml"], cwd=d)
pdf = os.path.join(d, "output", "good.pdf")
check(rc == 0 and os.path.exists(pdf), "compile writes output/<stem>.pdf under the current folder", err)
good_bytes = open(pdf, "rb").read() if os.path.exists(pdf) else b""
check(good_bytes.startswith(b"%PDF-"), "the output is a PDF")

# Break the brief: the compile fails and the good PDF stays as it was.
write(os.path.join(d, "good.yaml"), GOOD.replace("[^a]: A note.", "[^b]: A note."))
rc, out, err = run(["compile", "good.yaml"], cwd=d)
check(rc == 1, "a brief with an undefined note fails (exit 1)", err)
check("good.yaml:4:17: error: footnote '[^a]' is not defined" in err,
      "the error is at the call, in the YAML's inline Markdown (4:17)", err)
check(open(pdf, "rb").read() == good_bytes, "the failed compile left the good PDF untouched")
leftovers = [f for f in os.listdir(os.path.join(d, "output")) if f != "good.pdf"]
check(leftovers == [], "and left no temporary file", leftovers)

rc, out, err = run(["compile", "missing.yaml"], cwd=d)
check(rc == 1 and "missing.yaml" in err, "a missing brief is an error naming it", err)

# An error in a Markdown file points into that file.
write(os.path.join(d, "md.yaml"), "title: X\nsections:\n  - file: sections/a.md\n")
write(os.path.join(d, "sections", "a.md"), "# A\n\nText with [^oops] a note.\n")
rc, out, err = run(["check", "md.yaml"], cwd=d)
check(rc == 1 and os.path.join("sections", "a.md") + ":3:11: error:" in err,
      "a Markdown error points at the .md file, line and column", err)

# -o writes where asked, creating folders.
write(os.path.join(d, "good.yaml"), GOOD)
rc, out, err = run(["compile", "good.yaml", "-o", "deep/er/x.pdf"], cwd=d)
check(rc == 0 and os.path.exists(os.path.join(d, "deep/er/x.pdf")), "-o creates the folders it needs", err)

# --strict turns warnings into errors.
write(os.path.join(d, "warn.yaml"), "title: X\nsections:\n  - markdown: |\n      Hi <b>x</b>.\n")
rc, out, err = run(["check", "warn.yaml"], cwd=d)
check(rc == 0 and "warning: raw HTML" in err, "raw HTML is a warning", err)
rc, out, err = run(["check", "--strict", "warn.yaml"], cwd=d)
check(rc == 1 and "error: raw HTML" in err, "--strict makes it an error", err)
# Reproducible: the same inputs and SOURCE_DATE_EPOCH give the same bytes.
write(os.path.join(d, "good.yaml"), GOOD)
env = {"SOURCE_DATE_EPOCH": "1700000000"}
run(["compile", "good.yaml", "-o", "r1.pdf"], cwd=d, env=env)
run(["compile", "good.yaml", "-o", "r2.pdf"], cwd=d, env=env)
r1 = open(os.path.join(d, "r1.pdf"), "rb").read()
check(r1 == open(os.path.join(d, "r2.pdf"), "rb").read() and len(r1) > 1000,
      "two compiles with SOURCE_DATE_EPOCH are byte-identical")

# Fonts that are missing or broken are errors naming the file, not crashes.
rc, out, err = run(["check", "good.yaml", "--fonts", "/nonexistent"], cwd=d)
check(rc == 1 and "/nonexistent/NotoSerif-Regular.ttf" in err, "a missing fonts folder is an error naming the file", err)
os.makedirs(os.path.join(d, "badfonts"))
for f in os.listdir(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "fonts")):
    write(os.path.join(d, "badfonts", f), "not a font")
rc, out, err = run(["compile", "good.yaml", "--fonts", "badfonts"], cwd=d)
check(rc == 1 and "not a TrueType font" in err, "corrupt fonts are errors", err)
shutil.rmtree(d)
done()
