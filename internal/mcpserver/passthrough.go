package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/stytchkit/stytchkit/stytch"
)

// PassthroughName is the name of the generic tool.
const PassthroughName = "stytch_request"

// Doer is the generic call of the Stytch client: one request through the
// client's transport (Basic auth, retries, logging, *stytch.APIError on
// non-2xx). path is relative to the base URL and may carry a query string;
// body nil sends no body; out receives the decoded 2xx JSON.
// *stytch.Client satisfies it.
type Doer interface {
	Do(ctx context.Context, method, path string, body any, out any) error
}

var _ Doer = (*stytch.Client)(nil)

// passthroughInput is the arguments of stytch_request.
type passthroughInput struct {
	Method string         `json:"method"`
	Path   string         `json:"path"`
	Query  map[string]any `json:"query"`
	Body   map[string]any `json:"body"`
}

// passthroughSchema is derived from the spec: method is limited to the
// methods the spec uses.
func passthroughSchema(s *Spec) *jsonschema.Schema {
	var methods []any
	for _, m := range s.Methods() {
		methods = append(methods, m)
	}
	return &jsonschema.Schema{
		Type:     "object",
		Required: []string{"method", "path"},
		Properties: map[string]*jsonschema.Schema{
			"method": {Type: "string", Enum: methods, Description: "HTTP method of the endpoint."},
			"path": {Type: "string", MinLength: new(1), Pattern: `^/v1/[^?#]*$`,
				Description: "Concrete path of an endpoint (Consumer or B2B), placeholders filled in, e.g. /v1/users/user-test-… for GET /v1/users/{user_id}. No host, no query string."},
			"query": {Type: "object", AdditionalProperties: &jsonschema.Schema{Types: []string{"string", "number", "integer", "boolean"}},
				Description: "Query parameters, e.g. {\"user_id\": \"user-test-…\"} for GET /v1/sessions."},
			"body": {Type: "object", Description: "JSON request body, exactly as the endpoint documents it."},
		},
		AdditionalProperties: falseSchema(),
	}
}

const passthroughDescription = `Call any endpoint of the Stytch API that has no dedicated tool (e.g. email OTP login_or_create, WebAuthn, M2M clients, crypto wallets; B2B SSO, SCIM, discovery and RBAC under /v1/b2b/), through the same authenticated client as the other tools.

The method and path must match an operation of the server's embedded OpenAPI document (path templates such as /v1/users/{user_id}); anything else is refused without any request being sent. The path and query parameters and the body are validated against that operation's schema before sending.

Agent guidance: prefer the dedicated stytch_* tools when one exists. DELETE and revoke endpoints are irreversible; confirm with the human first.`

// passthrough runs stytch_request: match, validate, send, decode.
func (s *Server) passthrough(ctx context.Context, raw json.RawMessage) (any, map[string]any, error) {
	var in passthroughInput
	var all map[string]any
	_ = json.Unmarshal(raw, &all)
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	if p, _ := all["path"].(string); strings.HasPrefix(p, "/emulator/") || p == "/emulator" {
		return nil, all, s.emulatorPathError(p)
	}
	if err := s.passthroughResolved.Validate(all); err != nil || json.Unmarshal(raw, &in) != nil {
		msg := "arguments must be an object with method, path and optional query and body"
		if err != nil {
			msg = cleanValidation(err)
		}
		return nil, all, &ToolError{ErrorType: ErrInvalidArguments, Message: msg}
	}
	in.Method = strings.ToUpper(in.Method)
	op, vars, ok := s.spec.Match(in.Method, in.Path)
	if !ok || strings.Contains(in.Path, "..") || strings.Contains(in.Path, "//") {
		return nil, in.Body, &ToolError{ErrorType: ErrRouteNotInSpec,
			Message: fmt.Sprintf("%s %s is not an endpoint of the spec. Endpoints near it: %s",
				in.Method, in.Path, strings.Join(s.spec.Near(in.Path), "; "))}
	}
	// Validate what will be sent against the operation's own schema.
	flat := map[string]any{}
	for k, v := range in.Body {
		flat[k] = v
	}
	for k, v := range in.Query {
		flat[k] = v
	}
	for k, v := range vars {
		flat[k] = v
	}
	if err := op.resolved.Validate(flat); err != nil {
		return nil, flat, &ToolError{ErrorType: ErrInvalidArguments,
			Message: fmt.Sprintf("%s %s (%s): %s", op.Method, op.Path, op.ID, cleanValidation(err))}
	}
	var body any
	if in.Body != nil || (op.Method != http.MethodGet && op.Method != http.MethodDelete) {
		body = in.Body
		if in.Body == nil {
			body = map[string]any{}
		}
	}
	var out json.RawMessage
	if err := s.doer.Do(ctx, op.Method, requestPath(in.Path, in.Query), body, &out); err != nil {
		return nil, flat, err
	}
	var decoded any
	if len(out) > 0 {
		if err := json.Unmarshal(out, &decoded); err != nil {
			return nil, flat, &ToolError{ErrorType: ErrUnexpectedResponse, Message: "the response is not JSON"}
		}
	}
	return decoded, flat, nil
}

// requestPath appends the query, escaped, in a stable order.
func requestPath(path string, query map[string]any) string {
	if len(query) == 0 {
		return path
	}
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	q := url.Values{}
	for _, k := range keys {
		q.Set(k, fmt.Sprint(query[k]))
	}
	return path + "?" + q.Encode()
}

// emulatorPathError refuses a control-plane path of the emulator, which is
// not part of the Stytch API, and names the tool that reads the outbox.
func (s *Server) emulatorPathError(path string) *ToolError {
	te := &ToolError{ErrorType: ErrRouteNotInSpec,
		Message: fmt.Sprintf("%s belongs to the emulator's control plane, not to the Stytch API, so %s does not send it", path, PassthroughName)}
	if s.emulator {
		te.Hint = "To read the emails and text messages the emulator sent (magic link tokens, passcodes), call " + OutboxToolName + " with to and kind."
	} else {
		te.Hint = "The emulator's outbox is read with " + OutboxToolName + ", which this server offers only in emulator mode: start it with -emulator (or " + EnvEmulator + "=true) and " + EnvBaseURL + " pointing at the emulator."
	}
	return te
}
