"""test_build.py: `briefc build` refreshes a shelf: a second run rebuilds
nothing; changing a section rebuilds exactly the documents that read it
(a packet included), and so does changing an image a Markdown section
shows; a broken brief fails with its diagnostics while the others build
and its old PDF stays byte-identical (exit 1); missing fonts give the
environment status (3); PDFs get the umask's mode or keep theirs; the
depfile of `compile --deps` lists every input and drives make."""
import os
import re
import shutil
import subprocess

from tap import BRIEFC, ROOT, check, done, run, tmpdir, write

d = tmpdir()
shelf = os.path.join(d, "briefs")
shutil.copytree(os.path.join(ROOT, "briefs"), shelf)
out = os.path.join(d, "output")
env = {"SOURCE_DATE_EPOCH": "1700000000"}


def build(*args):
    return run(["build", shelf, "-o", out] + list(args), env=env)


def states(text):
    return dict((os.path.basename(p), s) for s, p in re.findall(r"^\[\d+/\d+\] (built|skipped|FAILED) (\S+)", text, re.M))


rc, o, e = build()
check(rc == 0, "the shelf builds", e)
first = states(o)
check(sorted(first) == ["forced-returns-ko.pdf", "forced-returns.pdf", "hearing-2023.pdf", "key-figures.pdf",
                        "lee-testimony-2023.pdf"]
      and set(first.values()) == {"built"}, "every brief and the packet are built, one line each", o)
check(re.search(r"^\[\d/5\] built \S+forced-returns\.pdf \(11 pages, \d+ ms\)$", o, re.M), "a progress line says pages and time", o)
check(re.search(r"^5 documents: 5 built, 0 up to date, 0 failed$", o, re.M), "a summary line", o)

rc, o, e = build()
check(rc == 0 and set(states(o).values()) == {"skipped"} and "0 built, 5 up to date" in o,
      "a second run rebuilds nothing", o)

with open(os.path.join(shelf, "sections", "lee-testimony-2023.md"), "a", encoding="utf-8") as f:
    f.write("\nA line added for the record.\n")
rc, o, e = build()
s = states(o)
check(rc == 0 and s.get("lee-testimony-2023.pdf") == "built" and s.get("hearing-2023.pdf") == "built"
      and s.get("forced-returns.pdf") == "skipped" and s.get("key-figures.pdf") == "skipped"
      and s.get("forced-returns-ko.pdf") == "skipped",
      "changing Lee's section rebuilds exactly his testimony and the packet that binds it", o)

# An image a Markdown section shows.
shutil.copy(os.path.join(shelf, "styles", "logo.png"), os.path.join(shelf, "sections", "pic.png"))
write(os.path.join(shelf, "sections", "pic.md"), "# A picture\n\n![The logo](pic.png)\n")
write(os.path.join(shelf, "pic.yaml"), "title: Picture\nsections:\n  - file: sections/pic.md\n")
rc, o, e = build()
check(rc == 0 and states(o).get("pic.pdf") == "built", "a new brief is built", o + e)
shutil.copy(os.path.join(shelf, "library", "figures", "border-map.png"), os.path.join(shelf, "sections", "pic.png"))
rc, o, e = build()
s = states(o)
check(s.get("pic.pdf") == "built" and list(s.values()).count("built") == 1,
      "changing the PNG a section shows rebuilds that brief alone", o)

# A broken brief: its diagnostics, its old PDF kept, the others built.
old = open(os.path.join(out, "key-figures.pdf"), "rb").read()
kf = os.path.join(shelf, "key-figures.yaml")
write(kf, open(kf, encoding="utf-8").read().replace("title:", "titel:", 1))
with open(os.path.join(shelf, "sections", "forced-returns-law.md"), "a", encoding="utf-8") as f:
    f.write("\nOne more sentence.\n")
rc, o, e = build()
s = states(o)
check(rc == 1, "a failed brief makes the exit status 1", o + e)
check(s.get("key-figures.yaml") == "FAILED" and re.search(r"^\[\d/6\] FAILED \S+key-figures\.yaml \(\d+ errors?\)$", o, re.M),
      "the broken brief is reported FAILED", o)
check(re.search(r"key-figures\.yaml:\d+:1: error: unknown key 'titel'", e), "with its diagnostics at file:line:col", e)
check(open(os.path.join(out, "key-figures.pdf"), "rb").read() == old, "its old PDF stays byte-identical")
check(s.get("forced-returns.pdf") == "built" and s.get("hearing-2023.pdf") == "built",
      "the other changed documents are still built", o)
shutil.copy(os.path.join(ROOT, "briefs", "key-figures.yaml"), kf)

