// Package api embeds api/openapi.yml, the OpenAPI 3.0.3 document of the Stytch
// Consumer API that everything in this module is generated from or checked
// against, so that programs (the emulator, specdiff, the MCP server) carry the
// exact document they were built with.
package api

import _ "embed"

// Spec is the text of openapi.yml.
//
//go:embed openapi.yml
var Spec []byte
