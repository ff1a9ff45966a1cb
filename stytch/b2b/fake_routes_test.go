package b2b_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// The routes of fakeStytch: each answers from the fake's state, under its
// lock, as the B2B API does for the fields the tests and examples read.

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
