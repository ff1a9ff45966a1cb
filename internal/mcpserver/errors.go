package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/stytchkit/stytchkit/stytch"
)

// Error types the server itself produces (Stytch's own pass through as is).
const (
	// ErrInvalidArguments: the arguments do not match the tool's input schema.
	ErrInvalidArguments = "invalid_arguments"
	// ErrRouteNotInSpec: stytch_request was given a method and path that is
	// not an endpoint of the spec.
	ErrRouteNotInSpec = "route_not_in_spec"
	// ErrConnection: Stytch (or STYTCH_BASE_URL) could not be reached.
	ErrConnection = "connection_error"
	// ErrTimeout: the call was cancelled or timed out.
	ErrTimeout = "timeout"
	// ErrUnexpectedResponse: a 2xx answer that was not the documented JSON.
	ErrUnexpectedResponse = "unexpected_response"
	// ErrInternal: anything else.
	ErrInternal = "internal_error"
)

// ToolError is the body of every failed tool call: IsError is set on the
// result, and the same object is both the structured content and the text.
type ToolError struct {
	// ErrorType is Stytch's error_type (e.g. "user_not_found") or one of
	// this package's Err* constants.
	ErrorType string `json:"error_type"`
	// Message says what went wrong.
	Message string `json:"message"`
	// Hint tells the agent what to do next.
	Hint string `json:"hint"`
	// StatusCode is the HTTP status Stytch answered with, when there was one.
	StatusCode int `json:"status_code,omitempty"`
	// RequestID is Stytch's request id, when there was one.
	RequestID string `json:"request_id,omitempty"`
}

// Error implements error.
func (e *ToolError) Error() string { return e.ErrorType + ": " + e.Message }

