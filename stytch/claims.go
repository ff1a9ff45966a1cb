package stytch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

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
