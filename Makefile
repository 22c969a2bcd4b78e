# Témoin — the two commands: `make run` and `make test`.
# Everything else is here for developers: build, bench, fuzz, screenshots, torture.

GO      ?= go
BIN     := bin/temoin
TOOLS   := $(CURDIR)/.tools
export PATH := $(TOOLS):$(PATH)

.PHONY: run build test deps bench fuzz screenshots torture clean check-format check-layers lint

## run: install what is missing, build, open the app on the default vault (or VAULT=dir)
run: build
	./$(BIN) $(if $(VAULT),--vault $(VAULT))

## build: compile bin/temoin
build: deps
	$(GO) build -o $(BIN) .

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
test: deps check-format lint check-layers
	@cfg=$$(mktemp -d) && XDG_CONFIG_HOME=$$cfg $(GO) test -race -tags $(TESTTAGS) -timeout 60m ./...; \
	status=$$?; rm -rf "$$cfg"; exit $$status

check-format:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint:
	$(GO) vet ./...
	$(GO) vet -tags $(TESTTAGS) ./...
	$(TOOLS)/staticcheck -tags $(TESTTAGS) ./...
	@tools/govulncheck.sh

# The domain must not know the GUI: vault/, app/ and capture/ never import Fyne.
check-layers:
	@deps=$$($(GO) list -deps ./vault/... ./app/... ./capture/... | grep '^fyne.io' || true); \
	if [ -n "$$deps" ]; then echo "vault/, app/ or capture/ depends on Fyne:"; echo "$$deps"; exit 1; fi

## bench: the benchmarks named by the issues, with the ratios they ask for
bench: deps
	@tools/bench.sh

## fuzz: run every fuzz target longer (FUZZTIME=1m each by default)
fuzz: deps
	@tools/fuzz.sh $(or $(FUZZTIME),1m)

## torture: the long proofs (SIGKILLs, damaged copies, leaks, full disks) and their summary
torture: deps
	@tools/torture.sh

clean:
	rm -rf bin

## screenshots: run the app under Xvfb on a demo vault; a PNG of every screen, French and English, in screenshots/
screenshots: deps
	@tools/screenshots.sh
