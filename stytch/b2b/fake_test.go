package b2b_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/stytch"
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

func (f *fakeStytch) serve(w http.ResponseWriter, r *http.Request) {
	route := r.Method + " " + r.URL.Path
	_, _, hasAuth := r.BasicAuth()
	f.mu.Lock()
	f.hits[route]++
	f.credentials[route] = hasAuth
	f.headers[route] = r.Header.Clone()
	status := f.failing[r.URL.Path]
	f.mu.Unlock()
	if status != 0 {
		f.fail(w, status, "internal_server_error", "injected failure")
		return
	}
	var body map[string]any
	if r.Body != nil && r.ContentLength != 0 {
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.fail(w, 400, "invalid_json", "the body is not JSON")
			return
		}
	}
	if u, p, ok := r.BasicAuth(); !strings.HasPrefix(r.URL.Path, "/v1/b2b/sessions/jwks/") && (!ok || u != fakeProjectID || p != fakeSecret) {
		f.fail(w, 401, "unauthorized_credentials", "bad credentials")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.Method == "GET" && r.URL.Path == "/v1/b2b/sessions/jwks/"+fakeProjectID:
		f.ok(w, map[string]any{"keys": f.jwks()})
	case r.Method == "GET" && r.URL.Path == "/v1/b2b/rbac/policy":
		f.ok(w, map[string]any{"policy": f.policy})
	case r.Method == "GET" && len(parts) == 5 && r.URL.Path == "/v1/b2b/rbac/organizations/"+parts[4]:
		f.ok(w, map[string]any{"org_policy": f.orgPolicies[parts[4]]})
	case r.Method == "POST" && r.URL.Path == "/v1/b2b/organizations":
		f.createOrganization(w, body)
	case r.Method == "POST" && r.URL.Path == "/v1/b2b/organizations/search":
		f.searchOrganizations(w, body)
	case r.Method == "POST" && len(parts) == 5 && parts[4] == "members":
		f.createMember(w, parts[3], str(body, "email_address"), strs(body, "roles"))
	case r.Method == "POST" && r.URL.Path == "/v1/b2b/magic_links/email/login_or_signup":
		f.loginOrSignup(w, body)
	case r.Method == "POST" && r.URL.Path == "/v1/b2b/magic_links/authenticate":
		f.authenticateMagicLink(w, body)
	case r.Method == "POST" && r.URL.Path == "/v1/b2b/sessions/authenticate":
		f.authenticateSession(w, body)
	default:
		f.fail(w, 404, "route_not_found", "no such route in the fake")
	}
}

func (f *fakeStytch) ok(w http.ResponseWriter, v map[string]any) {
	f.seq++
	v["request_id"] = fmt.Sprintf("request-id-test-%04d", f.seq)
	v["status_code"] = 200
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeStytch) fail(w http.ResponseWriter, status int, errorType, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"status_code": status, "request_id": "request-id-test-error",
		"error_type": errorType, "error_message": msg, "error_url": "https://stytch.com/docs/api/errors/" + strconv.Itoa(status)})
}

func (f *fakeStytch) jwks() []any {
	var out []any
	for _, k := range f.keys {
		out = append(out, map[string]any{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": k.kid, "key_ops": []string{"verify"},
			"n": base64.RawURLEncoding.EncodeToString(k.key.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.key.E)).Bytes())})
	}
	return out
}

func str(body map[string]any, key string) string { s, _ := body[key].(string); return s }

