# libauthlete: build, install, test and demo. `make help` lists the targets.
PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR    ?=
SWIFT      ?= swift

VERSION := $(shell sed -n 's/^\#define AUTHLETE_VERSION_STRING "\(.*\)"/\1/p' include/authlete.h)
MAJOR   := $(firstword $(subst ., ,$(VERSION)))
SONAME  := libauthlete.so.$(MAJOR)
REALNAME := libauthlete.so.$(VERSION)

BUILD    := build
LIB_OUT  := $(BUILD)/lib/$(REALNAME)
EMULATOR := .build/release/authlete-emulator

# The .so carries the Swift runtime (static), exports only authlete_* and is linked by lld, which leaves no local
# Swift symbols in the dynamic table. Its own scratch path keeps these flags away from the emulator's build.
LIB_FLAGS := -c release --scratch-path .build-lib --product authlete \
	-Xswiftc -static-stdlib -Xswiftc -use-ld=lld \
	-Xlinker --version-script=$(CURDIR)/Sources/Authlete/exports.map -Xlinker -soname=$(SONAME)

.PHONY: all help deps lib emulator test test-swift test-abi test-examples demo install uninstall clean
all: lib

help:
	@echo "make            build $(LIB_OUT) (+ symlinks and a build-tree authlete.pc)"
	@echo "make test       every test: Swift unit tests, the ABI tests, the examples' tests, check-hard"
	@echo "make demo       the emulator and the sample hosts, end to end"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=: the .so with its symlinks, authlete.h, authlete.pc, LICENSE"
	@echo "make dist       build/dist/libauthlete-$(VERSION)-linux-x86_64.tar.gz (library, headers, emulator)"
	@echo "make deb        build/deb/: libauthlete0, libauthlete-dev, authlete-emulator for Debian 12"
	@echo "make wheel      build/wheel/: the authlete_ciba wheel with libauthlete.so.0 inside"

deps:
	@scripts/ensure-deps.sh

lib: deps
	$(SWIFT) build $(LIB_FLAGS)
	@mkdir -p $(BUILD)/lib/pkgconfig
	@# install(1) writes a new file: a running process that mapped the old one keeps it intact.
	install -m 0755 .build-lib/release/libauthlete.so $(LIB_OUT)
	@# DWARF 5 from the Swift toolchain makes valgrind 3.19 give up on the library; symbols stay for backtraces.
	strip --strip-debug $(LIB_OUT)
	ln -sf $(REALNAME) $(BUILD)/lib/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/lib/libauthlete.so
	@$(MAKE) --no-print-directory pc PC_OUT=$(BUILD)/lib/pkgconfig/authlete.pc \
		PC_PREFIX=$(CURDIR)/$(BUILD) PC_LIBDIR=$(CURDIR)/$(BUILD)/lib PC_INCLUDEDIR=$(CURDIR)/include

# authlete.pc from authlete.pc.in (used for the build tree and for install).
.PHONY: pc
pc:
	@mkdir -p $(dir $(PC_OUT))
	sed -e 's|@PREFIX@|$(PC_PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' authlete.pc.in > $(PC_OUT)

# The static Swift runtime makes the binary self-contained: the same one is tested and shipped (make dist, deb).
emulator:
	$(SWIFT) build -c release --product authlete-emulator --static-swift-stdlib

test: lib emulator test-swift test-abi test-examples check-hard test-bindings test-packaging

test-swift: deps
	$(SWIFT) test

test-abi: lib emulator
	@scripts/ensure-deps.sh abigail-tools
	@python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
	python3 -m pytest -q Tests/abi Tests/emulator

test-examples: lib emulator
	@scripts/ensure-deps.sh libmicrohttpd-dev valgrind curl
	$(MAKE) -C examples test

demo: lib emulator
	@scripts/ensure-deps.sh libmicrohttpd-dev curl
	$(MAKE) -C examples demo

install: lib
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 0755 -s $(LIB_OUT) $(DESTDIR)$(LIBDIR)/$(REALNAME)
	ln -sf $(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libauthlete.so
	install -m 0644 include/authlete.h $(DESTDIR)$(INCLUDEDIR)/authlete.h
	install -d $(DESTDIR)$(INCLUDEDIR)/authlete
	install -m 0644 include/authlete/*.h $(DESTDIR)$(INCLUDEDIR)/authlete/
	@$(MAKE) --no-print-directory pc PC_OUT=$(DESTDIR)$(LIBDIR)/pkgconfig/authlete.pc \
		PC_PREFIX=$(PREFIX) PC_LIBDIR=$(LIBDIR) PC_INCLUDEDIR=$(INCLUDEDIR)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/$(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libauthlete.so \
		$(DESTDIR)$(INCLUDEDIR)/authlete.h $(DESTDIR)$(LIBDIR)/pkgconfig/authlete.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/authlete

# Reliability and security legs: ASan/UBSan, TSan, valgrind, libFuzzer, fault matrix, soak, TLS through
# nginx, fork, process state, secrets. Bounded for CI (about 5 minutes on 2 cores); part of `make test`.
.PHONY: check-hard check-hard-record
check-hard: lib emulator
	@scripts/ensure-deps.sh libcjson-dev libcurl4-openssl-dev valgrind nginx openssl curl libmicrohttpd-dev
	@test -x examples/c/build/backchannel-server || $(MAKE) -C examples all
	hardening/check-hard.sh

# The long runs recorded once in SECURITY.md (200,000-call soak, 10 minutes per fuzzer); not part of `make test`.
check-hard-record: check-hard
	hardening/record.sh

clean:
	rm -rf $(BUILD) .build-lib

# Benchmarks side by side: libauthlete, raw libcurl, Authlete's Python SDK, requests; see docs/benchmarks.md.
.PHONY: bench
bench: lib emulator
	bench/run.sh

# Java, Go and Node.js sample hosts and their tests.
include examples/bindings.mk
# make dist, deb, wheel and their clean-install tests.
include packaging/packaging.mk
