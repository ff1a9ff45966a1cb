package jwtauth

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

const (
	testProject = "project-test-11111111-1111-1111-1111-111111111111"
	testKid     = "jwk-test-22222222-2222-2222-2222-222222222222"
	rotatedKid  = "jwk-test-33333333-3333-3333-3333-333333333333"
	testUser    = "user-test-44444444-4444-4444-4444-444444444444"
	testClient  = "m2m-client-test-55555555-5555-5555-5555-555555555555"
)

var (
	keysOnce          sync.Once
	testKey, otherKey *rsa.PrivateKey
)

// keys returns two 2048-bit keys generated once per test binary.
func keys(t testing.TB) (*rsa.PrivateKey, *rsa.PrivateKey) {
	t.Helper()
	keysOnce.Do(func() {
		var err error
		testKey, err = rsa.GenerateKey(rand.Reader, 2048)
		if err == nil {
			otherKey, err = rsa.GenerateKey(rand.Reader, 2048)
		}
		if err != nil {
			panic(err)
		}
	})
	return testKey, otherKey
}

// fakeClock is a settable clock for the code under test.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_750_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// jwkJSON renders a public key as a Stytch-style JWK.
func jwkJSON(kid string, pub *rsa.PublicKey, alg string) map[string]any {
	k := map[string]any{
		"kty": "RSA", "use": "sig", "key_ops": []string{"verify"}, "kid": kid,
		"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}
	if alg != "" {
		k["alg"] = alg
	}
	return k
}

// jwksServer serves GET /v1/sessions/jwks/{project} from a real HTTP server
// and counts the requests it answers.
type jwksServer struct {
	srv   *httptest.Server
	hits  atomic.Int64
	down  atomic.Bool
	delay atomic.Int64 // nanoseconds to wait before answering
	mu    sync.Mutex
	body  []byte
}

func newJWKSServer(t testing.TB, keys ...map[string]any) *jwksServer {
	t.Helper()
	s := &jwksServer{}
	s.setKeys(t, keys...)
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/sessions/jwks/"+testProject {
			http.NotFound(w, r)
			return
		}
		s.hits.Add(1)
		time.Sleep(time.Duration(s.delay.Load()))
		if s.down.Load() {
			http.Error(w, `{"status_code":503,"error_type":"internal_server_error"}`, http.StatusServiceUnavailable)
			return
		}
		s.mu.Lock()
		body := s.body
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *jwksServer) setKeys(t testing.TB, keys ...map[string]any) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"keys": keys, "request_id": "request-id-test-1", "status_code": 200})
	require.NoError(t, err)
	s.mu.Lock()
	s.body = body
	s.mu.Unlock()
}

// fetch performs a real HTTP GET of the JWKS, as the client will.
func (s *jwksServer) fetch(ctx context.Context) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.srv.URL+"/v1/sessions/jwks/"+testProject, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("JWKS endpoint answered HTTP %d", resp.StatusCode)
	}
	return body, nil
}

// sessionClaims returns the claims of a realistic session JWT issued at iat.
func sessionClaims(iat time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"iss": "stytch.com/" + testProject, "aud": []string{testProject}, "sub": testUser,
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": iat.Add(5 * time.Minute).Unix(),
		SessionClaimName: map[string]any{
			"id": "session-test-66666666-6666-6666-6666-666666666666", "started_at": "2025-06-15T10:00:00Z",
			"last_accessed_at": "2025-06-15T15:06:40Z", "expires_at": "2025-06-22T10:00:00Z",
			"attributes": map[string]any{"ip_address": "203.0.113.7", "user_agent": "Mozilla/5.0 (X11; Linux x86_64)"},
			"authentication_factors": []any{map[string]any{
				"type": "magic_link", "delivery_method": "email", "last_authenticated_at": "2025-06-15T10:00:00Z",
				"created_at": "2025-06-15T10:00:00Z", "updated_at": "2025-06-15T10:00:00Z",
				"email_factor": map[string]any{"email_id": "email-test-77777777-7777-7777-7777-777777777777", "email_address": "ada@example.com"},
			}},
			"roles": []string{"stytch_user"},
		},
		"https://stytch.com/internal": map[string]any{"ignored": true},
		"tenant":                      "acme",
		"plan":                        map[string]any{"tier": "pro", "seats": 5},
	}
}

// m2mClaims returns the claims of an M2M access token issued at iat.
func m2mClaims(iat time.Time, scope string) jwt.MapClaims {
	return jwt.MapClaims{
		"iss": "stytch.com/" + testProject, "aud": []string{testProject}, "sub": testClient,
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": iat.Add(time.Hour).Unix(),
		"scope": scope, "region": "eu",
	}
}

// sign makes an RS256 token with the given kid ("" leaves kid out).
func sign(t testing.TB, key *rsa.PrivateKey, kid string, claims jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	} else {
		delete(tok.Header, "kid")
	}
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

// rig is a verifier wired to a live JWKS server and a fake clock.
type rig struct {
	srv   *jwksServer
	keys  *KeySet
	v     *Verifier
	clock *fakeClock
}

func newRig(t testing.TB, cfg Config, opts ...KeySetOption) *rig {
	t.Helper()
	k, _ := keys(t)
	r := &rig{srv: newJWKSServer(t, jwkJSON(testKid, &k.PublicKey, "RS256")), clock: newFakeClock()}
	opts = append([]KeySetOption{WithKeySetClock(r.clock.Now)}, opts...)
	r.keys = NewKeySet(r.srv.fetch, opts...)
	t.Cleanup(func() { _ = r.keys.Close() })
	if cfg.ProjectID == "" {
		cfg.ProjectID = testProject
	}
	cfg.Now = r.clock.Now
	v, err := NewVerifier(r.keys, cfg)
	require.NoError(t, err)
	r.v = v
	return r
}

// signRaw makes an RS256 token over a payload given as JSON text, exactly as
// written (member order, duplicates and spelling are kept).
func signRaw(t testing.TB, key *rsa.PrivateKey, kid, payload string) string {
	t.Helper()
	return signRawHeader(t, key, `{"alg":"RS256","kid":"`+kid+`","typ":"JWT"}`, payload)
}

// signRawHeader is signRaw with the header's JSON text too ("" means the
// usual RS256 header with testKid).
func signRawHeader(t testing.TB, key *rsa.PrivateKey, header, payload string) string {
	t.Helper()
	if header == "" {
		header = `{"alg":"RS256","kid":"` + testKid + `","typ":"JWT"}`
	}
	signed := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + base64.RawURLEncoding.EncodeToString([]byte(payload))
	digest := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:])
	require.NoError(t, err)
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}
