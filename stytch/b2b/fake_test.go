package b2b_test

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Credentials the fake accepts.
const (
	fakeProjectID = "project-test-00000000-0000-0000-0000-0000000000b2"
	fakeSecret    = "secret-test-B2BFakeSecretValue_0123456789="
	fakePrefix    = "/custom-prefix" // a custom domain's path: requests must keep it
)

// fakeStytch is a small stand-in for the Stytch B2B API, for the tests and
// the examples while the emulator learns the B2B operations. It keeps real
// state for what it answers: Organizations (searchable page by page),
// Members, magic links, member sessions and their RS256 JWTs (signed with
// its own keys and served as the B2B JWKS), and the RBAC policies of the
// project and of each Organization. Requests are counted by "METHOD path",
// and any path can be made to fail.
type fakeStytch struct {
	URL string // base URL for stytch.WithBaseURL (with fakePrefix)
	srv *httptest.Server

	mu          sync.Mutex
	now         time.Time
	keys        []*fakeKey // served in the JWKS; the last one signs
	policy      b2b.Policy
	orgPolicies map[string]b2b.OrgPolicy
	orgs        []b2b.Organization
	members     map[string]b2b.Member // by member_id
	magic       map[string]string     // magic link token → member_id
	sessions    map[string]*fakeSession
	outbox      map[string]string // email → last magic link token
	hits        map[string]int
	credentials map[string]bool // "METHOD path" → whether it carried Basic auth
	headers     map[string]http.Header
	failing     map[string]int // path → status while failing
	seq         int
}

type fakeKey struct {
	kid string
	key *rsa.PrivateKey
}

type fakeSession struct {
	id, token, memberID, orgID string
	started, expires           time.Time
	roles                      []string
	custom                     map[string]any
}

var (
	fakeKeysOnce sync.Once
	fakeKeyPool  []*rsa.PrivateKey
)

// fakeRSAKey returns the i-th of three keys generated once per test binary.
func fakeRSAKey(i int) *rsa.PrivateKey {
	fakeKeysOnce.Do(func() {
		for range 3 {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			fakeKeyPool = append(fakeKeyPool, k)
		}
	})
	return fakeKeyPool[i]
}

// startFakeStytch starts the fake; Close stops it.
func startFakeStytch() *fakeStytch {
	f := &fakeStytch{
		now:  time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		keys: []*fakeKey{{kid: "jwk-test-00000000-0000-0000-0000-000000000001", key: fakeRSAKey(0)}},
		policy: b2b.Policy{Roles: []b2b.PolicyRole{
			{RoleID: "stytch_member", Permissions: []b2b.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"read"}}}},
			{RoleID: "stytch_admin", Permissions: []b2b.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"*"}}}},
		}},
		orgPolicies: map[string]b2b.OrgPolicy{}, members: map[string]b2b.Member{}, magic: map[string]string{},
		sessions: map[string]*fakeSession{}, outbox: map[string]string{}, hits: map[string]int{},
		credentials: map[string]bool{}, headers: map[string]http.Header{}, failing: map[string]int{},
	}
	mux := http.NewServeMux()
	mux.Handle(fakePrefix+"/", http.StripPrefix(fakePrefix, http.HandlerFunc(f.serve)))
	f.srv = httptest.NewServer(mux)
	f.URL = f.srv.URL + fakePrefix
	return f
}

// newFake starts a fake stopped with the test.
func newFake(t testing.TB) *fakeStytch {
	t.Helper()
	f := startFakeStytch()
	t.Cleanup(f.Close)
	return f
}

// Close stops the server.
func (f *fakeStytch) Close() { f.srv.Close() }

// Now is the fake's clock, for stytch.WithClock.
func (f *fakeStytch) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Advance moves the clock forward.
func (f *fakeStytch) Advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// Hits returns how many requests "METHOD path" (without the prefix) received.
func (f *fakeStytch) Hits(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[route]
}

// HadCredentials reports whether the last request to route carried Basic auth.
func (f *fakeStytch) HadCredentials(route string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.credentials[route]
}

// Fail makes every request to path answer status (0 stops failing).
func (f *fakeStytch) Fail(path string, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if status == 0 {
		delete(f.failing, path)
		return
	}
	f.failing[path] = status
}

// SetPolicy replaces the project's RBAC policy.
func (f *fakeStytch) SetPolicy(p b2b.Policy) {
	f.mu.Lock()
	f.policy = p
	f.mu.Unlock()
}

// SetOrgPolicy replaces the Roles defined for one Organization.
func (f *fakeStytch) SetOrgPolicy(orgID string, roles ...b2b.PolicyRole) {
	f.mu.Lock()
	f.orgPolicies[orgID] = b2b.OrgPolicy{Roles: roles}
	f.mu.Unlock()
}

// RotateKey adds a signing key: both are served, the new one signs.
func (f *fakeStytch) RotateKey() {
	f.mu.Lock()
	f.keys = append(f.keys, &fakeKey{kid: fmt.Sprintf("jwk-test-00000000-0000-0000-0000-%012d", len(f.keys)+1), key: fakeRSAKey(len(f.keys))})
	f.mu.Unlock()
}

// Sign makes an RS256 JWT of claims with the current signing key.
func (f *fakeStytch) Sign(claims jwt.MapClaims) string {
	f.mu.Lock()
	k := f.keys[len(f.keys)-1]
	f.mu.Unlock()
	return signWith(k.key, k.kid, claims)
}

func signWith(key *rsa.PrivateKey, kid string, claims jwt.MapClaims) string {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		panic(err)
	}
	return s
}

// MemberClaims are the claims of a member session JWT issued now, shaped as
// Stytch issues them, with one custom claim.
func (f *fakeStytch) MemberClaims(memberID, orgID, slug string, roles ...string) jwt.MapClaims {
	now := f.Now()
	return memberClaims(now, "member-session-test-"+memberID, memberID, orgID, slug, now.Add(time.Hour), roles, map[string]any{"tenant": "acme"})
}

func memberClaims(iat time.Time, sessionID, memberID, orgID, slug string, expires time.Time, roles []string, custom map[string]any) jwt.MapClaims {
	at := iat.UTC().Format(time.RFC3339)
	c := jwt.MapClaims{
		"iss": "stytch.com/" + fakeProjectID, "aud": []string{fakeProjectID}, "sub": memberID,
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": iat.Add(5 * time.Minute).Unix(),
		"https://stytch.com/session": map[string]any{
			"id": sessionID, "started_at": at, "last_accessed_at": at, "expires_at": expires.UTC().Format(time.RFC3339),
			"attributes": map[string]any{"ip_address": "203.0.113.7", "user_agent": "Mozilla/5.0"},
			"roles":      roles,
			"authentication_factors": []any{map[string]any{
				"type": "magic_link", "delivery_method": "email", "last_authenticated_at": at, "created_at": at, "updated_at": at,
				"email_factor": map[string]any{"email_id": "email-test-" + memberID, "email_address": "ada@example.com"},
			}},
		},
		"https://stytch.com/organization": map[string]any{"organization_id": orgID, "slug": slug},
	}
	for k, v := range custom {
		c[k] = v
	}
	return c
}

// LastMagicLink returns the token of the last magic link sent to email.
func (f *fakeStytch) LastMagicLink(email string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.outbox[email]
}

// RevokeSessions ends every session of a Member.
func (f *fakeStytch) RevokeSessions(memberID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, s := range f.sessions {
		if s.memberID == memberID {
			delete(f.sessions, id)
		}
	}
}
