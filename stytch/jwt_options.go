package stytch

import (
	"time"
)

// JWTOption tunes one local token check (Sessions.AuthenticateJWTLocal,
// M2M.AuthenticateToken). Options are small values, so passing them costs no
// allocation; build them with the With… functions below. An option that
// does not apply to the check it is given to is a *ValidationError.
type JWTOption struct {
	kind             jwtOptKind
	d                time.Duration
	resourceID, verb string
	authorize        func(granted, required []string) error
}

type jwtOptKind uint8

const (
	optNone jwtOptKind = iota
	optMaxAge
	optLeeway
	optCheck
	optAuthorizer
)

// WithMaxTokenAge refuses tokens issued more than d ago with ErrJWTTooOld,
// even if they have not expired yet (0 means no limit, the default).
// Stytch's SDKs use five minutes for session JWTs.
func WithMaxTokenAge(d time.Duration) JWTOption { return JWTOption{kind: optMaxAge, d: d} }

// WithLeeway sets the clock skew tolerated on exp, nbf and iat for this
// check (0 tolerates none), overriding WithJWTLeeway and its 30 s default.
func WithLeeway(d time.Duration) JWTOption { return JWTOption{kind: optLeeway, d: d} }

// WithAuthorizationCheck also requires that one of the session's roles
// grants action on resourceID under the project's RBAC policy (fetched with
// GET /v1/rbac/policy and cached for DefaultPolicyTTL). A refusal is a 403
// *APIError of type ErrorTypeSessionAuthorizationError matching
// ErrPermissionDenied. Session JWTs only.
func WithAuthorizationCheck(resourceID, action string) JWTOption {
	return JWTOption{kind: optCheck, resourceID: resourceID, verb: action}
}

// WithScopeAuthorizer replaces Stytch's scope rules in M2M.AuthenticateToken
// by f, which gets the token's scopes and the required ones and returns nil
// to allow. Its error is returned unchanged. M2M tokens only.
func WithScopeAuthorizer(f func(granted, required []string) error) JWTOption {
	return JWTOption{kind: optAuthorizer, authorize: f}
}

// jwtOpts is the applied form of a list of JWTOptions. Durations follow the
// jwtauth convention: leeway 0 keeps the client's, negative means none.
type jwtOpts struct {
	maxAge, leeway     time.Duration
	resourceID, action string
	authorize          func(granted, required []string) error
}

// apply validates opts for a session (session=true) or M2M check.
func (o *jwtOpts) apply(opts []JWTOption, session bool) error {
	for i := range opts {
		op := &opts[i]
		switch op.kind {
		case optMaxAge:
			if op.d < 0 {
				return &ValidationError{Field: "WithMaxTokenAge", Reason: "must not be negative"}
			}
			o.maxAge = op.d
		case optLeeway:
			if op.d < 0 {
				return &ValidationError{Field: "WithLeeway", Reason: "must not be negative"}
			}
			o.leeway = op.d
			if op.d == 0 {
				o.leeway = -1
			}
		case optCheck:
			if !session {
				return &ValidationError{Field: "WithAuthorizationCheck", Reason: "applies to session JWTs, not M2M tokens (use required scopes)"}
			}
			if err := o.setCheck(op.resourceID, op.verb); err != nil {
				return err
			}
		case optAuthorizer:
			if session {
				return &ValidationError{Field: "WithScopeAuthorizer", Reason: "applies to M2M tokens, not session JWTs"}
			}
			if op.authorize == nil {
				return &ValidationError{Field: "WithScopeAuthorizer", Reason: "function is nil"}
			}
			o.authorize = op.authorize
		default:
			return &ValidationError{Field: "JWTOption", Reason: "zero value; build options with the With… functions"}
		}
	}
	return nil
}

func (o *jwtOpts) setCheck(resourceID, action string) error {
	switch {
	case resourceID == "":
		return &ValidationError{Field: "resource_id", Reason: "authorization check needs a resource id"}
	case action == "":
		return &ValidationError{Field: "action", Reason: "authorization check needs an action"}
	}
	o.resourceID, o.action = resourceID, action
	return nil
}
