package jwtauth

import (
	"context"
	"encoding/json"
	"time"
)

// OrganizationClaimName is the claim naming the Organization of a B2B member
// session JWT (and of a B2B Connected App access token). A Consumer session
// JWT never carries it, which is what tells the two kinds of session JWT
// apart: both hold their session under SessionClaimName.
const OrganizationClaimName = "https://stytch.com/organization"

// OrganizationClaim is the "https://stytch.com/organization" claim.
type OrganizationClaim struct {
	// ID is the Organization's id (`organization-<env>-<uuid>`).
	ID string `json:"organization_id"`
	// Slug is the Organization's slug.
	Slug string `json:"slug"`
}

// MemberSessionClaims is the verified content of a B2B member session JWT.
type MemberSessionClaims struct {
	// MemberID is the sub claim (`member-<env>-<uuid>`).
	MemberID string
	// Session is the https://stytch.com/session claim: the member session's
	// id, times, authentication factors and roles, shaped as a Consumer
	// session's (as Stytch issues it).
	Session SessionClaim
	// Organization is the https://stytch.com/organization claim.
	Organization OrganizationClaim
	// IssuedAt, NotBefore and ExpiresAt are the token's own times (a session
	// JWT lives five minutes; Session.ExpiresAt is the session's end).
	IssuedAt, NotBefore, ExpiresAt time.Time
	// CustomClaims holds every top-level claim that is neither registered
	// nor prefixed https://stytch.com/; nil when there is none.
	CustomClaims map[string]any
	// RawCustomClaims is the same set as one JSON object; nil when none.
	RawCustomClaims json.RawMessage
}

// DecodeCustomClaims unmarshals the custom claims into v, typically a
// pointer to the caller's struct. With no custom claims v is left untouched.
func (m *MemberSessionClaims) DecodeCustomClaims(v any) error {
	return decodeInto(m.RawCustomClaims, v)
}

// memberSessionPayload is the claims set of a B2B member session JWT.
type memberSessionPayload struct {
	registeredClaims
	Session      objectClaim[SessionClaim]      `json:"https://stytch.com/session"`
	Organization objectClaim[OrganizationClaim] `json:"https://stytch.com/organization"`
}

func (p *memberSessionPayload) checkKind() error {
	switch {
	case !p.Session.present:
		return newErr(ErrMalformed, "not a member session JWT: no "+SessionClaimName+" claim")
	case !p.Organization.present:
		return newErr(ErrMalformed, "a Consumer session JWT is not a member session JWT: no "+OrganizationClaimName+" claim")
	case p.Organization.value.ID == "":
		return newErr(ErrMalformed, OrganizationClaimName+" has no organization_id")
	case p.Session.value.ID == "":
		return newErr(ErrMalformed, SessionClaimName+" has no id")
	}
	return nil
}

// VerifyMemberSession verifies a B2B member session JWT: the signature,
// issuer, audience and time checks of VerifySession, and both the session
// and the organization claims. A Consumer session JWT or an M2M token is
// refused as ErrMalformed.
func (v *Verifier) VerifyMemberSession(ctx context.Context, token string, o VerifyOptions) (*MemberSessionClaims, error) {
	_, m, err := VerifyMemberSessionWith[struct{}](ctx, v, token, o)
	return m, err
}

// VerifyMemberSessionWith is VerifyMemberSession that also returns a zero T
// allocated together with the claims (see VerifySessionWith). Both pointers
// are nil on error.
func VerifyMemberSessionWith[T any](ctx context.Context, v *Verifier, token string, o VerifyOptions) (*T, *MemberSessionClaims, error) {
	b := new(resultBox[T, MemberSessionClaims, memberSessionPayload])
	if err := v.verify(ctx, token, o, &b.claims); err != nil {
		return nil, nil, err
	}
	custom, raw, err := customClaims(b.claims.Other)
	if err != nil {
		return nil, nil, err
	}
	r := &b.claims.registeredClaims
	b.res = MemberSessionClaims{
		MemberID: r.Subject, Session: b.claims.Session.value, Organization: b.claims.Organization.value,
		IssuedAt: r.IssuedAt.at, NotBefore: r.NotBefore.at, ExpiresAt: r.ExpiresAt.at,
		CustomClaims: custom, RawCustomClaims: raw,
	}
	return &b.pub, &b.res, nil
}
