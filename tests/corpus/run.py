"""run.py: the bad-input corpus (tests/corpus/README.md). Each folder of
cases/ is a small brief with an `expect` file; every case is copied to a
temporary folder, a known "previous" PDF is put at its output path, briefc
is run on it with a timeout, and one TAP line says whether it behaved:
the exit status expected, no signal, no timeout, the first error line
matching, no input file changed, and, when it failed, the previous PDF
byte-identical and no temporary file left. Cases listed in KNOWN_FAILING
(bugs in modules others are fixing) are reported as TODO."""
import concurrent.futures
import hashlib
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import zlib
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BRIEFC = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "build", "briefc")
# The program that measures a case's peak memory (peak.c); a case with a
# memory bound fails without it.
PEAK = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(BRIEFC), "tests", "corpus", "peak")
# Peak memory is checked only in a build without AddressSanitizer, whose
# shadow memory and quarantine say nothing about briefc's own.
SANITIZED = os.path.isfile(BRIEFC) and b"__asan_init" in open(BRIEFC, "rb").read()
# A hang or a cost that grows faster than the input still shows within
# 20 s; ASan and UBSan make briefc two to three times slower, and a loaded
# machine more (30,000 notes took 20 s under ASan beside four fuzzers).
TIMEOUT = 60 if SANITIZED else 20
DEFAULT_ARGS = "compile brief.yaml -o out.pdf"


def previous_pdf():
    """A small valid PDF, standing for the one a good compile wrote earlier."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
    out = bytearray(b"%PDF-1.4\n% previous\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


PREVIOUS = previous_pdf()


# ---- what `setup: generate PATH KIND ARGS` writes at test time ----

def png_bytes(width, height, truncate=None):
    """An RGB PNG of width x height whose pixel rows are all zero; with
    truncate, only the first bytes of it."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if width * height <= 4096 * 4096:
        raw = (b"\0" + b"\0" * (3 * width)) * height
        idat = zlib.compress(raw)
    else:
        idat = zlib.compress(b"\0" * 4096)   # a claim the data cannot back
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    return data[:truncate] if truncate else data


