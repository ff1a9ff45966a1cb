package stytch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
)

// Where the custom claims of the created session sit in a response body.
const (
	sessionClaims     = "session"      // every authenticate response but OAuth's
	userSessionClaims = "user_session" // OAuth.Authenticate, kept for compatibility
)

// callClaims is call followed by decoding <sessionKey>.custom_claims of the
// response into claims (a non-nil pointer to a struct or map, checked before
// any I/O). A response without a session leaves claims untouched.
func callClaims[T any](ctx context.Context, c *Client, params any, sessionKey string, claims any, send sendFunc) (*T, error) {
	if err := claimsTarget(claims); err != nil {
		return nil, err
	}
	r, err := exchange[T](ctx, c, false, params, send)
	if err != nil {
		return nil, err
	}
	if err := decodeClaims(r.body, sessionKey, claims); err != nil {
		return nil, &DecodeError{StatusCode: r.status, Err: err}
	}
	return r.value, nil
}

func claimsTarget(claims any) error {
	if claims == nil {
		return &ValidationError{Field: "claims", Reason: "must be a non-nil pointer to a struct or map, got nil"}
	}
	v := reflect.ValueOf(claims)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return &ValidationError{Field: "claims", Reason: fmt.Sprintf("must be a non-nil pointer to a struct or map, got %T", claims)}
	}
	return nil
}

// decodeClaims unmarshals body.<sessionKey>.custom_claims into claims,
// straight from the raw JSON so numbers keep their precision.
func decodeClaims(body []byte, sessionKey string, claims any) error {
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(body, &outer); err != nil {
		return err
	}
	var sess struct {
		CustomClaims json.RawMessage `json:"custom_claims"`
	}
	if raw := outer[sessionKey]; len(raw) > 0 && !bytes.Equal(raw, []byte("null")) {
		if err := json.Unmarshal(raw, &sess); err != nil {
			return err
		}
	}
	if len(sess.CustomClaims) == 0 || bytes.Equal(sess.CustomClaims, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(sess.CustomClaims, claims); err != nil {
		return fmt.Errorf("custom_claims into %T: %w", claims, err)
	}
	return nil
}
