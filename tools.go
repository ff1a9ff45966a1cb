//go:build tools

// This file pins the code generator in go.mod for builds older than the
// `tool` directive; `go tool oapi-codegen` (see generate.go) is the way it runs.
package stytchkit

import _ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