def generate(path, kind, args):
    n = int(args[0]) if args else 0
    if kind == "long-title":          # a brief whose title is n characters
        text = "title: %s\nsections:\n  - markdown: Text.\n" % ("Lorem ipsum dolor " * n)[:n]
    elif kind == "bad-rows":          # a CSV with a header and n rows of three fields
        text = "year,value\n" + "".join("%d,1,extra\n" % (1000 + i % 9000) for i in range(n))
    elif kind == "good-rows":         # a CSV with a header and n good rows
        text = "year,value\n" + "".join("%d,%d\n" % (1000 + i, i) for i in range(n))
    elif kind == "quote-nesting":     # Markdown: n nested block quotes
        text = ">" * n + " deep\n"
    elif kind == "list-nesting":      # Markdown: n nested list items
        text = "".join("  " * i + "- item\n" for i in range(n))
    elif kind == "emphasis-nesting":  # Markdown: n nested emphases
        text = "*" * n + "x" + "*" * n + "\n"
    elif kind == "bracket-nesting":   # Markdown: n nested inline notes
        text = "Text" + "^[a" * n + "]" * n + "\n"
    elif kind == "long-line":         # a brief on one line, an author of n characters, an unknown key at its end
        text = "{title: T, author: %s, sections: [{markdown: Text.}], titel: U}\n" % ("y" * n)
    elif kind == "yaml-keys":         # a YAML mapping of n unknown keys
        text = "title: T\nsections:\n  - markdown: Text.\n" + "".join("k%d: 1\n" % i for i in range(n))
    elif kind == "big":               # n MiB of one comment line after another
        line = "# " + "x" * 1021 + "\n"
        text = "title: T\nsections:\n  - markdown: Text.\n" + line * (n * 1024)
    elif kind == "png":               # a PNG of W x H pixels
        return write_bytes(path, png_bytes(n, int(args[1])))
    elif kind == "png-truncated":     # the first n bytes of a 64 x 64 PNG
        return write_bytes(path, png_bytes(64, 64, n))
    elif kind == "footnotes":         # Markdown: n notes called on one line, then defined
        text = "".join("Claim %d.[^n%d] " % (i, i) for i in range(n)) + "\n\n" + \
               "".join("[^n%d]: Note %d.\n" % (i, i) for i in range(n))
    elif kind == "pipe-rows":         # Markdown: a pipe table of n rows of three cells
        text = "| a | b | c |\n|---|---:|---|\n" + \
               "".join("| r%d | %d | text |\n" % (i, i) for i in range(n))
    elif kind == "wide-rows":         # Markdown: a pipe table of 60 columns and n rows of one cell
        text = "|" + "h|" * 60 + "\n|" + "-|" * 60 + "\n" + "x\n" * n
    elif kind == "undefined-calls":   # Markdown: n calls of an undefined note on one line
        text = "Text" + "[^u]" * n + "\n"
    elif kind == "html-tags":         # Markdown: n inline HTML elements on one line
        text = "<span>x</span> " * n + "\n"
    elif kind == "emphasis-line":     # Markdown: one line of n KB of emphasis
        text = "*a* _b_ " * (n * 128) + "\n"
    elif kind == "paragraphs":        # Markdown: n KB of plain justified paragraphs
        para = "North Korean refugees in China face forced return. " * 12 + "\n\n"
        text = para * (n * 1024 // len(para))
    elif kind == "zeros":             # n bytes of zeros
        return write_bytes(path, b"\0" * n)
    else:
        raise ValueError("unknown generator '%s'" % kind)
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# ---- the expect file ----

def parse_expect(path):
    e = {"status": None, "error": None, "args": DEFAULT_ARGS, "env": {}, "setup": [],
         "stderr": [], "not-stderr": [], "output": "out.pdf", "user": None,
         "max-stderr-lines": None, "max-stderr-width": None, "max-rss-mb": None, "previous": "yes"}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if not sep:
                raise ValueError("%s:%d: expected 'key: value'" % (path, n))
            if key == "status":
                e["status"] = int(value)
            elif key in ("error", "args", "output", "user", "failed-before", "previous"):
                e[key] = value
            elif key in ("max-stderr-lines", "max-stderr-width", "max-rss-mb"):
                e[key] = int(value)
            elif key == "env":
                name, _, v = value.partition("=")
                e["env"][name] = v
            elif key in ("setup", "stderr", "not-stderr"):
                e[key].append(value)
            else:
                raise ValueError("%s:%d: unknown key '%s'" % (path, n, key))
    if e["status"] is None:
        raise ValueError("%s: no 'status:'" % path)
    if e["status"] == 1 and not e["error"]:
        raise ValueError("%s: a failing case needs 'error:'" % path)
    return e


def do_setup(work, step):
    words = shlex.split(step)
    kind, rest = words[0], words[1:]
    p = os.path.join(work, rest[0]) if rest else None
    if kind == "fifo":                # a named pipe no one writes to
        os.makedirs(os.path.dirname(p), exist_ok=True)
        os.mkfifo(p)
    elif kind == "symlink":           # symlink PATH TARGET
        os.makedirs(os.path.dirname(p), exist_ok=True)
        os.symlink(rest[1], p)
    elif kind == "mkdir":
        os.makedirs(p, exist_ok=True)
    elif kind == "generate":          # generate PATH KIND [N ...]
        generate(p, rest[1], rest[2:])
    elif kind == "readonly":          # a folder no one may write into
        os.makedirs(p, exist_ok=True)
        os.chmod(p, 0o555)
    elif kind == "fonts":             # fonts DIR [-FACE ...]: the shipped faces but those
        os.makedirs(p, exist_ok=True)
        leave_out = {w[1:] for w in rest[1:] if w.startswith("-")}
        for name in os.listdir(os.path.join(ROOT, "fonts")):
            if name.endswith(".ttf") and name not in leave_out and not os.path.lexists(os.path.join(p, name)):
                os.symlink(os.path.join(ROOT, "fonts", name), os.path.join(p, name))
    else:
        raise ValueError("unknown setup '%s'" % kind)


def snapshot(work, skip):
    """Every regular file's hash (symlinks by their target text), by path."""
    seen = {}
    for dirpath, dirs, files in os.walk(work):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(dirpath, d))]:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, work)
            if rel in skip or ".tmp." in name:
                continue
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                seen[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(st.st_mode):
                with open(path, "rb") as f:
                    seen[rel] = hashlib.sha256(f.read()).hexdigest()
            else:
                seen[rel] = "special"
    return seen


def temporaries(work, out):
    """*.tmp.* files left in the case or beside the output."""
    found = []
    dirs = {work}
    if out and os.path.isabs(out):
        dirs.add(os.path.dirname(out))
    for top in dirs:
        for dirpath, _, files in os.walk(top):
            found += [os.path.join(dirpath, f) for f in files if ".tmp." in f]
            if top != work:
                break
    return found


def is_char_device(path):
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


def drop_to_nobody():
    os.setgid(65534)
    os.setuid(65534)


def run_measured(argv, cwd, env, pre):
    """Runs argv: (exit status or None on timeout, stderr, peak MB or None,
    timed out). The peak is the one peak.c reads for its child: forked
    from this process, the child's peak would count this process's memory
    as it was at the fork (Linux keeps the high-water mark across exec),
    88 MB once the corpus had generated its long inputs."""
    fd, peak_file = tempfile.mkstemp(prefix="briefc-peak-")
    os.close(fd)
    os.chmod(peak_file, 0o666)   # cases run as nobody write it too
    measured = os.access(PEAK, os.X_OK)
    if measured:
        argv = [PEAK, peak_file] + argv
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=pre)
    got = {}

    def drain(name, f):
        got[name] = f.read()

    readers = [threading.Thread(target=drain, args=("out", proc.stdout)),
               threading.Thread(target=drain, args=("err", proc.stderr))]
    for r in readers:
        r.start()
    expired = threading.Event()

    def expire():
        expired.set()
        proc.kill()

    timer = threading.Timer(TIMEOUT, expire)
    timer.start()
    _, status, _ = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    proc.stdout.close()
    proc.stderr.close()
    err = got.get("err", b"").decode("utf-8", "replace")
    timed_out = expired.is_set()
    peak = None
    try:
        with open(peak_file) as f:
            peak = int(f.read()) / 1024.0 if measured else None
    except (OSError, ValueError):
        pass
    os.unlink(peak_file)
    return (None if timed_out else proc.returncode), err, peak, timed_out