# The environment, not a brief.
rc, o, e = run(["build", shelf, "-o", out, "--fonts", os.path.join(d, "no-fonts")], env=env)
check(rc == 3 and "environment" in e and "built" not in o, "missing fonts give exit status 3 and build nothing", o + e)
rc, o, e = run(["build", os.path.join(d, "nowhere"), "-o", out], env=env)
check(rc == 2, "a shelf folder that does not exist is a usage error (2)", e)

# Modes: the umask's for a new PDF, an existing PDF's own.
rc, o, e = build()
mode = os.stat(os.path.join(out, "key-figures.pdf")).st_mode & 0o777
check(mode == 0o644 or mode == 0o666 & ~os.umask(os.umask(0)), "a new PDF gets the umask's mode (%o), not 0600" % mode)
os.chmod(os.path.join(out, "lee-testimony-2023.pdf"), 0o640)
rc, o, e = build("--force")
check(rc == 0 and set(states(o).values()) == {"built"}, "--force rebuilds everything", o)
check(os.stat(os.path.join(out, "lee-testimony-2023.pdf")).st_mode & 0o777 == 0o640,
      "a rebuilt PDF keeps the mode it had")

# The JSON report, with a failed brief's diagnostics.
write(kf, open(kf, encoding="utf-8").read().replace("title:", "titel:", 1))
report = os.path.join(d, "report.json")
rc, o, e = build("--report", report)
import json
r = json.load(open(report))
docs = {os.path.basename(x["source"]): x for x in r["documents"]}
bad = docs.get("key-figures.yaml", {})
diag = bad.get("diagnostics", [{}])[0] if bad.get("diagnostics") else {}
check(rc == 1 and bad.get("status") == "failed" and diag.get("severity") == "error"
      and diag.get("message") == "unknown key 'titel' in a brief" and diag.get("line") >= 1 and diag.get("column") == 1
      and diag.get("file", "").endswith("key-figures.yaml") and "hint" in diag,
      "the report gives a failed brief's status and its diagnostics (file, line, column, severity, message, hint)",
      json.dumps(bad)[:600])
ok_doc = docs.get("lee-testimony-2023.yaml", {})
check(ok_doc.get("status") in ("built", "skipped") and ok_doc.get("pages", 0) > 0 and ok_doc.get("hash", "").startswith("fnv1a64:")
      and ok_doc.get("output", "").endswith("lee-testimony-2023.pdf") and r["summary"]["failed"] == 1,
      "the report gives each good document's status, output and hash", json.dumps(r)[:600])
check(re.search(r"\n\s*\d+ \| titel:", e), "diagnostics show their source excerpt in a log, not only on a terminal", e)
shutil.copy(os.path.join(ROOT, "briefs", "key-figures.yaml"), kf)

# Shards: disjoint, covering the shelf.
seen = []
for k in (1, 2, 3):
    rc, o, e = build("--shard", "%d/3" % k, "--force")
    seen.append(sorted(states(o)))
flat = [x for s in seen for x in s]
check(len(flat) == len(set(flat)) == 6 and all(seen), "--shard 1/3, 2/3, 3/3 are disjoint and cover the shelf", seen)
rc, o, e = run(["build", shelf, "-o", out, "--shard", "index/3", "--force"], env=dict(env, JOB_COMPLETION_INDEX="1"))
check(sorted(states(o)) == seen[1], "--shard index/3 takes K from JOB_COMPLETION_INDEX (0-based)", o)
rc, o, e = run(["build", shelf, "-o", out, "--shard", "4/3"])
check(rc == 2, "a shard past the count is a usage error", e)

# One build per output folder; leftovers of a killed one are cleared.
import fcntl
lockf = open(os.path.join(out, ".briefc", "lock"), "w")
fcntl.flock(lockf, fcntl.LOCK_EX)
rc, o, e = build()
check(rc == 4 and "another briefc build is writing" in e, "a second build on a locked output folder says so (exit 4)", e)
lockf.close()
junk = os.path.join(out, "forced-returns.pdf.tmp.AbC123")
open(junk, "w").write("partial")
rc, o, e = build()
check(rc == 0 and not os.path.exists(junk), "a temporary file a killed build left is removed by the next build", e)

# Two machines, one shared cache: no document is built twice.
cache = os.path.join(d, "cache")
procs = [subprocess.Popen([BRIEFC, "build", shelf, "-o", os.path.join(d, "machine%d" % k), "--cache", cache, "-j", "2"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, **env))
         for k in (1, 2)]
outs = [p.communicate() for p in procs]
built = sum(len(re.findall(r"^\[\d+/\d+\] built ", o, re.M)) for o, e in outs)
fetched = sum(len(re.findall(r"^\[\d+/\d+\] fetched ", o, re.M)) for o, e in outs)
check(all(p.returncode == 0 for p in procs) and built == 6 and fetched == 6,
      "two machines with one --cache build each document once (%d built, %d fetched)" % (built, fetched),
      outs[0][0] + outs[1][0] + outs[0][1] + outs[1][1])
