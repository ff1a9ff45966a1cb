# The pipeline: api/openapi.yml -> gen/ (go generate) -> stytch/, emulator/, cmd/.
GO ?= go

.PHONY: all generate drift lint test race specdiff bench quickstart emulator ci

all: ci

## generate: rewrite gen/ from api/openapi.yml
generate:
	$(GO) generate ./...

## drift: fail when gen/ is not what the spec generates
drift: generate
	@git diff --exit-code -- gen/ || { echo "gen/ is stale: run 'make generate' and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- gen/)" || { git status --porcelain -- gen/; echo "gen/ has untracked generated files"; exit 1; }

## lint: go vet, gofmt and the spec's own validation and lint tests
lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) test -count=1 ./api/

## test: every test, with the race detector
test:
	$(GO) test -race -count=1 ./...

## specdiff: check every recording in testdata/ against the spec, strictly
specdiff:
	$(GO) run ./cmd/specdiff -strict testdata/recordings

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
