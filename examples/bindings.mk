# Sample hosts of libauthlete in Java (JNA), Go (cgo) and Node.js (N-API), and their tests against the emulator
# (examples/binding_checks.py, run once per runtime). Included by the top Makefile; paths are from the repository
# root. `make test-bindings` builds and tests all three and prints each runtime's seconds.
BINDINGS_PC     := $(CURDIR)/build/lib/pkgconfig
BINDINGS_LIBDIR := $(CURDIR)/build/lib
BINDINGS_PYTEST := python3 -m pytest -q -p no:cacheprovider examples/binding_checks.py
# Prints how long the rest of the recipe line took, for the runtime's CI time.
bindings_timed = start=$$(date +%s); $(2) && echo "$(1): $$(( $$(date +%s) - start )) s"

.PHONY: test-bindings bindings-deps bindings-go test-bindings-go bindings-node test-bindings-node bindings-java \
	test-bindings-java
test-bindings: test-bindings-go test-bindings-node test-bindings-java

bindings-deps:
	@python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest

# Go: standard library only, nothing fetched; the library from pkg-config, found at run time through an rpath.
GO_DIR := examples/go
GO_ENV := PKG_CONFIG_PATH=$(BINDINGS_PC) GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local \
	GOCACHE=$(CURDIR)/.build-go/cache GOPATH=$(CURDIR)/.build-go/path CGO_LDFLAGS=-Wl,-rpath,$(BINDINGS_LIBDIR)
bindings-go: lib
	@scripts/ensure-deps.sh golang-go pkg-config
	cd $(GO_DIR) && $(GO_ENV) go vet ./... && \
		$(GO_ENV) go build -o build/ ./cmd/... && $(GO_ENV) go test -c -o build/authlete.test ./authlete

test-bindings-go: lib emulator bindings-deps
	@$(call bindings_timed,test-bindings-go,$(MAKE) --no-print-directory bindings-go && BINDINGS=go $(BINDINGS_PYTEST))

# Node.js: the addon compiled by the C compiler against Node's own headers (no node-gyp, no npm). Node's headers
# ship with the nodejs package of nodesource, or with Debian's libnode-dev.
NODE_DIR     := examples/node
NODE_INCLUDE ?= $(firstword $(wildcard /usr/include/node /usr/local/include/node))
bindings-node: lib
	@scripts/ensure-deps.sh nodejs pkg-config
	@test -f "$(NODE_INCLUDE)/node_api.h" || scripts/ensure-deps.sh libnode-dev
	@mkdir -p $(NODE_DIR)/build
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -fPIC -shared -Wall -Wextra -Wpedantic -Werror \
		-I$(or $(NODE_INCLUDE),/usr/include/node) $$(PKG_CONFIG_PATH=$(BINDINGS_PC) pkg-config --cflags authlete) \
		$(NODE_DIR)/src/addon.c -o $(NODE_DIR)/build/authlete.node \
		$$(PKG_CONFIG_PATH=$(BINDINGS_PC) pkg-config --libs authlete) -Wl,-rpath,$(BINDINGS_LIBDIR)

test-bindings-node: lib emulator bindings-deps
	@$(call bindings_timed,test-bindings-node,$(MAKE) --no-print-directory bindings-node && BINDINGS=node $(BINDINGS_PYTEST))

# Java: JNA from Debian (/usr/share/java/jna.jar), plain javac; the library by the explicit path AUTHLETE_LIBRARY
# (the tests set it) or by name on the library path. HeaderVersion.java carries the header's version number.
JAVA_DIR := examples/java
bindings-java: lib
	@scripts/ensure-deps.sh openjdk-17-jdk-headless libjna-java
	@mkdir -p $(JAVA_DIR)/build/generated/authlete
	sed -n 's/^\#define AUTHLETE_VERSION_NUMBER \([0-9]*\).*/package authlete;\n\n\/** Generated from include\/authlete.h at build time. *\/\nfinal class HeaderVersion {\n  static final int NUMBER = \1;\n\n  private HeaderVersion() {}\n}/p' \
		include/authlete.h > $(JAVA_DIR)/build/generated/authlete/HeaderVersion.java
	rm -rf $(JAVA_DIR)/build/classes
	javac -Xlint:all -Werror -encoding UTF-8 -d $(JAVA_DIR)/build/classes -cp /usr/share/java/jna.jar \
		$$(find $(JAVA_DIR)/src $(JAVA_DIR)/test $(JAVA_DIR)/build/generated -name '*.java')

test-bindings-java: lib emulator bindings-deps
	@$(call bindings_timed,test-bindings-java,$(MAKE) --no-print-directory bindings-java && BINDINGS=java $(BINDINGS_PYTEST))