same = all(open(os.path.join(d, "machine1", f), "rb").read() == open(os.path.join(d, "machine2", f), "rb").read()
           for f in os.listdir(os.path.join(d, "machine1")) if f.endswith(".pdf"))
check(same, "both machines end with the same PDFs")

# Reproducible wherever the shelf lies: two copies in different folders,
# built apart with SOURCE_DATE_EPOCH, give the same bytes.
other = os.path.join(d, "elsewhere", "deeper", "briefs")
shutil.copytree(os.path.join(ROOT, "briefs"), other)
here = os.path.join(d, "here", "briefs")
shutil.copytree(os.path.join(ROOT, "briefs"), here)
rc1, o1, e1 = run(["build", here, "-o", os.path.join(d, "here", "out")], env=env)
rc2, o2, e2 = run(["build", other, "-o", os.path.join(d, "elsewhere", "out"), "-j", "1"], env=env)
diff = [f for f in os.listdir(os.path.join(d, "here", "out")) if f.endswith(".pdf") and
        open(os.path.join(d, "here", "out", f), "rb").read() != open(os.path.join(d, "elsewhere", "out", f), "rb").read()]
check(rc1 == 0 and rc2 == 0 and not diff, "the same inputs in other folders, on other thread counts, give identical PDFs", diff)

# --diagnostics json: one JSON object a line, on any command.
bad = os.path.join(d, "bad.yaml")
write(bad, "titel: x\nsections:\n  - markdown: a\n")
rc, o, e = run(["check", bad, "--diagnostics", "json"])
try:
    lines = [json.loads(l) for l in e.splitlines() if l.strip()]
except ValueError:
    lines = []
check(rc == 1 and lines and lines[0] == {"file": bad, "line": 1, "column": 1, "severity": "error",
                                         "message": "unknown key 'titel' in a brief", "hint": "did you mean 'title'?"},
      "check --diagnostics json prints each diagnostic as a JSON line", e)
write(os.path.join(shelf, "bad.yaml"), "titel: x\nsections:\n  - markdown: a\n")
rc, o, e = build("--diagnostics", "json")
jl = [l for l in e.splitlines() if l.startswith("{")]
check(rc == 1 and jl and all(json.loads(l)["severity"] in ("error", "warning", "note") for l in jl),
      "build --diagnostics json too", e)
os.unlink(os.path.join(shelf, "bad.yaml"))

# The depfile, and make driving briefc with it.
m = os.path.join(d, "m")
shutil.copytree(shelf, m)
write(os.path.join(m, "Makefile"),
      "fr.pdf: forced-returns.yaml\n\t%s compile forced-returns.yaml -o fr.pdf --deps fr.d\n-include fr.d\n" % BRIEFC)
r = subprocess.run(["make", "-C", m, "fr.pdf"], capture_output=True, text=True, env=dict(os.environ, **env))
rc = r.returncode
deps = open(os.path.join(m, "fr.d"), encoding="utf-8").read()
want = ["forced-returns.yaml", "styles/policy.yaml", "styles/logo.png", "sections/forced-returns-law.md",
        "library/sources.yaml", "library/recommendations.yaml", "library/figures/arrivals.yaml",
        "library/figures/defector-arrivals.csv", "library/figures/border-map.png", "NotoSerif-Regular.ttf",
        "hyph_en_US.dic"]
missing = [w for w in want if w not in deps]
check(rc == 0 and deps.startswith("fr.pdf:") and not missing,
      "the depfile names the PDF and every input (YAML, style, logo, sections, library, CSV, images, fonts, patterns)",
      "missing: %s\n%s" % (missing, deps[:600]))
q = subprocess.run(["make", "-q", "-C", m, "fr.pdf"], capture_output=True)
check(q.returncode == 0, "make sees the PDF up to date through the depfile")
with open(os.path.join(m, "library", "figures", "defector-arrivals.csv"), "a") as f:
    f.write("\n")
q = subprocess.run(["make", "-q", "-C", m, "fr.pdf"], capture_output=True)
check(q.returncode == 1, "changing the figure's CSV makes the PDF out of date for make")
r = subprocess.run(["make", "-C", m, "fr.pdf"], capture_output=True, text=True, env=dict(os.environ, **env))
q = subprocess.run(["make", "-q", "-C", m, "fr.pdf"], capture_output=True)
check(r.returncode == 0 and "compile forced-returns.yaml" in r.stdout and q.returncode == 0,
      "make rebuilds it, and then it is up to date", r.stdout + r.stderr)
done()