// hints maps "tool error_type" (most specific) and "error_type" to advice.
var hints = map[string]string{
	"stytch_magic_link_email_send user_not_found":           "No user has this email address. Use stytch_magic_link_email_login_or_create to sign the user up and send the link in one call.",
	"stytch_magic_link_email_send email_not_found":          "No user has this email address. Use stytch_magic_link_email_login_or_create to sign the user up and send the link in one call.",
	"stytch_otp_email_send user_not_found":                  "No user has this email address. Create the user first with stytch_user_create, or send the code through stytch_request POST /v1/otps/email/login_or_create.",
	"stytch_otp_sms_send user_not_found":                    "No user has this phone number. Create the user first with stytch_user_create, or use stytch_request POST /v1/otps/sms/login_or_create.",
	"stytch_otp_whatsapp_send user_not_found":               "No user has this phone number. Create the user first with stytch_user_create, or use stytch_request POST /v1/otps/whatsapp/login_or_create.",
	"stytch_password_authenticate unauthorized_credentials": "The email and password do not match. Ask the user to retry, or start a reset with stytch_password_reset_start.",
	"stytch_password_authenticate email_not_found":          "No user has a password for this email. Create one with stytch_password_create.",

	"unauthorized_credentials":    "Stytch rejected the project credentials: check STYTCH_PROJECT_ID and STYTCH_SECRET (same project, same environment) and that STYTCH_ENV / STYTCH_BASE_URL point at that project's environment.",
	"user_not_found":              "No user has this id. Find the right user_id with stytch_user_search (filter email_address or phone_number).",
	"email_not_found":             "No user has this email address. Create the user with stytch_user_create first.",
	"phone_number_not_found":      "No user has this phone number. Create the user with stytch_user_create first.",
	"invalid_email":               "The email address is malformed. Ask the user for a valid address (name@example.com) and retry.",
	"invalid_phone_number":        "The phone number must be E.164: a leading + and the country code, digits only (e.g. +12025550123).",
	"too_many_requests":           "Rate limited. Wait before retrying (limits are counted per email, phone number or user in fixed windows); do not retry in a loop.",
	"user_lock_limit_reached":     "The user is locked after too many failed attempts. Wait for the lock to expire (see lock_expires_at from stytch_user_get).",
	"duplicate_email":             "A user with this email address already exists. Find it with stytch_user_search.",
	"duplicate_phone_number":      "A user with this phone number already exists. Find it with stytch_user_search.",
	"unable_to_auth_magic_link":   "The magic link token was already used or has expired. Send a new link and authenticate the fresh token once.",
	"magic_link_not_found":        "The magic link token is unknown. Use the token from the newest link exactly as received.",
	"unable_to_auth_otp_code":     "The passcode is wrong, used or expired (codes last 2 minutes by default). Send a new code and ask the user again.",
	"otp_code_not_found":          "The passcode is wrong or expired. Check method_id is the email_id/phone_id returned by the send call, then retry or send a new code.",
	"weak_password":               "The password is too weak. Check candidates with stytch_password_strength_check and use one it calls valid.",
	"breached_password":           "The password appears in known breaches. Ask for another one and check it with stytch_password_strength_check.",
	"reset_password":              "This user must reset their password first: start with stytch_password_reset_start.",
	"session_not_found":           "The session has expired or was revoked. The user must log in again.",
	"invalid_session_token":       "The session token is malformed. Pass the session_token returned by an authenticate call, unchanged.",
	"active_totp_exists":          "The user already has an active TOTP authenticator. Authenticate with stytch_totp_authenticate instead of creating another.",
	"unable_to_authenticate_totp": "The TOTP code is wrong or expired. Ask the user for the current 6-digit code from their authenticator app.",
	"invalid_totp_code":           "The TOTP code must be the current 6 digits from the authenticator app.",
	"oauth_token_not_found":       "The OAuth token is unknown, used or expired. Restart the OAuth flow and pass the token from the redirect once.",
	"invalid_magic_link_url":      "The redirect URL is not on the project's allow list (Dashboard → Redirect URLs), or pass one that is.",
	"no_session_arguments":        "Pass a session_token or a session_jwt.",
	"too_many_session_arguments":  "Pass either session_token or session_jwt, not both.",
	ErrInvalidArguments:           "Fix the arguments to match the tool's input schema (required fields, types, formats) and call again.",
	ErrRouteNotInSpec:             "stytch_request only reaches the endpoints of the embedded OpenAPI spec (Consumer and B2B); use one of the listed METHOD /path templates with the {placeholders} filled in.",
	ErrConnection:                 "Stytch could not be reached. Check STYTCH_BASE_URL (or network access to the default API host) and retry.",
	ErrTimeout:                    "The call timed out or was cancelled. Retry once; if it keeps failing, check the network and STYTCH_BASE_URL.",
	ErrUnexpectedResponse:         "The API answered with something other than the documented JSON. Check STYTCH_BASE_URL points at a Stytch API.",
	"invalid_argument":            "Fix the named argument and call again.",

	"organization_not_found":             "No Organization has this id or slug. Find it with stytch_b2b_organization_search.",
	"organization_slug_already_used":     "Another Organization has this slug. Pick another organization_slug, or find the existing one with stytch_b2b_organization_search.",
	"member_not_found":                   "No Member of this Organization has this id or email address. Find it with stytch_b2b_member_search (organization_ids is required).",
	"duplicate_member_email":             "The Organization already has a Member with this email address. Find it with stytch_b2b_member_get.",
	"email_jit_provisioning_not_allowed": "The Organization does not let this address join by itself: invite the person with stytch_b2b_magic_link_invite, or allow the domain (email_allowed_domains, email_jit_provisioning RESTRICTED) with stytch_b2b_organization_update.",
}

// statusHints is the fallback advice by HTTP status.
var statusHints = map[int]string{
	http.StatusBadRequest:      "The request was rejected as invalid: re-read the tool's input schema and the message, fix the arguments and retry.",
	http.StatusUnauthorized:    "Authentication failed: for a token or code, get a fresh one; otherwise check STYTCH_PROJECT_ID and STYTCH_SECRET.",
	http.StatusForbidden:       "The project is not allowed to do this; check the project's settings in the Stytch dashboard.",
	http.StatusNotFound:        "The object does not exist: check the id (stytch_user_search finds users).",
	http.StatusTooManyRequests: "Rate limited. Wait before retrying; do not retry in a loop.",
	http.StatusNotImplemented:  "This API server does not implement the endpoint (a local emulator may lack it); retrying will not help.",
}

