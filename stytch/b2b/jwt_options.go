package b2b

import (
	"time"

	"github.com/stytchkit/stytchkit/stytch"
)

// JWTOption tunes one local member session check
// (Sessions.AuthenticateJWTLocal). Build options with the With… functions
// below; the zero JWTOption is refused with a *stytch.ValidationError.
type JWTOption struct {
	kind  jwtOptKind
	d     time.Duration
	check AuthorizationCheck
}

type jwtOptKind uint8

const (
	optNone jwtOptKind = iota
	optMaxAge
	optLeeway
	optCheck
)

// WithMaxTokenAge refuses JWTs issued more than d ago with
// stytch.ErrJWTTooOld, even if they have not expired yet (0 means no limit,
// the default). Stytch's SDKs use five minutes.
func WithMaxTokenAge(d time.Duration) JWTOption { return JWTOption{kind: optMaxAge, d: d} }

// WithLeeway sets the clock skew tolerated on exp, nbf and iat for this
// check (0 tolerates none), overriding stytch.WithJWTLeeway and its 30 s
// default.
func WithLeeway(d time.Duration) JWTOption { return JWTOption{kind: optLeeway, d: d} }

// WithAuthorizationCheck also requires that the Member may perform
// check.Action on check.ResourceID: one of the session's roles must grant it
// under the project's RBAC policy or the Organization's own Roles (GET
// /v1/b2b/rbac/policy and GET /v1/b2b/rbac/organizations/{organization_id},
// each cached for stytch.DefaultPolicyTTL). When check.OrganizationID is set
// it must be the session's Organization. A refusal is a 403
// *stytch.APIError of type stytch.ErrorTypeSessionAuthorizationError (roles)
// or ErrorTypeSessionAuthorizationTenancyError (Organization), matching
// stytch.ErrPermissionDenied.
func WithAuthorizationCheck(check AuthorizationCheck) JWTOption {
	return JWTOption{kind: optCheck, check: check}
}

// jwtOpts is the applied form of a list of JWTOptions. Durations follow the
// jwtauth convention: leeway 0 keeps the client's, negative means none.
type jwtOpts struct {
	maxAge, leeway time.Duration
	check          *AuthorizationCheck
}

// apply validates opts.
func (o *jwtOpts) apply(opts []JWTOption) error {
	for i := range opts {
		op := &opts[i]
		switch op.kind {
		case optMaxAge:
			if op.d < 0 {
				return &stytch.ValidationError{Field: "WithMaxTokenAge", Reason: "must not be negative"}
			}
			o.maxAge = op.d
		case optLeeway:
			if op.d < 0 {
				return &stytch.ValidationError{Field: "WithLeeway", Reason: "must not be negative"}
			}
			o.leeway = op.d
			if op.d == 0 {
				o.leeway = -1
			}
		case optCheck:
			if err := validCheck(&op.check, false); err != nil {
				return err
			}
			o.check = &op.check
		default:
			return &stytch.ValidationError{Field: "JWTOption", Reason: "zero value; build options with the With… functions"}
		}
	}
	return nil
}

// validCheck refuses a check without a resource or action, or, when it is
// sent to the API (needOrg), without an Organization.
func validCheck(c *AuthorizationCheck, needOrg bool) error {
	switch {
	case c.ResourceID == "":
		return &stytch.ValidationError{Field: "resource_id", Reason: "authorization check needs a resource id"}
	case c.Action == "":
		return &stytch.ValidationError{Field: "action", Reason: "authorization check needs an action"}
	case needOrg && c.OrganizationID == "":
		return &stytch.ValidationError{Field: "organization_id", Reason: "authorization check needs the Organization's id"}
	}
	return nil
}
