// Package stytchkit is the root of a Go toolkit for the Stytch Consumer and B2B APIs:
// api/openapi.yml is the source of truth, gen/ is generated from it, stytch/ is
// the client people import, emulator/ a stateful local Stytch, and cmd/ holds
// specdiff, the emulator binary and the MCP server.
//
// Run `go generate ./...` (or `make generate`) after editing api/openapi.yml.
package stytchkit

//go:generate go tool oapi-codegen -config gen/types.cfg.yaml api/openapi.yml
//go:generate go tool oapi-codegen -config gen/server.cfg.yaml api/openapi.yml
//go:generate go run ./internal/sdkgen
