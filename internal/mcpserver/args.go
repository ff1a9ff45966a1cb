package mcpserver

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// args are the validated arguments of one tool call: a flat object holding
// the operation's path and query parameters next to its body fields.
type args struct {
	op  *Operation
	raw json.RawMessage
	m   map[string]any
}

// parseArgs decodes raw (absent means {}) and validates it against the
// operation's input schema. Failures are ToolErrors of type
// invalid_arguments that name the field.
func parseArgs(op *Operation, raw json.RawMessage) (*args, error) {
	if len(raw) == 0 || string(raw) == "null" {
		raw = json.RawMessage("{}")
	}
	a := &args{op: op, raw: raw}
	if err := json.Unmarshal(raw, &a.m); err != nil || a.m == nil {
		return a, &ToolError{ErrorType: ErrInvalidArguments, Message: "arguments must be a JSON object"}
	}
	if err := op.resolved.Validate(a.m); err != nil {
		return a, &ToolError{ErrorType: ErrInvalidArguments, Message: cleanValidation(err)}
	}
	return a, nil
}

// cleanValidation shortens the validator's message ("validating root:
// validating /properties/x: …") to the part an agent can act on.
func cleanValidation(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, "validating root: ", "")
	msg = strings.ReplaceAll(msg, "validating /properties/", "field ")
	return msg
}

// body returns the arguments that are not path or query parameters.
func (a *args) body() map[string]any {
	out := make(map[string]any, len(a.m))
	for k, v := range a.m {
		if _, isParam := a.op.params[k]; !isParam {
			out[k] = v
		}
	}
	return out
}

// decode fills a client params struct from the arguments. Three shapes are
// supported, so one generic adapter serves every client method:
//
//   - a body type with json tags (gen.UsersCreateRequest): the body fields
//     are decoded into it;
//   - a struct whose path/query ids carry `path:"name"` / `query:"name"`
//     tags: those fields are set from the arguments of the same name;
//   - a struct with a Body field: the body fields are decoded into Body.
func (a *args) decode(p any) error {
	body, err := json.Marshal(a.body())
	if err != nil {
		return fmt.Errorf("mcpserver: re-encoding arguments: %w", err)
	}
	v := reflect.ValueOf(p).Elem()
	if v.Kind() != reflect.Struct {
		return json.Unmarshal(body, p)
	}
	// Plain json-tagged structs (bodies, and oapi-codegen's query params
	// structs) take everything, parameters included.
	if err := json.Unmarshal(a.raw, p); err != nil {
		return invalidField("", err)
	}
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if name, ok := paramTag(f); ok {
			if val, present := a.m[name]; present {
				if err := setJSON(fv, val); err != nil {
					return invalidField(name, err)
				}
			}
			continue
		}
		if f.Name == "Body" {
			if fv.Kind() == reflect.Pointer {
				fv.Set(reflect.New(fv.Type().Elem()))
				fv = fv.Elem()
			}
			if err := json.Unmarshal(body, fv.Addr().Interface()); err != nil {
				return invalidField("", err)
			}
		}
	}
	return nil
}

// paramTag returns the parameter name of a `path:"…"` or `query:"…"` field.
func paramTag(f reflect.StructField) (string, bool) {
	for _, key := range []string{"path", "query"} {
		if tag, ok := f.Tag.Lookup(key); ok {
			name, _, _ := strings.Cut(tag, ",")
			return name, name != ""
		}
	}
	return "", false
}

// setJSON assigns a decoded JSON value to a field of any type.
func setJSON(fv reflect.Value, val any) error {
	b, err := json.Marshal(val)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, fv.Addr().Interface())
}

func invalidField(name string, err error) error {
	msg := err.Error()
	if name != "" {
		msg = "field " + name + ": " + msg
	}
	return &ToolError{ErrorType: ErrInvalidArguments, Message: msg}
}
