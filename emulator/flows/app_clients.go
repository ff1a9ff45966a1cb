package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// This file holds what M2M clients and Connected Apps share: secret
// rotation, cursor pages, scope checks, RFC 6749 errors and signing access
// tokens.

// Client search limits (M2M clients and Connected Apps search).
const (
	DefaultClientSearchLimit = 100
	MaxClientSearchLimit     = 1000
)

// RotationStep is one step of a client secret rotation.
type RotationStep int

// The steps of a secret rotation: Start creates a second secret (both work),
// Cancel drops it, Complete makes it the only secret.
const (
	RotationStart RotationStep = iota
	RotationCancel
	RotationComplete
)

// rotate applies step to secrets and returns the new secret on Start.
func rotate(env string, secrets *store.ClientSecrets, step RotationStep) (string, error) {
	switch step {
	case RotationStart:
		if secrets.Rotating() {
			return "", E(ErrSecretRotationInProgress,
				"A secret rotation is already in progress; complete or cancel it first.")
		}
		next := store.NewSecret(env)
		secrets.StartRotation(next)
		return next, nil
	case RotationCancel, RotationComplete:
		if !secrets.Rotating() {
			return "", E(ErrNoSecretRotationInProgress,
				"No secret rotation is in progress; start one first.")
		}
		if step == RotationCancel {
			secrets.CancelRotation()
		} else {
			secrets.CompleteRotation()
		}
		return "", nil
	}
	return "", E(ErrBadRequest, "Unknown rotation step.")
}

// clientPage returns one cursor page of items (already in their stable order),
// the total, and the next cursor ("" on the last page).
func clientPage[T any](items []T, limit int, cursor string) ([]T, int, string, error) {
	if limit == 0 {
		limit = DefaultClientSearchLimit
	}
	if limit < 1 || limit > MaxClientSearchLimit {
		return nil, 0, "", E(ErrInvalidLimit, "limit must be between 1 and %d.", MaxClientSearchLimit)
	}
	return cutPage(items, limit, cursor)
}

// cutPage cuts items at the cursor offset; limit is already checked.
func cutPage[T any](items []T, limit int, cursor string) ([]T, int, string, error) {
	start, err := decodeCursor(cursor)
	if err != nil {
		return nil, 0, "", err
	}
	start = min(start, len(items))
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = encodeCursor(end)
	}
	return slices.Clone(items[start:end]), len(items), next, nil
}

// checkScopes validates client scopes: non-empty, without whitespace (a
// token's scope claim joins them with spaces), no duplicates.
func checkScopes(scopes []string) ([]string, error) {
	out := make([]string, 0, len(scopes))
	for _, sc := range scopes {
		if sc == "" || strings.ContainsAny(sc, " \t\r\n") {
			return nil, E(ErrInvalidScopes, "Each scope must be a non-empty string without spaces, like read:users.")
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out, nil
}

// RFC 6749 errors, answered by the /v1/public OAuth2 endpoints (the error
// type becomes the "error" member of the body).

func errInvalidClient(msg string) *Error {
	return E(ErrInvalidClient, "%s", msg)
}

func errInvalidGrant(msg string) *Error { return E(ErrInvalidGrant, "%s", msg) }

func errInvalidScope(msg string) *Error { return E(ErrInvalidScope, "%s", msg) }

func errInvalidRequest(msg string) *Error {
	return E(ErrInvalidRequest, "%s", msg)
}

func errUnsupportedGrant(grant string) *Error {
	return E(ErrUnsupportedGrantType, "The grant_type %q is not supported here.", grant)
}

// AccessToken is an access token issued by the token endpoint.
type AccessToken struct {
	// AccessToken is the signed JWT.
	AccessToken string
	// TokenType is always "bearer".
	TokenType string
	// ExpiresIn is the lifetime in seconds.
	ExpiresIn int
	// Scope is the granted scopes, space-separated.
	Scope string
}

// signAccessToken signs claims with the emulator's session key (same JWKS
// and kid as session JWTs) and wraps them as an AccessToken.
func (s *Service) signAccessToken(claims jwt.MapClaims, lifetime time.Duration) (*AccessToken, error) {
	key, kid := s.Store.SigningKey()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	signed, err := tok.SignedString(key)
	if err != nil {
		return nil, err
	}
	scope, _ := claims["scope"].(string)
	return &AccessToken{AccessToken: signed, TokenType: "bearer", ExpiresIn: int(lifetime / time.Second), Scope: scope}, nil
}

// checkProject answers invalid_client when the path names another project.
func (s *Service) checkProject(projectID string) error {
	if projectID != s.ProjectID {
		return errInvalidClient("The client does not belong to this project.")
	}
	return nil
}
