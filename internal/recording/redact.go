package recording

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Placeholder replaces every redacted string. It is a plain string, so a
// redacted field still validates wherever the spec declares a string.
const Placeholder = "[redacted]"

// secretKeys are the JSON keys (and form/query field names) whose values are
// credentials of some kind. Matching is exact and case-insensitive: status_code
// or password_id stay readable, code and password do not.
var secretKeys = map[string]bool{
	"secret":                      true,
	"client_secret":               true,
	"next_client_secret":          true,
	"password":                    true,
	"new_password":                true,
	"existing_password":           true,
	"old_password":                true,
	"session_token":               true,
	"session_jwt":                 true,
	"intermediate_session_token":  true,
	"token":                       true,
	"magic_links_token":           true,
	"discovery_magic_links_token": true,
	"sso_token":                   true,
	"access_token":                true,
	"bot_access_token":            true,
	"refresh_token":               true,
	"id_token":                    true,
	"subject_token":               true,
	"actor_token":                 true,
	"impersonation_token":         true,
	"oauth_attach_token":          true,
	"oauth_token":                 true,
	"discovery_oauth_token":       true,
	"password_reset_token":        true,
	"bearer_token":                true,
	"next_bearer_token":           true,
	"code":                        true,
	"authorization_code":          true,
	"code_verifier":               true,
	"pkce_code_verifier":          true,
	"totp_code":                   true,
	"recovery_code":               true,
	"recovery_codes":              true,
	"qr_code":                     true,
	"hash":                        true,
	"salt":                        true,
	"append_salt":                 true,
	"prepend_salt":                true,
	"signature":                   true,
	"private_key":                 true,
	"signing_private_key":         true,
	"saml_encryption_private_key": true,
	"authorization":               true,
}

// SecretKeys returns the field names whose values Redact replaces, sorted.
func SecretKeys() []string {
	keys := make([]string, 0, len(secretKeys))
	for k := range secretKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsSecretKey reports whether values under this JSON key or form field are
// redacted.
func IsSecretKey(key string) bool { return secretKeys[strings.ToLower(key)] }

// jwtPattern matches a compact JWS: a base64url JSON header ("eyJ…"), a
// payload and a signature.
var jwtPattern = regexp.MustCompile(`^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$`)

// LooksLikeJWT reports whether s has the shape of a compact JWT.
func LooksLikeJWT(s string) bool { return len(s) > 20 && jwtPattern.MatchString(s) }

// Redact returns a copy of a decoded JSON value (as produced by encoding/json
// with UseNumber) with secrets replaced: every value under a secret key, and
// every string anywhere that looks like a JWT. Strings become Placeholder and
// numbers become 0, so the JSON type is kept; empty strings, booleans and
// nulls carry no secret and are kept as they are.
func Redact(v any) any { return redact(v, false) }

func redact(v any, secret bool) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			out[k] = redact(val, secret || IsSecretKey(k))
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, val := range t {
			out[i] = redact(val, secret)
		}
		return out
	case string:
		if t != "" && (secret || LooksLikeJWT(t)) {
			return Placeholder
		}
		return redactURL(t)
	case json.Number:
		if secret {
			return json.Number("0")
		}
		return t
	case float64:
		if secret {
			return float64(0)
		}
		return t
	default:
		return v
	}
}

// redactURL redacts the secret parameters of a URL-valued string: the query
// (redirect_uri?code=…, a magic link's ?token=…) and a fragment shaped like a
// query (implicit-grant #access_token=…). Other strings come back unchanged.
func redactURL(s string) string {
	if !strings.ContainsAny(s, "?#") || !strings.Contains(s, "=") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return s
	}
	q, frag := RedactQuery(u.RawQuery), u.Fragment
	if strings.Contains(frag, "=") {
		frag = RedactQuery(frag)
	}
	if q == u.RawQuery && frag == u.Fragment {
		return s
	}
	hadFragment := u.Fragment != "" || strings.Contains(s, "#")
	u.RawQuery, u.Fragment, u.RawFragment = q, "", ""
	out := u.String()
	if hadFragment {
		out += "#" + frag // already in query form; String would escape it again
	}
	return out
}

// RedactJSON redacts an encoded JSON document (see Redact). The result is
// compact and its object keys are sorted; numbers keep their exact text.
func RedactJSON(data []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("redact: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("redact: trailing data after the JSON value")
	}
	out, err := json.Marshal(Redact(v))
	if err != nil {
		return nil, fmt.Errorf("redact: %w", err)
	}
	return out, nil
}

// RedactForm turns form fields (a form-encoded body) into a JSON object of
// their values, redacted like a JSON body: a field with one value becomes a
// string, a repeated field an array of strings.
func RedactForm(values url.Values) (json.RawMessage, error) {
	obj := make(map[string]any, len(values))
	for k, vs := range values {
		if len(vs) == 1 {
			obj[k] = vs[0]
			continue
		}
		arr := make([]any, len(vs))
		for i, s := range vs {
			arr[i] = s
		}
		obj[k] = arr
	}
	out, err := json.Marshal(Redact(obj))
	if err != nil {
		return nil, fmt.Errorf("redact: %w", err)
	}
	return out, nil
}

// RedactQuery redacts the values of secret fields (and JWT-shaped values) in
// a raw query string. A query that does not parse is replaced as a whole.
func RedactQuery(raw string) string {
	if raw == "" {
		return ""
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return Placeholder
	}
	for k, vs := range values {
		for i, s := range vs {
			if s != "" && (IsSecretKey(k) || LooksLikeJWT(s)) {
				vs[i] = Placeholder
			}
		}
		values[k] = vs
	}
	return values.Encode()
}
