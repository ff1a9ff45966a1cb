package jwtauth

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// M2MClaims is the verified content of an M2M access token.
type M2MClaims struct {
	// ClientID is the sub claim (`m2m-client-<env>-<uuid>`).
	ClientID string
	// Scopes are the granted scopes, from the space-separated scope claim.
	Scopes []string
	// IssuedAt, NotBefore and ExpiresAt are the token's times.
	IssuedAt, NotBefore, ExpiresAt time.Time
	// CustomClaims holds every top-level claim that is not registered, not
	// scope and not prefixed https://stytch.com/; nil when there is none.
	CustomClaims map[string]any
	// RawCustomClaims is the same set as one JSON object; nil when none.
	RawCustomClaims json.RawMessage
}

// DecodeCustomClaims unmarshals the custom claims into v.
func (m *M2MClaims) DecodeCustomClaims(v any) error { return decodeInto(m.RawCustomClaims, v) }

// AuthorizeFunc decides whether granted scopes satisfy required ones. It
// returns nil to allow; its error is returned unchanged by VerifyM2M.
type AuthorizeFunc func(granted, required []string) error

// M2MOptions tunes VerifyM2M.
type M2MOptions struct {
	// RequiredScopes must all be granted (see CheckScopes for the rules).
	RequiredScopes []string
	// MaxTokenAge, when > 0, refuses tokens issued longer ago (ErrTokenTooOld).
	MaxTokenAge time.Duration
	// Leeway overrides the Verifier's clock-skew tolerance: 0 keeps
	// Config.Leeway, a negative value means none.
	Leeway time.Duration
	// Authorize replaces CheckScopes as the scope rule when set. It is
	// called even when RequiredScopes is empty.
	Authorize AuthorizeFunc
}

// VerifyM2M verifies an M2M access token (same signature, issuer, audience
// and time checks as a session JWT; sub is the client id) and then
// authorizes its scopes. A session JWT is refused as ErrMalformed.
func (v *Verifier) VerifyM2M(ctx context.Context, token string, opts M2MOptions) (*M2MClaims, error) {
	_, m, err := VerifyM2MWith[struct{}](ctx, v, token, opts)
	return m, err
}

// m2mPayload is the claims set of an M2M access token.
type m2mPayload struct {
	registeredClaims
	// Scope is the space-separated scope claim; nil when absent (or null).
	Scope *string `json:"scope"`
}

func (p *m2mPayload) checkKind() error {
	if _, ok := p.Other[SessionClaimName]; ok {
		return newErr(ErrMalformed, "a session JWT is not an M2M access token")
	}
	if p.Scope == nil {
		return newErr(ErrMalformed, "not an M2M access token: no scope claim")
	}
	return nil
}

// VerifyM2MWith is VerifyM2M that also returns a zero T allocated together
// with the claims (see VerifySessionWith). Both pointers are nil on error.
func VerifyM2MWith[T any](ctx context.Context, v *Verifier, token string, opts M2MOptions) (*T, *M2MClaims, error) {
	b := new(resultBox[T, M2MClaims, m2mPayload])
	o := VerifyOptions{MaxTokenAge: opts.MaxTokenAge, Leeway: opts.Leeway}
	if err := v.verify(ctx, token, o, &b.claims); err != nil {
		return nil, nil, err
	}
	scopes := ParseScopes(*b.claims.Scope)
	authorize := opts.Authorize
	if authorize == nil {
		authorize = CheckScopes
	}
	if err := authorize(scopes, opts.RequiredScopes); err != nil {
		return nil, nil, err
	}
	custom, raw, err := customClaims(b.claims.Other)
	if err != nil {
		return nil, nil, err
	}
	r := &b.claims.registeredClaims
	b.res = M2MClaims{
		ClientID: r.Subject, Scopes: scopes,
		IssuedAt: r.IssuedAt.at, NotBefore: r.NotBefore.at, ExpiresAt: r.ExpiresAt.at,
		CustomClaims: custom, RawCustomClaims: raw,
	}
	return &b.pub, &b.res, nil
}

// ParseScopes splits a space-separated scope string (RFC 6749 §3.3) into
// scopes; runs of whitespace never produce empty scopes.
func ParseScopes(scope string) []string {
	if scope == "" {
		return []string{}
	}
	return strings.Fields(scope)
}

// CheckScopes applies Stytch's M2M scope rules (as in the official SDKs):
// every required scope must be granted. A scope "action:resource" is granted
// by the same scope or by "action:*" (any resource for that action, and, as
// in the SDKs, the bare "action" too). There is no wildcard on the action
// side: a granted "*:users" or "*" satisfies only the literal same scope. A
// granted scope without a colon is a plain name that grants only itself.
// The action ends at the first colon, so "read:a:b" has resource "a:b". The
// first unsatisfied scope is reported as a *ScopeError (errors.Is
// ErrMissingScope).
func CheckScopes(granted, required []string) error {
	for _, req := range required {
		if !scopeGranted(granted, req) {
			return &ScopeError{Missing: req}
		}
	}
	return nil
}

func scopeGranted(granted []string, req string) bool {
	reqAction, _, _ := strings.Cut(req, ":")
	for _, g := range granted {
		if g == req {
			return true
		}
		if action, resource, ok := strings.Cut(g, ":"); ok && resource == "*" && action == reqAction {
			return true
		}
	}
	return false
}