def run_case(name):
    src = os.path.join(HERE, "cases", name)
    e = parse_expect(os.path.join(src, "expect"))
    tmp = tempfile.mkdtemp(prefix="briefc-corpus-")
    work = os.path.join(tmp, name)
    problems = []
    problems_note = []
    try:
        shutil.copytree(src, work, symlinks=True, ignore=shutil.ignore_patterns("expect"))
        for step in e["setup"]:
            do_setup(work, step)
        out = e["output"]
        out_path = None if out == "none" else out if os.path.isabs(out) else os.path.join(work, out)
        # The previous PDF goes where the PDF is written, unless that is
        # an input the case means to protect (-o onto the brief).
        placed = out_path is not None and e["previous"] == "yes" and not os.path.isabs(out)
        if placed:
            write_bytes(out_path, PREVIOUS)
        skip = {out} if placed else set()
        before = snapshot(work, skip)
        env = dict(os.environ)
        env.pop("BRIEFC_FONTS", None)
        env.pop("SOURCE_DATE_EPOCH", None)
        env["NO_COLOR"] = "1"
        env.update(e["env"])
        if e["max-rss-mb"] is not None:
            # meson test sets it; glibc then fills every new block, so the
            # peak would be what was reserved, not what briefc touches.
            env.pop("MALLOC_PERTURB_", None)
        pre = None
        if e["user"] == "nobody" and os.getuid() == 0:
            # root writes anywhere: the case runs as nobody to meet a refusal
            for dirpath, dirs, files in os.walk(tmp):
                os.chmod(dirpath, os.stat(dirpath).st_mode | 0o005)
                for f in files:
                    fp = os.path.join(dirpath, f)
                    if not os.path.islink(fp) and stat.S_ISREG(os.lstat(fp).st_mode):
                        os.chmod(fp, os.stat(fp).st_mode | 0o004)
            pre = drop_to_nobody
        argv = [BRIEFC] + shlex.split(e["args"])
        rc, err, rss_mb, timed_out = run_measured(argv, work, env, pre)
        if timed_out:
            problems.append("timed out after %d s" % TIMEOUT)
        if e["max-rss-mb"] is not None and not SANITIZED:
            if rss_mb is None:
                problems.append("peak memory not measured (no %s)" % PEAK)
            elif rss_mb > e["max-rss-mb"]:
                problems.append("peak memory %.0f MB, at most %d MB expected" % (rss_mb, e["max-rss-mb"]))
        if rc is not None and rc < 0:
            problems.append("killed by signal %s" % signal.Signals(-rc).name)
        elif rc is not None and rc != e["status"]:
            problems.append("exit status %d, expected %d" % (rc, e["status"]))
        first = next((l for l in err.splitlines() if re.search(r"(^|: )error: ", l)), None)
        if e["error"]:
            if first is None or not re.search(e["error"], first):
                problems.append("first error line %r does not match %r" % (first, e["error"]))
        elif e["status"] == 0 and first is not None:
            problems.append("unexpected error: %s" % first)
        for rx in e["stderr"]:
            if not re.search(rx, err, re.M):
                problems.append("stderr lacks %r" % rx)
        for rx in e["not-stderr"]:
            if re.search(rx, err, re.M):
                problems.append("stderr has %r" % rx)
        n_lines = len(err.splitlines())
        if e["max-stderr-lines"] is not None and n_lines > e["max-stderr-lines"]:
            problems.append("stderr has %d lines, at most %d expected" % (n_lines, e["max-stderr-lines"]))
        width = max((len(l) for l in err.splitlines()), default=0)
        if e["max-stderr-width"] is not None and width > e["max-stderr-width"]:
            problems.append("a stderr line of %d characters, at most %d expected" % (width, e["max-stderr-width"]))
        after = snapshot(work, skip)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)
                         and k in before)
        if changed:
            problems.append("input files changed: %s" % ", ".join(changed))
        left = temporaries(work, out_path)
        if left:
            problems.append("temporary files left: %s" % ", ".join(left))
        data = None
        if out_path and os.path.isfile(out_path):
            data = open(out_path, "rb").read()
        if placed and rc != 0 and data != PREVIOUS:
            problems.append("the failed compile changed the previous PDF")
        if rc == 0 and e["status"] == 0 and e["args"].split()[:1] == ["compile"] and out_path:
            if data is None or data == PREVIOUS:
                problems.append("exit 0 but no new PDF at %s" % out)
            else:
                q = subprocess.run(["qpdf", "--check", out_path], capture_output=True, text=True)
                if q.returncode != 0:
                    problems.append("qpdf --check: " + (q.stdout + q.stderr).strip()[-300:])
        if not is_char_device("/dev/null"):
            problems.append("/dev/null is no longer a device: briefc replaced it")
        if problems:
            problems.append("stderr:\n" + "\n".join(err.splitlines()[:12]))
        elif os.environ.get("CORPUS_VERBOSE"):
            problems_note.append(first or "(no error) exit %s" % rc)
    except (OSError, ValueError) as x:
        problems.append("could not run the case: %s" % x)
    finally:
        for dirpath, dirs, files in os.walk(tmp):
            for d in dirs:
                dp = os.path.join(dirpath, d)
                if not os.path.islink(dp):
                    os.chmod(dp, 0o755)
        shutil.rmtree(tmp, ignore_errors=True)
    return problems, problems_note


