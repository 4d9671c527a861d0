# The quick start: `make` installs what is missing, builds briefc and
# compiles every brief in briefs/ into output/; `make test` does the same
# setup and runs the whole test suite (plus once more under ASan+UBSan).
# build/ is a release build with link-time optimisation (what users run
# and what the tests' end-to-end half runs); build-asan/ keeps its
# sanitizers and debug information. `make bench` runs bench/run.

BUILD      ?= build
BUILD_ASAN ?= build-asan

# Debian packages needed to build, run and test. libharu is pinned to
# 2.3.0: the PDF writer works around that release's faults through its
# internals (meson refuses any other version). golang-github-yuin-goldmark-dev
# is there for its copy of the CommonMark spec's examples (spec.json), which
# tests/e2e/test_commonmark_spec.py compiles. strace lets
# tests/e2e/test_pdf_faces.py see which font files a compile opens.
PACKAGES := meson ninja-build pkg-config gcc libc6-dev \
            libhpdf-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libpng-dev libjpeg-dev \
            libhyphen-dev hyphen-en-us golang-github-yuin-goldmark-dev libqpdf-dev libharfbuzz-dev zlib1g-dev \
            poppler-utils qpdf mupdf-tools python3 strace

.PHONY: all deps setup build briefs test bench fuzz valgrind install clean
.DELETE_ON_ERROR:

all: briefs

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

RELEASE := --buildtype=release -Db_lto=true

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) $(RELEASE)

# A build/ set up before it was a release build is switched once.
setup: deps $(BUILD)/build.ninja
	@meson configure $(BUILD) | grep -Eq '^ *buildtype +release ' || meson configure $(BUILD) $(RELEASE)

build: setup
	ninja -C $(BUILD)

# Only what changed is rebuilt (briefc keeps a record of each document's
# inputs in output/.briefc/); exit 3 means the machine, not a brief.
briefs: build
	$(BUILD)/briefc build briefs -o output

test: build
	@if [ ! -f $(BUILD_ASAN)/build.ninja ]; then \
	  meson setup $(BUILD_ASAN) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false; fi
	ninja -C $(BUILD_ASAN)
	@tests/run.sh $(BUILD) $(BUILD_ASAN)

# The speed table of docs/PERFORMANCE.md (bench/run installs hyperfine,
# and valgrind for BENCH=--callgrind).
bench: build
	bench/run $(BENCH)

# make fuzz SECONDS=1800: each libFuzzer target (the YAML loader, Markdown,
# figures and CSV, a whole compile, a packet) for SECONDS, with ASan and
# UBSan; findings land in tests/fuzz/ (see tests/fuzz/run.sh).
SECONDS ?= 60
FUZZ_TARGETS := yaml markdown figure compile packet
fuzz: deps
	@command -v clang >/dev/null || $(MAKE) deps PACKAGES=clang
	for t in $(FUZZ_TARGETS); do tests/fuzz/run.sh $$t $(SECONDS) || exit 1; done

# make valgrind: every example brief and packet under valgrind's memcheck.
valgrind: build
	@command -v valgrind >/dev/null || $(MAKE) deps PACKAGES=valgrind
	tests/valgrind.sh $(BUILD)

# make install PREFIX=/opt/briefc (DESTDIR=... for a staged install):
# the binary in PREFIX/bin, its fonts in PREFIX/share/briefc/fonts.
PREFIX ?= /usr/local
install: build
	meson configure $(BUILD) -Dprefix=$(PREFIX)
	meson install -C $(BUILD) $(if $(DESTDIR),--destdir $(DESTDIR))

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
