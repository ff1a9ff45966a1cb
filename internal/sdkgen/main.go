// Command sdkgen writes the mechanical part of the client packages from
// api/openapi.yml: for package stytch (Consumer operations) and package
// stytch/b2b (operations under /v1/b2b/, and B2B browser endpoints such as
// the SSO start URL, whose operationId starts with B2B), the Client struct and its service
// fields, one service type per SDK group, one method per operation with its
// params, body and response types, the aliases of every object and enum type
// the operations reach, and the operation table. Every operation names its
// method with the x-sdk-method extension (the official SDK's method chain,
// e.g. MagicLinks.Email.LoginOrCreate).
//
// It also writes the table of error types (x-error-types on the Error schema)
// twice: as the ErrorType constants of package stytch and as the typed error
// types of emulator/flows (emulator/flows/error_types.gen.go).
//
// It runs from go generate (see generate.go at the module root) after
// oapi-codegen has written gen/, whose type names it reads from
// gen/types.gen.go. Run it from the module root:
//
//	go run ./internal/sdkgen
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("sdkgen: ")
	spec := flag.String("spec", "api/openapi.yml", "the OpenAPI document")
	types := flag.String("types", "gen/types.gen.go", "oapi-codegen's models")
	flag.Parse()
	if err := run(*spec, *types); err != nil {
		log.Fatal(err)
	}
}

func run(specPath, typesPath string) error {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath)
	if err != nil {
		return fmt.Errorf("load %s: %w", specPath, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return fmt.Errorf("validate %s: %w", specPath, err)
	}
	g, err := readGenTypes(typesPath)
	if err != nil {
		return err
	}
	m, err := buildModel(doc, g)
	if err != nil {
		return err
	}
	if m.errorTypes, err = readErrorTypes(doc); err != nil {
		return err
	}
	for _, pkg := range m.packages {
		files, err := render(m, pkg)
		if err != nil {
			return err
		}
		if err := writeFiles(pkg.dir, files); err != nil {
			return err
		}
	}
	return writeEmulatorErrorTypes(m.errorTypes)
}

// writeFiles replaces the generated files of dir (names ending in .gen.go)
// with files, so that a file no longer generated disappears.
func writeFiles(dir string, files map[string][]byte) error {
	old, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if _, keep := files[filepath.Base(f)]; !keep {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
