package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// The table of error types is the x-error-types extension of the Error
// schema: one row per error_type with the HTTP status it answers, a short
// description and where it comes from. sdkgen writes it twice: as the
// ErrorType* string constants of package stytch (the types Stytch documents
// and those the client makes itself) and as the typed identifiers of
// emulator/flows (every row), so that the emulator cannot answer an error
// type the table does not hold.

// Origins of an error type; the empty origin is a type Stytch documents.
const (
	originAPI      = ""
	originClient   = "client"   // made by the client (and Stytch's SDKs) itself, never sent by the API
	originOAuth2   = "oauth2"   // an RFC 6749/6750/7591 code, the error field of an OAuth2Error
	originEmulator = "emulator" // named by the emulator; not in Stytch's published lists
)

// emulatorErrorFile is where the emulator's table is written.
const emulatorErrorFile = "emulator/flows/error_types.gen.go"

// errorTypeRow is one row of x-error-types.
type errorTypeRow struct {
	Type        string `json:"type"`
	Status      int    `json:"status"`
	Description string `json:"description"`
	Origin      string `json:"origin,omitempty"`
}

var errorTypeRe = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// errorInitialisms extends initialisms for the words of error types.
var errorInitialisms = map[string]string{
	"http": "HTTP", "https": "HTTPS", "pkce": "PKCE", "cname": "CNAME", "siwe": "SIWE", "asn": "ASN",
	"cidr": "CIDR", "uri": "URI", "jit": "JIT", "md": "MD", "sha": "SHA", "pbkdf": "PBKDF", "sdk": "SDK",
	"json": "JSON",
}

// errorGoName is the Go name of an error type, e.g. UseHTTPS for use_https.
func errorGoName(t string) string {
	var b strings.Builder
	for _, part := range strings.Split(t, "_") {
		if v, ok := errorInitialisms[part]; ok {
			b.WriteString(v)
			continue
		}
		if v, ok := initialisms[part]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// readErrorTypes returns the rows of x-error-types, sorted by status then
// type, after checking each.
func readErrorTypes(doc *openapi3.T) ([]errorTypeRow, error) {
	ref := doc.Components.Schemas["Error"]
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("no Error schema")
	}
	raw, ok := ref.Value.Extensions["x-error-types"]
	if !ok {
		return nil, fmt.Errorf("the Error schema has no x-error-types")
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var rows []errorTypeRow
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("x-error-types: %w", err)
	}
	seen := map[string]bool{}
	names := map[string]string{}
	for _, r := range rows {
		switch {
		case !errorTypeRe.MatchString(r.Type):
			return nil, fmt.Errorf("x-error-types: %q is not a snake_case error type", r.Type)
		case seen[r.Type]:
			return nil, fmt.Errorf("x-error-types: %s is listed twice", r.Type)
		case r.Status < 400 || r.Status > 599:
			return nil, fmt.Errorf("x-error-types: %s has status %d, not 4xx or 5xx", r.Type, r.Status)
		case strings.TrimSpace(r.Description) == "":
			return nil, fmt.Errorf("x-error-types: %s has no description", r.Type)
		}
		switch r.Origin {
		case originAPI, originClient, originOAuth2, originEmulator:
		default:
			return nil, fmt.Errorf("x-error-types: %s has unknown origin %q", r.Type, r.Origin)
		}
		n := errorGoName(r.Type)
		if other, dup := names[n]; dup {
			return nil, fmt.Errorf("x-error-types: %s and %s have the same Go name %s", other, r.Type, n)
		}
		seen[r.Type], names[n] = true, r.Type
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Status != rows[j].Status {
			return rows[i].Status < rows[j].Status
		}
		return rows[i].Type < rows[j].Type
	})
	return rows, nil
}

// inClient reports whether the client has a constant for r.
func (r errorTypeRow) inClient() bool { return r.Origin == originAPI || r.Origin == originClient }

// renderClientErrorTypes is error_types.gen.go of package stytch.
func renderClientErrorTypes(rows []errorTypeRow) string {
	var b strings.Builder
	b.WriteString("// Values of APIError.ErrorType, from the table of error types in\n")
	b.WriteString("// api/openapi.yml (x-error-types on the Error schema): the ones Stytch\n")
	b.WriteString("// documents and the ones this client makes itself. Stytch sends several\n")
	b.WriteString("// hundred; compare with HasErrorType or errors.As and APIError.ErrorType.\n")
	b.WriteString("const (\n")
	status := 0
	for _, r := range rows {
		if !r.inClient() {
			continue
		}
		if r.Status != status {
			if status != 0 {
				b.WriteString("\n")
			}
			status = r.Status
			fmt.Fprintf(&b, "\t// %d\n\n", status)
		}
		fmt.Fprintf(&b, "\t// ErrorType%s (HTTP %d): %s\n", errorGoName(r.Type), r.Status, r.Description)
		fmt.Fprintf(&b, "\tErrorType%s = %q\n", errorGoName(r.Type), r.Type)
	}
	b.WriteString(")\n")
	return b.String()
}

// renderEmulatorErrorTypes is error_types.gen.go of package flows.
func renderEmulatorErrorTypes(rows []errorTypeRow) ([]byte, error) {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("package flows\n\n")
	b.WriteString("// The error types of the table in api/openapi.yml (x-error-types on the\n")
	b.WriteString("// Error schema). Add a row there and run go generate to get a new one.\n")
	b.WriteString("var (\n")
	for i, r := range rows {
		origin := ""
		switch r.Origin {
		case originClient:
			origin = " Made by clients, never by the API."
		case originOAuth2:
			origin = " An OAuth 2.0 error code."
		case originEmulator:
			origin = " Named by the emulator."
		}
		fmt.Fprintf(&b, "\t// Err%s is %s (HTTP %d): %s%s\n", errorGoName(r.Type), r.Type, r.Status, r.Description, origin)
		fmt.Fprintf(&b, "\tErr%s = ErrorType{%d}\n", errorGoName(r.Type), i+1)
	}
	b.WriteString(")\n\n")
	b.WriteString("// errorTypes holds each ErrorType's row, by id; id 0 is the zero ErrorType.\n")
	b.WriteString("var errorTypes = [...]errorTypeInfo{\n\t{},\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "\t{%q, %d, %q},\n", r.Type, r.Status, r.Description)
	}
	b.WriteString("}\n")
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", emulatorErrorFile, err)
	}
	return src, nil
}

// writeEmulatorErrorTypes writes the emulator's table.
func writeEmulatorErrorTypes(rows []errorTypeRow) error {
	src, err := renderEmulatorErrorTypes(rows)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.FromSlash(emulatorErrorFile), src, 0o644)
}