func hintFor(tool, errorType string, status int) string {
	if h, ok := hints[tool+" "+errorType]; ok {
		return h
	}
	if h, ok := hints[errorType]; ok {
		return h
	}
	if h, ok := statusHints[status]; ok {
		return h
	}
	if status >= 500 {
		return "Stytch had a server-side problem. Retry after a short wait."
	}
	return "Report the error_type and message to the user."
}

// classify turns any failure of a tool call into a ToolError.
func classify(tool string, err error) *ToolError {
	var (
		te  *ToolError
		ae  *stytch.APIError
		oe  *stytch.OAuth2Error
		de  *stytch.DecodeError
		ve  *stytch.ValidationError
		tre *stytch.TransportError
	)
	var out ToolError
	switch {
	case errors.As(err, &te):
		out = *te
	case errors.As(err, &ae):
		out = ToolError{ErrorType: ae.ErrorType, Message: ae.ErrorMessage, StatusCode: ae.StatusCode, RequestID: ae.RequestID}
		if out.ErrorType == "" {
			out.ErrorType = ErrUnexpectedResponse
			out.Message = fmt.Sprintf("HTTP %d with a body that is not a Stytch error object", ae.StatusCode)
		}
	case errors.As(err, &oe):
		out = ToolError{ErrorType: oe.Code, Message: oe.Description, StatusCode: oe.StatusCode, RequestID: oe.RequestID}
	case errors.As(err, &de):
		out = ToolError{ErrorType: ErrUnexpectedResponse, Message: fmt.Sprintf("could not decode the HTTP %d response", de.StatusCode), StatusCode: de.StatusCode}
	case errors.As(err, &ve):
		out = ToolError{ErrorType: "invalid_argument", Message: fmt.Sprintf("%s: %s", ve.Field, ve.Reason)}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		out = ToolError{ErrorType: ErrTimeout, Message: "the call did not finish in time"}
	case errors.As(err, &tre):
		out = ToolError{ErrorType: ErrConnection, Message: fmt.Sprintf("%s %s: no response from the API", tre.Method, tre.Path)}
	default:
		out = ToolError{ErrorType: ErrInternal, Message: err.Error()}
	}
	if out.Hint == "" {
		out.Hint = hintFor(tool, out.ErrorType, out.StatusCode)
	}
	return &out
}

// errorResult renders a ToolError as an MCP tool result. Validators and APIs
// like to quote the offending value, so the values of secret-bearing
// arguments (passwords, tokens, codes, JWTs) are scrubbed from the text.
func errorResult(te *ToolError, args map[string]any) *mcp.CallToolResult {
	te.Message = redact(te.Message, args)
	b, _ := json.Marshal(te)
	return &mcp.CallToolResult{
		IsError:           true,
		Content:           []mcp.Content{&mcp.TextContent{Text: string(b)}},
		StructuredContent: te,
	}
}

// sensitive reports whether an argument name carries a credential.
func sensitive(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"password", "token", "secret", "jwt", "code", "verifier", "signature"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// redact replaces, in s, every string under a sensitive key of args (quoted
// and bare, longest first so a value containing another goes whole).
func redact(s string, args map[string]any) string {
	var vals []string
	var walk func(v any, secret bool)
	walk = func(v any, secret bool) {
		switch v := v.(type) {
		case string:
			if secret && v != "" {
				vals = append(vals, v)
			}
		case map[string]any:
			for k, x := range v {
				walk(x, secret || sensitive(k))
			}
		case []any:
			for _, x := range v {
				walk(x, secret)
			}
		}
	}
	walk(args, false)
	sort.Slice(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	for _, v := range vals {
		s = strings.ReplaceAll(s, strconv.Quote(v), `"[redacted]"`)
		s = strings.ReplaceAll(s, v, "[redacted]")
	}
	return s
}
