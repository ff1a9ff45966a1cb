package stytch

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// pathCounter passes requests on and counts them by path (query dropped).
type pathCounter struct {
	next HTTPDoer
	mu   sync.Mutex
	hits map[string]int
}

func (d *pathCounter) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	if d.hits == nil {
		d.hits = map[string]int{}
	}
	d.hits[r.URL.Path]++
	d.mu.Unlock()
	return d.next.Do(r)
}

// count returns the requests seen for paths starting with prefix.
func (d *pathCounter) count(prefix string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for p, c := range d.hits {
		if strings.HasPrefix(p, prefix) {
			n += c
		}
	}
	return n
}

func (d *pathCounter) total() int { return d.count("/") }

// emuClient starts an in-process emulator and a Client for it that follows
// the emulator's clock and counts its requests. Responses are checked
// against the spec by emutest.
func emuClient(t *testing.T, opts ...Option) (*Client, *emutest.Env, *pathCounter) {
	t.Helper()
	env := emutest.New(t)
	pc := &pathCounter{next: env.HTTPClient}
	base := []Option{WithBaseURL(env.URL), WithClock(env.Server.Now), WithHTTPClient(pc),
		WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxElapsed: 5 * time.Second})}
	c, err := NewClient(env.Server.ProjectID(), env.Server.Secret(), append(base, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c, env, pc
}

// magicLinkLogin signs a new user in with an email magic link read from the
// emulator's outbox and returns the authenticate response.
func magicLinkLogin(t *testing.T, c *Client, env *emutest.Env, email string) *MagicLinksAuthenticateResponse {
	t.Helper()
	ctx := context.Background()
	_, err := c.MagicLinks.Email.LoginOrCreate(ctx, &MagicLinksEmailLoginOrCreateParams{Email: email})
	require.NoError(t, err)
	msg := env.LastMessage(t, email)
	auth, err := c.MagicLinks.Authenticate(ctx, &MagicLinksAuthenticateParams{Token: msg.Token, SessionDurationMinutes: new(int32(60))})
	require.NoError(t, err)
	require.NotEmpty(t, auth.SessionJWT)
	return auth
}

// jwksServer serves a JWKS for one key under a path prefix (a custom-domain
// base URL), and signs tokens with that key.
type jwksServer struct {
	URL string // base URL, with the prefix
	key *rsa.PrivateKey
	kid string
}

var (
	localKeyOnce sync.Once
	localKey     *rsa.PrivateKey
)

func newJWKSServer(t testing.TB) *jwksServer {
	t.Helper()
	localKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		localKey = k
	})
	s := &jwksServer{key: localKey, kid: "jwk-test-00000000-0000-0000-0000-00000000000a"}
	jwks, _ := json.Marshal(map[string]any{"request_id": "request-id-test-jwks", "status_code": 200, "keys": []any{map[string]any{
		"kty": "RSA", "use": "sig", "alg": "RS256", "kid": s.kid, "key_ops": []string{"verify"},
		"n": base64.RawURLEncoding.EncodeToString(s.key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(s.key.E)).Bytes()),
	}}})
	mux := http.NewServeMux()
	mux.HandleFunc(testPrefix+"/v1/sessions/jwks/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(jwks)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.URL = srv.URL + testPrefix
	return s
}

// sign makes an RS256 token with the server's key and kid.
func (s *jwksServer) sign(t testing.TB, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = s.kid
	out, err := tok.SignedString(s.key)
	require.NoError(t, err)
	return out
}

// testSessionClaims is a realistic session JWT payload issued at iat by iss.
func testSessionClaims(iss string, iat time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"sub": "user-test-00000000-0000-0000-0000-000000000001", "iss": iss, "aud": []string{testProjectID},
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": iat.Add(5 * time.Minute).Unix(),
		"tenant": "acme", "plan": map[string]any{"tier": "pro", "seats": 5},
		"https://stytch.com/session": map[string]any{
			"id": "session-test-00000000-0000-0000-0000-000000000002", "started_at": iat.Add(-time.Hour).UTC().Format(time.RFC3339),
			"last_accessed_at": iat.UTC().Format(time.RFC3339), "expires_at": iat.Add(time.Hour).UTC().Format(time.RFC3339),
			"attributes": map[string]any{"ip_address": "203.0.113.7", "user_agent": "Mozilla/5.0"},
			"roles":      []string{"stytch_user", "editor"},
			"authentication_factors": []any{map[string]any{
				"type": "magic_link", "delivery_method": "email", "last_authenticated_at": iat.UTC().Format(time.RFC3339),
				"created_at": iat.UTC().Format(time.RFC3339), "updated_at": iat.UTC().Format(time.RFC3339),
				"email_factor": map[string]any{"email_id": "email-test-00000000-0000-0000-0000-000000000003", "email_address": "ada@example.com"},
			}},
		},
	}
}
