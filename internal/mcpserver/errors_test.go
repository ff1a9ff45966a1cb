package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

func TestClassifyGivesTypeMessageAndHint(t *testing.T) {
	apiErr := func(status int, typ string) error {
		return &stytch.APIError{StatusCode: status, ErrorType: typ, ErrorMessage: "msg " + typ, RequestID: "request-id-test-1"}
	}
	cases := []struct {
		tool     string
		err      error
		wantType string
		hint     string
	}{
		{"stytch_magic_link_email_send", apiErr(404, "user_not_found"), "user_not_found", "stytch_magic_link_email_login_or_create"},
		{"stytch_user_get", apiErr(404, "user_not_found"), "user_not_found", "stytch_user_search"},
		{"stytch_user_get", apiErr(401, "unauthorized_credentials"), "unauthorized_credentials", "STYTCH_PROJECT_ID and STYTCH_SECRET"},
		{"stytch_password_authenticate", apiErr(401, "unauthorized_credentials"), "unauthorized_credentials", "do not match"},
		{"stytch_user_create", apiErr(400, "invalid_email"), "invalid_email", "valid address"},
		{"stytch_otp_sms_send", &stytch.RetryError{Attempts: 3, Err: apiErr(429, "too_many_requests")}, "too_many_requests", "Wait"},
		{"stytch_user_get", apiErr(404, "some_new_type"), "some_new_type", "check the id"},
		{"stytch_user_get", apiErr(503, "service_unavailable"), "service_unavailable", "Retry"},
		{"stytch_user_get", &stytch.APIError{StatusCode: 502}, ErrUnexpectedResponse, "STYTCH_BASE_URL"},
		{"stytch_user_get", &stytch.TransportError{Method: "GET", Path: "/v1/users/x", Err: errors.New("refused")}, ErrConnection, "STYTCH_BASE_URL"},
		{"stytch_user_get", &stytch.TransportError{Method: "GET", Path: "/v1/users/x", Err: context.DeadlineExceeded}, ErrTimeout, "Retry once"},
		{"stytch_user_get", &stytch.DecodeError{StatusCode: 200, Err: errors.New("eof")}, ErrUnexpectedResponse, "documented JSON"},
		{"stytch_user_get", &stytch.ValidationError{Field: "UserID", Reason: "path id must not be empty"}, "invalid_argument", "named argument"},
		{"x", fmt.Errorf("wrapped: %w", &ToolError{ErrorType: ErrRouteNotInSpec, Message: "m"}), ErrRouteNotInSpec, "embedded OpenAPI"},
	}
	for _, c := range cases {
		te := classify(c.tool, c.err)
		assert.Equal(t, c.wantType, te.ErrorType, "%v", c.err)
		assert.Contains(t, te.Hint, c.hint, "%v", c.err)
		assert.NotEmpty(t, te.Message, "%v", c.err)
	}
	te := classify("stytch_user_get", apiErr(404, "user_not_found"))
	assert.Equal(t, 404, te.StatusCode)
	assert.Equal(t, "request-id-test-1", te.RequestID)
}

func TestErrorResultRedactsSecretArguments(t *testing.T) {
	args := map[string]any{
		"email":         "ada@example.com",
		"password":      "correct horse battery staple",
		"session_token": "tok_0123456789abcdef",
		"nested":        map[string]any{"code_verifier": "v3r1f13r"},
		"list":          []any{map[string]any{"totp_code": "123456"}},
	}
	te := &ToolError{ErrorType: ErrInvalidArguments, Hint: "h",
		Message: `password: "correct horse battery staple" is weak; token tok_0123456789abcdef; v3r1f13r; 123456; email "ada@example.com"`}
	res := errorResult(te, args)
	require.True(t, res.IsError)
	text := res.Content[0].(*mcp.TextContent).Text
	for _, secret := range []string{"correct horse", "tok_0123", "v3r1f13r", "123456"} {
		assert.NotContains(t, text, secret)
	}
	assert.Contains(t, text, "ada@example.com", "non-secret values stay for the agent to fix")
	var back ToolError
	require.NoError(t, json.Unmarshal([]byte(text), &back))
	assert.Equal(t, ErrInvalidArguments, back.ErrorType)
	assert.Equal(t, "h", back.Hint)
	assert.Equal(t, te, res.StructuredContent)
}
