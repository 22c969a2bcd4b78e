# Témoin — the two commands: `make run` and `make test`.
# Everything else is here for developers: build, bench, fuzz, screenshots, torture,
# and the releases: windows, linux, install, release, and their tests.

GO      ?= go
BIN     := bin/temoin
TOOLS   := $(CURDIR)/.tools
export PATH := $(TOOLS):$(PATH)

VERSION := $(shell tools/version.sh)
LDFLAGS := -X github.com/temoin-app/temoin/app.Version=$(VERSION)

.PHONY: run build test deps bench fuzz screenshots torture clean check-format check-tidy check-layers check-release lint \
	windows test-windows linux test-linux install uninstall release test-release check-platforms check-flatpak check-third-party

## run: install what is missing, build, open the app on the default vault (or VAULT=dir)
run: build
	./$(BIN) $(if $(VAULT),--vault $(VAULT))

## build: compile bin/temoin
build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

## deps: install the system packages and tools Témoin needs (Debian: apt-get)
deps:
	@tools/deps.sh

# Test builds carry the testhooks tag: it compiles the vault's storage-fault
# and crash hooks (vault/hooks_on.go), which the release binary never holds.
# Plain `go test ./...` still builds and runs everything else.
TESTTAGS := testhooks

## test: formatting, vet, layering, static analysis, then every test with the race detector
# XDG_CONFIG_HOME: the copies of the vaults' witnesses that tests through
# app.Unlock write go to a temporary folder, not the developer's own.
# TMPDIR: every folder the tests make (t.TempDir, os.MkdirTemp) is in that
# folder too, removed at the end even when a test binary was killed or
# stopped by -timeout, which run no clean-up.
test: deps check-format check-tidy lint check-layers check-release check-third-party
	@cfg=$$(mktemp -d) && trap 'rm -rf "$$cfg"' EXIT && mkdir "$$cfg/tmp" && \
	XDG_CONFIG_HOME=$$cfg TMPDIR=$$cfg/tmp $(GO) test -race -tags $(TESTTAGS) -timeout 60m ./...

# go.mod and go.sum say what the build uses, nothing more or less
# (`go mod tidy -diff` prints what tidying would change).
check-tidy:
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod or go.sum is not tidy (go mod tidy -diff):"; $(GO) mod tidy -diff; exit 1; }

# The libraries Témoin keeps a changed copy of (third_party/) are upstream's
# code but for the files their README names.
check-third-party:
	@tools/check-third-party.sh

check-format:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint: check-platforms
	$(GO) vet ./...
	$(GO) vet -tags $(TESTTAGS) ./...
	$(TOOLS)/staticcheck -tags $(TESTTAGS) ./...
	@tools/govulncheck.sh

# The domain must not know the GUI: vault/, app/ and capture/ never import Fyne.
# The two faces are siblings: the GUI (ui) never imports the command line
# (ui/cli), which knows no Fyne; what they share, ui/present, knows neither
# Fyne nor flags.
check-layers:
	@deps=$$($(GO) list -deps ./vault/... ./app/... ./capture/... | grep '^fyne.io' || true); \
	if [ -n "$$deps" ]; then echo "vault/, app/ or capture/ depends on Fyne:"; echo "$$deps"; exit 1; fi
	@deps=$$( { $(GO) list -deps ./ui/cli ./ui/present/... | grep '^fyne.io'; \
		$(GO) list -deps ./ui/present/... | grep 'spf13/pflag'; \
		$(GO) list -deps ./ui | grep 'temoin/ui/cli$$'; } || true); \
	if [ -n "$$deps" ]; then echo "ui/cli, ui/present or ui import what they must not:"; echo "$$deps"; exit 1; fi

# The release binary holds no test seam. Its symbols name none of the test
# helpers (vaulttest, apptest, presenttest, ownertest, the GUI's leak
# session) nor the vault's fault and crash hooks (testhooks tag), nor a
# "ForTesting" or "stub" function; and deadcode finds no function of the
# product that nothing calls.
SEAMS := temoin-app/temoin.*(ForTesting|LeakSession|InjectStorageFaults|FaultPlan|faultyWriter|storageFaults|crashAt|/vaulttest|/apptest|/presenttest|/ownertest|[Ss]tub)
check-release: build
	@seams=$$($(GO) tool nm $(BIN) | grep -E '$(SEAMS)' || true); \
	if [ -n "$$seams" ]; then echo "test seams linked into $(BIN):"; echo "$$seams" | head -20; exit 1; fi
	@dead=$$($(TOOLS)/deadcode . 2>&1 || true); \
	if [ -n "$$dead" ]; then echo "code of the product that nothing calls (deadcode):"; echo "$$dead"; exit 1; fi

## bench: the benchmarks named by the issues, with the ratios they ask for
bench: deps
	@tools/bench.sh

## fuzz: run every fuzz target longer (FUZZTIME=1m each by default)
fuzz: deps
	@tools/fuzz.sh $(or $(FUZZTIME),1m)

## torture: the long proofs (SIGKILLs, damaged copies, leaks, full disks) and their summary
torture: deps
	@tools/torture.sh

# Windows and macOS code paths compile and pass vet (tools/vet-platforms.sh).
check-platforms:
	@tools/vet-platforms.sh

## windows: dist/temoin-windows-amd64.exe and its installer dist/temoin-setup-windows-amd64.exe (mingw, NSIS)
windows:
	@tools/deps.sh windows
	@VERSION=$(VERSION) tools/windows.sh

## test-windows: the Windows build under Wine 10 (a Debian trixie chroot, made once in ~/.cache/temoin-wine): scenario, tests, installer
test-windows: windows
	@SKIP_BUILD=1 VERSION=$(VERSION) tools/test-windows.sh

## linux: dist/temoin-linux-amd64.tar.xz (program, menu entry, icon, metainfo; `make install` inside)
linux: deps
	@VERSION=$(VERSION) tools/linux.sh

## test-linux: the archive installs into ~/.local (of a throwaway home); menu entry and metainfo validate
test-linux: linux
	@SKIP_BUILD=1 VERSION=$(VERSION) tools/test-linux.sh

## install: build and install Témoin for this account into ~/.local (PREFIX=…); uninstall removes it, never the journal
install: build
	$(MAKE) -f packaging/linux/Makefile install BIN=$(BIN) DESKTOP=assets/desktop/fr.temoin.app.desktop \
	  METAINFO=assets/desktop/fr.temoin.app.metainfo.xml ICON=assets/icon.png

uninstall:
	$(MAKE) -f packaging/linux/Makefile uninstall

## check-flatpak: the Flatpak manifest is sound and builds offline from vendored modules (packaging/flatpak)
check-flatpak:
	@tools/flatpak-check.sh

## release: everything in dist/, SHA256SUMS signed with minisign (MINISIGN_KEY=secret key file)
release:
	@tools/deps.sh release
	@tools/release.sh

## test-release: the signature of SHA256SUMS verifies with minisign, and catches a changed file (throwaway key)
test-release:
	@tools/deps.sh release
	@tools/test-release.sh

clean:
	rm -rf bin dist rsrc_windows_amd64.syso

## screenshots: run the app under Xvfb on demo vaults; a PNG of every screen and dialog, French and English, 1366×768 and 1024×600, in screenshots/ (LANGS=, SIZES=, ONLY= narrow it)
screenshots: deps
	@tools/deps.sh screenshots
	@tools/screenshots.sh