func strs(body map[string]any, key string) []string {
	list, _ := body[key].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (f *fakeStytch) org(id string) (b2b.Organization, bool) {
	i := slices.IndexFunc(f.orgs, func(o b2b.Organization) bool { return o.OrganizationID == id })
	if i < 0 {
		return b2b.Organization{}, false
	}
	return f.orgs[i], true
}

func (f *fakeStytch) createOrganization(w http.ResponseWriter, body map[string]any) {
	name, slug := str(body, "organization_name"), str(body, "organization_slug")
	if name == "" || slug == "" {
		f.fail(w, 400, "bad_request", "organization_name and organization_slug are required by the fake")
		return
	}
	created := f.now
	org := b2b.Organization{OrganizationID: fmt.Sprintf("organization-test-%08d-0000-0000-0000-000000000000", len(f.orgs)+1),
		OrganizationName: name, OrganizationSlug: slug, AuthMethods: "ALL_ALLOWED", CreatedAt: &created}
	f.orgs = append(f.orgs, org)
	f.ok(w, map[string]any{"organization": org})
}

// searchOrganizations pages over every Organization (queries are not
// evaluated by the fake); the cursor is the index of the next one.
func (f *fakeStytch) searchOrganizations(w http.ResponseWriter, body map[string]any) {
	start, _ := strconv.Atoi(str(body, "cursor"))
	limit := 100
	if l, ok := body["limit"].(float64); ok && l > 0 {
		limit = int(l)
	}
	end := min(start+limit, len(f.orgs))
	meta := map[string]any{"total": len(f.orgs)}
	if end < len(f.orgs) {
		meta["next_cursor"] = strconv.Itoa(end)
	}
	f.ok(w, map[string]any{"organizations": f.orgs[min(start, end):end], "results_metadata": meta})
}

func (f *fakeStytch) newMember(orgID, email string, roles []string) b2b.Member {
	m := b2b.Member{MemberID: fmt.Sprintf("member-test-%08d-0000-0000-0000-000000000000", len(f.members)+1),
		OrganizationID: orgID, EmailAddress: email, Status: "active"}
	for _, r := range append([]string{"stytch_member"}, roles...) {
		m.Roles = append(m.Roles, b2b.MemberRole{RoleID: r})
	}
	f.members[m.MemberID] = m
	return m
}

func (f *fakeStytch) createMember(w http.ResponseWriter, orgID, email string, roles []string) {
	org, ok := f.org(orgID)
	if !ok {
		f.fail(w, 404, "organization_not_found", "no such Organization")
		return
	}
	m := f.newMember(org.OrganizationID, email, roles)
	f.ok(w, map[string]any{"member_id": m.MemberID, "member": m, "organization": org})
}

func (f *fakeStytch) loginOrSignup(w http.ResponseWriter, body map[string]any) {
	org, ok := f.org(str(body, "organization_id"))
	if !ok {
		f.fail(w, 404, "organization_not_found", "no such Organization")
		return
	}
	email := str(body, "email_address")
	var member b2b.Member
	created := true
	for _, m := range f.members {
		if m.OrganizationID == org.OrganizationID && m.EmailAddress == email {
			member, created = m, false
		}
	}
	if created {
		member = f.newMember(org.OrganizationID, email, nil)
	}
	f.seq++
	token := fmt.Sprintf("magic-link-token-%04d", f.seq)
	f.magic[token] = member.MemberID
	f.outbox[email] = token
	f.ok(w, map[string]any{"member_id": member.MemberID, "member_created": created, "member": member, "organization": org})
}

func (f *fakeStytch) authenticateMagicLink(w http.ResponseWriter, body map[string]any) {
	memberID, ok := f.magic[str(body, "magic_links_token")]
	if !ok {
		f.fail(w, 401, "unable_to_auth_magic_link", "the magic link is used, expired or unknown")
		return
	}
	delete(f.magic, str(body, "magic_links_token"))
	minutes := 60.0
	if d, ok := body["session_duration_minutes"].(float64); ok {
		minutes = d
	}
	m := f.members[memberID]
	var roles []string
	for _, r := range m.Roles {
		roles = append(roles, r.RoleID)
	}
	f.seq++
	s := &fakeSession{id: fmt.Sprintf("member-session-test-%08d-0000-0000-0000-000000000000", f.seq),
		token: fmt.Sprintf("session-token-%04d", f.seq), memberID: memberID, orgID: m.OrganizationID,
		started: f.now, expires: f.now.Add(time.Duration(minutes) * time.Minute), roles: roles}
	f.sessions[s.id] = s
	org, _ := f.org(m.OrganizationID)
	f.ok(w, map[string]any{"member_id": memberID, "member": m, "organization_id": org.OrganizationID, "organization": org,
		"member_session": f.sessionObject(s), "session_token": s.token, "session_jwt": f.sessionJWT(s), "member_authenticated": true})
}

func (f *fakeStytch) sessionObject(s *fakeSession) b2b.MemberSession {
	org, _ := f.org(s.orgID)
	return b2b.MemberSession{MemberSessionID: s.id, MemberID: s.memberID, OrganizationID: s.orgID,
		OrganizationSlug: org.OrganizationSlug, StartedAt: s.started, LastAccessedAt: f.now, ExpiresAt: s.expires,
		Roles: s.roles, CustomClaims: s.custom}
}

func (f *fakeStytch) sessionJWT(s *fakeSession) string {
	org, _ := f.org(s.orgID)
	k := f.keys[len(f.keys)-1]
	return signWith(k.key, k.kid, memberClaims(f.now, s.id, s.memberID, s.orgID, org.OrganizationSlug, s.expires, s.roles, s.custom))
}

// authenticateSession checks a session JWT's signature (not its expiry, as
// Stytch does) and answers for its session if still alive, with a new JWT.
func (f *fakeStytch) authenticateSession(w http.ResponseWriter, body map[string]any) {
	var claims jwt.MapClaims
	_, err := jwt.ParseWithClaims(str(body, "session_jwt"), &claims, func(t *jwt.Token) (any, error) {
		for _, k := range f.keys {
			if k.kid == t.Header["kid"] {
				return &k.key.PublicKey, nil
			}
		}
		return nil, fmt.Errorf("unknown kid")
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		f.fail(w, 401, "unable_to_parse_session_jwt", "the session_jwt does not verify")
		return
	}
	sc, _ := claims["https://stytch.com/session"].(map[string]any)
	id, _ := sc["id"].(string)
	s, ok := f.sessions[id]
	if !ok || !f.now.Before(s.expires) {
		f.fail(w, 404, "session_not_found", "the session is not found or expired")
		return
	}
	resp := map[string]any{"member_session": f.sessionObject(s), "session_token": s.token, "session_jwt": f.sessionJWT(s),
		"member": f.members[s.memberID]}
	resp["organization"], _ = f.org(s.orgID)
	if ac, _ := body["authorization_check"].(map[string]any); ac != nil {
		var granting []string
		for _, role := range append(slices.Clone(f.policy.Roles), f.orgPolicies[s.orgID].Roles...) {
			for _, p := range role.Permissions {
				if slices.Contains(s.roles, role.RoleID) && p.ResourceID == str(ac, "resource_id") &&
					(slices.Contains(p.Actions, "*") || slices.Contains(p.Actions, str(ac, "action"))) {
					granting = append(granting, role.RoleID)
				}
			}
		}
		if str(ac, "organization_id") != s.orgID || len(granting) == 0 {
			f.fail(w, 403, stytch.ErrorTypeSessionAuthorizationError, "not authorized")
			return
		}
		resp["verdict"] = map[string]any{"authorized": true, "granting_roles": granting}
	}
	f.ok(w, resp)
}
