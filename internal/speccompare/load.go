package speccompare

import (
	"context"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// LoadError is returned when a document cannot be read or parsed.
type LoadError struct {
	// Location names the document (a file path, or a label for bytes).
	Location string
	// Err is the underlying error.
	Err error
}

// Error implements error.
func (e *LoadError) Error() string {
	return fmt.Sprintf("speccompare: cannot load %s: %v", e.Location, e.Err)
}

// Unwrap returns the underlying error.
func (e *LoadError) Unwrap() error { return e.Err }

// Load reads the OpenAPI document at path and resolves its references. It
// does not validate the document: a reference document with defects of its
// own can still be compared.
func Load(ctx context.Context, path string) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, &LoadError{Location: path, Err: err}
	}
	return doc, nil
}

// LoadData parses an OpenAPI document held in memory (YAML or JSON) and
// resolves its references; label names it in errors.
func LoadData(ctx context.Context, label string, data []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, &LoadError{Location: label, Err: err}
	}
	return doc, nil
}
