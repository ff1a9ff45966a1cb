package b2b

import (
	"context"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// invoke sends one generated operation through the client's call path and
// returns its decoded answer; an error always comes with a nil response.
func invoke[T any](ctx context.Context, c *Client, op *apicall.Operation, a apicall.Args) (*T, error) {
	v := new(T)
	if err := c.eng.Invoke(ctx, op, &a, v); err != nil {
		return nil, err
	}
	return v, nil
}

// invokeClaims is invoke, and also decodes the custom claims of the member
// session under sessionKey in the answer into claims (a non-nil pointer to a
// struct or map). An answer without a session leaves claims untouched.
func invokeClaims[T any](ctx context.Context, c *Client, op *apicall.Operation, a apicall.Args, sessionKey string, claims any) (*T, error) {
	if claims == nil {
		return nil, &stytch.ValidationError{Field: "claims", Reason: "must be a non-nil pointer to a struct or map, got nil"}
	}
	a.ClaimsKey, a.Claims = sessionKey, claims
	return invoke[T](ctx, c, op, a)
}

// errNilParams is returned by a method given a nil params pointer.
var errNilParams = &stytch.ValidationError{Field: "params", Reason: "must not be nil"}

// missing is the error of an empty required path or query parameter.
func missing(field string) error {
	return &stytch.ValidationError{Field: field, Reason: "must not be empty"}
}
