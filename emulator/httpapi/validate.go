package httpapi

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/stytchkit/stytchkit/api"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// loadSpec parses api.Spec once per process; the document and router are
// read-only afterwards and shared by every emulator.
var loadSpec = sync.OnceValues(func() (*Spec, error) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		return nil, fmt.Errorf("httpapi: load api/openapi.yml: %w", err)
	}
	doc.Servers = nil // match on paths only, whatever host the emulator listens on
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("httpapi: invalid api/openapi.yml: %w", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("httpapi: route api/openapi.yml: %w", err)
	}
	return &Spec{Doc: doc, Router: router}, nil
})

// Spec is the parsed OpenAPI document and a router over its paths.
type Spec struct {
	// Doc is api/openapi.yml with its servers cleared.
	Doc *openapi3.T
	// Router finds the operation of a request by method and path.
	Router routers.Router
}

// LoadSpec returns the parsed api/openapi.yml (parsed once per process).
func LoadSpec() (*Spec, error) { return loadSpec() }

// validationOptions: the emulator checks Basic auth itself, before validation.
var validationOptions = &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}

// quoted finds the property name in kin-openapi's `property "x" is missing`.
var quoted = regexp.MustCompile(`"([^"]+)"`)

// validationError turns a kin-openapi request validation failure into a
// Stytch 400. The error_type is specific where Stytch has one for the field
// (invalid_email, invalid_phone_number, invalid_session_duration_minutes)
// and bad_request otherwise; the message names the field but never echoes the
// submitted value.
func validationError(err error) *flows.Error {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return flows.E(flows.ErrBadRequest, "The request is invalid.")
	}
	field, reason := "", re.Reason
	if re.Parameter != nil {
		field = re.Parameter.Name
	}
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		reason = se.Reason
		if ptr := se.JSONPointer(); len(ptr) > 0 {
			field = strings.Join(ptr, ".")
		}
		if se.SchemaField == "required" {
			if m := quoted.FindStringSubmatch(se.Reason); m != nil {
				if !strings.HasSuffix(field, m[1]) {
					field = joinField(field, m[1])
				}
				return flows.E(flows.ErrBadRequest, "%s is required.", field)
			}
		}
	}
	if field == "" && re.RequestBody != nil {
		return flows.E(flows.ErrBadRequest, "The request body is invalid: %s.", strings.TrimSpace(reason))
	}
	if field == "" {
		return flows.E(flows.ErrBadRequest, "The request is invalid: %s.", strings.TrimSpace(reason))
	}
	return flows.E(fieldErrorType(field), "Invalid value for %s: %s.", field, strings.TrimSpace(reason))
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// fieldErrorType maps the leaf name of an invalid field to Stytch's specific
// error_type, when it has one.
func fieldErrorType(field string) flows.ErrorType {
	leaf := field[strings.LastIndex(field, ".")+1:]
	switch leaf {
	case "email", "email_address":
		return flows.ErrInvalidEmail
	case "phone_number":
		return flows.ErrInvalidPhoneNumber
	case "session_duration_minutes":
		return flows.ErrInvalidSessionDurationMinutes
	case "user_id":
		return flows.ErrInvalidUserID
	}
	return flows.ErrBadRequest
}

// oauth2RequestError recasts a request validation failure on an RFC 6749
// endpoint (/v1/public/…) with the codes of RFC 6749 section 5.2: a
// grant_type outside the supported ones is unsupported_grant_type, anything
// else (a missing or malformed parameter) is invalid_request. fe keeps its
// message, which names the field.
func oauth2RequestError(err error, fe *flows.Error) *flows.Error {
	code := flows.ErrInvalidRequest
	var se *openapi3.SchemaError
	if errors.As(err, &se) && se.SchemaField == "enum" {
		if ptr := se.JSONPointer(); len(ptr) == 1 && ptr[0] == "grant_type" {
			code = flows.ErrUnsupportedGrantType
		}
	}
	return flows.E(code, "%s", fe.Message)
}
