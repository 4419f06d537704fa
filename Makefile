# kpi: social-media and support KPIs as a SQLite loadable extension.
# Targets: all test test-asan bench fuzz demo format lint clean (see
# docs/testing.md); cluster test-cluster (docs/cluster.md); install
# uninstall deb test-integration notebook (docs/install.md).

CC ?= cc
CFLAGS ?= -O2
# Registration rows leave their trailing slots out (kpi.h KpiFunc).
WARN = -Wall -Wextra -Wshadow -Wno-unused-parameter \
       -Wno-missing-field-initializers
VERSION := $(shell cat VERSION)
KPI_CFLAGS = -std=c11 -D_GNU_SOURCE -fPIC $(WARN) -DKPI_VERSION='"$(VERSION)"'
LIBS = -lz -lm

SRC := $(wildcard ext/*.c)
HDR := $(wildcard ext/*.h)

# SQLite's shell loads "./kpi" as ./kpi.so on Linux. The soname kpi.so is
# what ldconfig files the installed libkpi.so link under, so that a bare
# `.load kpi` finds it through ld.so.cache (see install below).
all: kpi.so

kpi.so: $(SRC) $(HDR) VERSION Makefile
	$(CC) $(CFLAGS) $(KPI_CFLAGS) -shared -Wl,-soname,kpi.so -o $@ $(SRC) \
	  $(LIBS)

# The ASan/UBSan build of the same sources, loaded into tclsh with the
# sanitizer runtime preloaded (tclsh itself is not instrumented).
ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
             -fno-sanitize-recover=undefined
kpi-asan.so: $(SRC) $(HDR) VERSION
	$(CC) $(ASAN_FLAGS) $(KPI_CFLAGS) -shared -o $@ $(SRC) $(LIBS)

deps:
	@sh scripts/deps.sh

test: deps kpi.so
	tclsh tests/all.tcl

ASAN_RT = $(shell $(CC) -print-file-name=libasan.so)
UBSAN_RT = $(shell $(CC) -print-file-name=libubsan.so)
test-asan: deps kpi-asan.so
	LD_PRELOAD="$(ASAN_RT) $(UBSAN_RT)" \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	KPI_LIB=./kpi-asan.so tclsh tests/all.tcl

demo: deps kpi.so
	sh examples/demo.sh

bench: deps kpi.so
	@for b in bench/bench_*.sh; do [ -f "$$b" ] && sh "$$b" || exit 1; done

FUZZ_SECONDS ?= 30
fuzz:
	@sh fuzz/run.sh $(FUZZ_SECONDS)

FORMAT_SRC = $(wildcard ext/*.c ext/*.h fuzz/*.c tests/oom/*.c cluster/*.c)
format:
	clang-format -i $(FORMAT_SRC)

lint:
	clang-format --dry-run --Werror $(FORMAT_SRC)
	clang-tidy --quiet $(SRC) -- -std=c11 -D_GNU_SOURCE -DKPI_VERSION='"$(VERSION)"'
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --suppress=missingIncludeSystem --inline-suppr -D_GNU_SOURCE \
	  -DKPI_VERSION='"$(VERSION)"' ext
	sh scripts/check_reqids.sh

# install: `.load kpi` with no path then works from any folder, because
# SQLite hands "kpi" and then "kpi.so" to dlopen, which searches the
# system's library path. dlopen finds a file there in two ways: in a
# default directory (/usr/lib, /usr/lib/<multiarch>: PREFIX=/usr, or the
# .deb), or through ld.so.cache, which holds the other directories of
# /etc/ld.so.conf (/usr/local/lib). ldconfig caches only files named lib*,
# under their soname: the libkpi.so link, whose soname is kpi.so, puts
# kpi.so in the cache. ldconfig runs when DESTDIR is empty.
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
DATADIR ?= $(PREFIX)/share/kpi
DOCDIR ?= $(PREFIX)/share/doc/kpi
LIBLINK ?= libkpi.so
DOCS = README.md $(wildcard docs/*.md)
install: kpi.so
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR)/sql/import \
	  $(DESTDIR)$(DATADIR)/examples/exports $(DESTDIR)$(DOCDIR)
	install -m 644 kpi.so $(DESTDIR)$(LIBDIR)/kpi.so
	[ -z "$(LIBLINK)" ] || ln -sf kpi.so $(DESTDIR)$(LIBDIR)/$(LIBLINK)
	install -m 644 sql/*.sql $(DESTDIR)$(DATADIR)/sql
	install -m 644 sql/import/*.sql $(DESTDIR)$(DATADIR)/sql/import
	install -m 644 examples/*.sql $(DESTDIR)$(DATADIR)/examples
	install -m 644 examples/exports/* $(DESTDIR)$(DATADIR)/examples/exports
	install -m 644 $(DOCS) VERSION $(DESTDIR)$(DOCDIR)
	[ -n "$(DESTDIR)" ] || ! command -v ldconfig >/dev/null || ldconfig

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/kpi.so
	[ -z "$(LIBLINK)" ] || rm -f $(DESTDIR)$(LIBDIR)/$(LIBLINK)
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	[ -n "$(DESTDIR)" ] || ! command -v ldconfig >/dev/null || ldconfig

# deb: build/kpi_<version>_<arch>.deb, offline, with dpkg-deb.
deb: kpi.so
	sh scripts/mkdeb.sh

# The routes of docs/tools.md and docs/install.md, each tried for real:
# install, the .deb, the Python package, the notebook, sqlite-utils, ODBC.
# It installs into the system (as root) and removes what it installed.
test-integration: deps kpi.so
	sh tests/integration/run.sh

# notebook: runs examples/weekly_kpis.ipynb in place and saves its FRT
# chart as docs/img/frt_by_language.png.
notebook: kpi.so
	sh scripts/notebook.sh

clean:
	rm -f kpi.so kpi-asan.so
	rm -rf build *.egg-info

.PHONY: all deps test test-asan demo bench fuzz format lint clean \
  install uninstall deb test-integration notebook

# Out-of-memory injection: fails each allocation of tests/oom/script.sql in
# turn, under ASan and UBSan (see tests/oom/oom.c).
build/oom: tests/oom/oom.c
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) -std=c11 -D_GNU_SOURCE $(WARN) -o $@ $< -lsqlite3
test-oom: deps kpi-asan.so build/oom
	ASAN_OPTIONS=detect_leaks=1 build/oom ./kpi-asan.so tests/oom/script.sql

# The suite under valgrind's memcheck (slow: several minutes).
test-valgrind: deps kpi.so
	valgrind --quiet --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	  tclsh tests/all.tcl

.PHONY: test-oom test-valgrind

# kpi in a dqlite cluster (docs/cluster.md): the node program, and the Go
# client that forms the cluster, built offline from Debian's go-dqlite.
CLUSTER_GO = env GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= \
             GOCACHE=$(CURDIR)/build/gocache go
build/kpinode: cluster/kpinode.c
	@mkdir -p build
	$(CC) $(CFLAGS) -std=c11 -D_GNU_SOURCE $(WARN) -o $@ $< \
	  -ldqlite -lsqlite3 -ldl -lpthread
build/kpicluster: cluster/kpicluster.go
	@mkdir -p build
	$(CLUSTER_GO) build -o $@ cluster/kpicluster.go
cluster:
	@sh scripts/deps.sh cluster
	@$(MAKE) --no-print-directory kpi.so build/kpinode build/kpicluster
test-cluster: cluster
	bash tests/cluster/run.sh

.PHONY: cluster test-cluster
