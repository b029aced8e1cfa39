# Release artifacts, included by the top Makefile: the tarball (make dist), the Debian packages (make deb), the
# Python wheel (make wheel), and their tests on clean installs (make test-packaging). README: "Install".
DOCDIR     ?= $(PREFIX)/share/doc/libauthlete
NOTICES    := LICENSE THIRD_PARTY_NOTICES.md
DIST_NAME  := libauthlete-$(VERSION)-linux-x86_64
DIST_DIR   ?= $(BUILD)/dist
DIST_TAR   := $(DIST_DIR)/$(DIST_NAME).tar.gz
DEB_DIR    ?= $(BUILD)/deb
WHEEL_DIR  ?= $(BUILD)/wheel
MULTIARCH  := x86_64-linux-gnu
# Every timestamp in the artifacts: the commit's time, so that one commit gives the same bytes.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1)
export SOURCE_DATE_EPOCH
PACKAGING_DEPS := dpkg-dev lintian patchelf help2man pkg-config openssl man-db binutils

.PHONY: dist deb wheel test-packaging install-notices uninstall-notices stage
install: install-notices
install-notices:
	install -d $(DESTDIR)$(DOCDIR)
	install -m 0644 $(NOTICES) $(DESTDIR)$(DOCDIR)/

uninstall: uninstall-notices
uninstall-notices:
	rm -rf $(DESTDIR)$(DOCDIR)

# The shipped files under STAGE_ROOT: `make install` there, the emulator in bin/, both binaries as shipped
# (packaging/ship-binary.sh). Called by dist and deb, after the builds.
stage:
	@scripts/ensure-deps.sh patchelf
	rm -rf $(STAGE_ROOT)
	$(MAKE) --no-print-directory -o lib install DESTDIR=$(STAGE_ROOT) PREFIX=$(STAGE_PREFIX) LIBDIR=$(STAGE_LIBDIR) \
		INCLUDEDIR=$(STAGE_PREFIX)/include DOCDIR=$(STAGE_DOCDIR)
	install -d $(STAGE_ROOT)$(STAGE_PREFIX)/bin
	install -m 0755 $(EMULATOR) $(STAGE_ROOT)$(STAGE_PREFIX)/bin/authlete-emulator
	packaging/ship-binary.sh $(STAGE_ROOT)$(STAGE_LIBDIR)/$(REALNAME) $(STAGE_ROOT)$(STAGE_PREFIX)/bin/authlete-emulator

# The tarball: relocatable (authlete.pc finds its prefix through ${pcfiledir}), LICENSE and notices at the top.
# PC_PREFIX is expanded twice (here, then in the pc recipe), hence the four dollars.
dist: lib emulator
	$(MAKE) --no-print-directory -o lib -o emulator stage STAGE_ROOT=$(DIST_DIR)/stage/$(DIST_NAME) STAGE_PREFIX= STAGE_LIBDIR=/lib \
		STAGE_DOCDIR=
	$(MAKE) --no-print-directory pc PC_OUT=$(DIST_DIR)/stage/$(DIST_NAME)/lib/pkgconfig/authlete.pc \
		PC_PREFIX='$$$${pcfiledir}/../..' PC_LIBDIR='$$$${prefix}/lib' PC_INCLUDEDIR='$$$${prefix}/include'
	packaging/tarball.sh $(DIST_DIR)/stage $(DIST_NAME) $(DIST_TAR)
	@cd $(DIST_DIR) && sha256sum $(DIST_NAME).tar.gz

deb: lib emulator
	@scripts/ensure-deps.sh dpkg-dev help2man
	$(MAKE) --no-print-directory -o lib -o emulator stage STAGE_ROOT=$(DEB_DIR)/stage STAGE_PREFIX=/usr \
		STAGE_LIBDIR=/usr/lib/$(MULTIARCH) STAGE_DOCDIR=/usr/share/doc/libauthlete
	packaging/deb.sh $(VERSION) $(DEB_DIR)/stage $(DEB_DIR)

# The wheel carries the shipped .so of the tarball (the same bytes).
wheel: dist
	rm -rf $(WHEEL_DIR)
	python3 packaging/wheel.py examples/python $(DIST_DIR)/stage/$(DIST_NAME)/lib/$(REALNAME) $(WHEEL_DIR)

# Each artifact installed on a clean place and used from there (Tests/packaging); the Debian packages are purged
# at the end whatever happens.
test-packaging: dist deb wheel
	@scripts/ensure-deps.sh $(PACKAGING_DEPS)
	@python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
	@# A fresh venv with pip needs ensurepip, which Debian's own python3 has only with python3-venv.
	@python3 -c 'import ensurepip' 2>/dev/null || scripts/ensure-deps.sh python3-venv
	Tests/packaging/run.sh