def known_failing():
    known = {}
    path = os.path.join(HERE, "KNOWN_FAILING")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                known[name] = reason.strip() or "known failing"
    return known


def main():
    names = sorted(os.listdir(os.path.join(HERE, "cases")))
    only = os.environ.get("CORPUS_ONLY")
    if only:
        names = [n for n in names if re.search(only, n)]
    known = known_failing()
    for k in known:
        if k not in names and not only:
            print("# KNOWN_FAILING names a case that does not exist: %s" % k)
    jobs = int(os.environ.get("CORPUS_JOBS", "2"))
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(run_case, names))
    failed = 0
    for i, (name, (problems, notes)) in enumerate(zip(names, results), 1):
        if name in known:
            # TAP's TODO: a failure expected until the module's owner fixes it;
            # a pass says the line in KNOWN_FAILING can go.
            word = "not ok" if problems else "ok"
            print("%s %d - %s # TODO %s" % (word, i, name, known[name]))
            for p in problems[:1]:
                print("#   " + p.splitlines()[0])
            continue
        if problems:
            failed += 1
            print("not ok %d - %s" % (i, name))
            for p in problems:
                for line in p.splitlines()[:14]:
                    print("#   " + line)
        else:
            print("ok %d - %s" % (i, name))
            for n in notes:
                print("#   " + n)
    print("1..%d" % len(names))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
