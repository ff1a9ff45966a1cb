# The pipeline: api/openapi.yml -> gen/ (go generate) -> stytch/, emulator/, cmd/.
GO ?= go

.PHONY: all generate drift lint test race specdiff interop bench quickstart emulator ci

all: ci

## generate: rewrite gen/ from api/openapi.yml
generate:
	$(GO) generate ./...

## drift: fail when a generated file (gen/ or elsewhere) is not what go generate
## writes; works with or without git and never writes the tree
drift:
	GO=$(GO) $(GO) run ./internal/drift

# gofmt of the same Go installation; the Go files are found without git:
# everything but version control data, testdata fixtures and the directories
# the go tool ignores (_x, .x).
GOFMT ?= $(shell $(GO) env GOROOT)/bin/gofmt
GOFILES_CMD = find . \( -name testdata -o -name '_*' -o -name '.?*' \) -prune -o -type f -name '*.go' -print

## lint: go vet, gofmt, staticcheck (pinned in go.mod) and the spec's own validation and lint tests
lint:
	$(GO) vet ./...
	@test -x "$(GOFMT)" || { echo "lint: gofmt not found at '$(GOFMT)' (set GOFMT=/path/to/gofmt)"; exit 1; }
	@files="$$($(GOFILES_CMD))"; test -n "$$files" || { echo "lint: no Go files found under $$(pwd)"; exit 1; }; \
	  bad="$$($(GOFMT) -l $$files)"; test -z "$$bad" || { echo "$$bad"; echo "gofmt needed: run gofmt -w on the files above"; exit 1; }
	$(GO) tool staticcheck ./...
	$(GO) test -count=1 ./api/

## test: every test, with the race detector
test:
	$(GO) test -race -count=1 ./...

## specdiff: check every recording in testdata/ against the spec, strictly
specdiff:
	$(GO) run ./cmd/specdiff -strict testdata/recordings

## interop: the official Node SDK against the emulator binary (npm ci in
## interop/node first; make test runs it too, skipped there without node)
interop:
	cd interop/node && npm ci --ignore-scripts --loglevel=error --no-audit --no-fund >/dev/null
	STYTCHKIT_REQUIRE_NODE=1 $(GO) test -count=1 -v -run 'Node' ./interop/

## bench: the benchmarks whose figures the README quotes
bench:
	$(GO) test -run '^$$' -bench 'AuthenticateJWTLocal|RSAVerifyFloor' -benchmem ./stytch/
	$(GO) test -run '^$$' -bench 'SessionsAuthenticateHTTP' -benchmem ./emulator/...

## quickstart: a real auth flow against the embedded emulator
quickstart:
	$(GO) run ./examples/quickstart

## emulator: run the local Stytch emulator on 127.0.0.1:4455
emulator:
	$(GO) run ./cmd/stytch-emulator

## ci: what CI runs (the README's test command)
ci: lint drift test specdiff
