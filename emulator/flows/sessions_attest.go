package flows

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// KindTrustedTokenProfile is the id prefix of trusted token profiles
// (trusted-token-profile-test-<uuid>); Stytch's own format is not documented.
const KindTrustedTokenProfile = "trusted-token-profile"

// Factor of an attested session, as Stytch documents it.
const (
	TrustedFactorType     = "trusted_auth_token"
	TrustedDeliveryMethod = "trusted_token_exchange"
)

// trustedAlgs are the JWT algorithms Sessions.Attest accepts.
var trustedAlgs = []string{"RS256", "RS384", "RS512", "ES256", "ES384"}

// TrustedTokenProfileInput configures a trusted token profile. Exactly one of
// PublicKeyPEM and JWKS carries the verification keys.
type TrustedTokenProfileInput struct {
	Name     string
	Issuer   string // required: the iss tokens must carry
	Audience string // required: a value tokens must carry in aud
	// PublicKeyPEM holds one or more PEM blocks (PUBLIC KEY, RSA PUBLIC KEY
	// or CERTIFICATE) with RSA or EC P-256/P-384 keys.
	PublicKeyPEM string
	// JWKS is a JSON Web Key Set ({"keys": [...]}) of RSA or EC keys.
	JWKS json.RawMessage
	// EmailClaim (default "email") and TokenIDClaim (default "jti") are the
	// attribute mappings for the user's email and the factor's token_id.
	EmailClaim, TokenIDClaim string
	// AllowJITProvisioning lets a token create the user its email names;
	// off by default, as in Stytch.
	AllowJITProvisioning bool
}

// CreateTrustedTokenProfile registers a trusted token profile (what the
// Stytch dashboard's Trusted Auth Tokens page does) and returns it.
func (s *Service) CreateTrustedTokenProfile(in TrustedTokenProfileInput) (*store.TrustedTokenProfile, error) {
	if in.Issuer == "" || in.Audience == "" {
		return nil, E(ErrBadRequest, "A trusted token profile needs an issuer and an audience.")
	}
	var keys []store.TrustedKey
	var err error
	switch {
	case in.PublicKeyPEM != "" && len(in.JWKS) > 0:
		return nil, E(ErrBadRequest, "Give either public_key_pem or jwks, not both.")
	case in.PublicKeyPEM != "":
		keys, err = keysFromPEM(in.PublicKeyPEM)
	case len(in.JWKS) > 0:
		keys, err = keysFromJWKS(in.JWKS)
	default:
		return nil, E(ErrBadRequest, "A trusted token profile needs public_key_pem or jwks.")
	}
	if err != nil {
		return nil, E(ErrInvalidPublicKey, "The profile's keys could not be read: %v.", err)
	}
	p := store.TrustedTokenProfile{Name: in.Name, Issuer: in.Issuer, Audience: in.Audience, Keys: keys,
		EmailClaim: orDefault(in.EmailClaim, "email"), TokenIDClaim: orDefault(in.TokenIDClaim, "jti"),
		AllowJITProvisioning: in.AllowJITProvisioning}
	err = s.Store.Update(func(tx *store.Tx) error {
		p.ID, p.CreatedAt = tx.NewID(KindTrustedTokenProfile), tx.Now
		tx.External.TrustedProfiles.Put(p.ID, &p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// AttestSession implements Sessions.Attest: the token must be a JWT signed
// by one of the profile's keys (RS256/384/512, ES256/384), with the
// profile's iss, its audience in aud, and an exp in the future. The email
// claim names the user; an unknown email creates the user only when the
// profile allows JIT provisioning (404 user_not_found otherwise). The
// session gets a trusted_auth_token / trusted_token_exchange factor whose
// token_id is the token-id claim (jti by default), or a generated id when
// the token has none.
func (s *Service) AttestSession(profileID, token string, req SessionRequest) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		pp := tx.External.TrustedProfiles.Get(profileID)
		if pp == nil {
			return E(ErrTrustedAuthTokenProfileNotFound, "The trusted auth token profile could not be found.")
		}
		p := *pp
		claims, err := verifyTrusted(p, token, tx.Now)
		if err != nil {
			return err
		}
		email, _ := claims[p.EmailClaim].(string)
		if checkEmail(email) != nil {
			return E(ErrInvalidTrustedAuthTokenClaims,
				"The token has no valid email address in the %q claim (the profile's email mapping).", p.EmailClaim)
		}
		tokenID, _ := claims[p.TokenIDClaim].(string)
		if tokenID == "" {
			tokenID = tx.NewID("trusted-auth-token")
		}
		u, _ := tx.UserByEmail(email)
		if u == nil {
			if !p.AllowJITProvisioning {
				return E(ErrUserNotFound,
					"No user has this email address and the trusted auth token profile does not allow JIT provisioning.")
			}
			if err := s.checkNewUserSession(tx, req); err != nil {
				return err
			}
			if u, err = s.newUser(tx, NewUserInput{Email: email}); err != nil {
				return err
			}
			out.UserCreated = true
		}
		if u.Locked(tx.Now) {
			return ErrUserLocked()
		}
		f := NewFactor(tx.Now, TrustedFactorType, TrustedDeliveryMethod, "trusted_auth_token_factor",
			map[string]any{"token_id": tokenID})
		return s.Attach(tx, u, f, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// checkNewUserSession validates the session arguments of a flow about to
// create a user: a named session cannot belong to a user not created yet.
func (s *Service) checkNewUserSession(tx *store.Tx, req SessionRequest) error {
	if _, err := s.CheckSession(tx, &store.User{}, SessionRequest{DurationMinutes: req.DurationMinutes,
		CustomClaims: req.CustomClaims}); err != nil {
		return err
	}
	if req.Token == nil && req.JWT == nil {
		return nil
	}
	if _, err := s.lookupSession(tx, req.Token, req.JWT); err != nil {
		return err
	}
	return E(ErrSessionUserMismatch, "The session belongs to a different user.")
}

// verifyTrusted checks the token's signature, algorithm, iss, aud and exp
// against profile p at now and returns its claims.
func verifyTrusted(p store.TrustedTokenProfile, token string, now time.Time) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		set := jwt.VerificationKeySet{}
		for _, k := range p.Keys {
			if kid != "" && k.Kid != "" && k.Kid != kid {
				continue
			}
			pub, err := parsePublicPEM(k.PEM)
			if err != nil {
				return nil, err
			}
			set.Keys = append(set.Keys, pub)
		}
		if len(set.Keys) == 0 {
			return nil, fmt.Errorf("no key of the profile has kid %q", kid)
		}
		return set, nil
	}, jwt.WithValidMethods(trustedAlgs), jwt.WithIssuer(p.Issuer), jwt.WithAudience(p.Audience),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(func() time.Time { return now }))
	switch {
	case err == nil:
		return claims, nil
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, E(ErrTrustedAuthTokenExpired, "The trusted auth token has expired.")
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return nil, E(ErrInvalidTrustedAuthToken, "The trusted auth token is not valid yet.")
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return nil, E(ErrInvalidTrustedAuthToken, "The token's iss does not match the profile's issuer.")
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return nil, E(ErrInvalidTrustedAuthToken, "The token's aud does not include the profile's audience.")
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return nil, E(ErrInvalidTrustedAuthToken, "The trusted auth token has no exp claim.")
	case errors.Is(err, jwt.ErrTokenMalformed):
		return nil, E(ErrInvalidTrustedAuthToken, "The trusted auth token is not a well-formed JWT.")
	default:
		return nil, E(ErrInvalidTrustedAuthToken,
			"The trusted auth token's signature could not be verified with the profile's keys (or its algorithm is not accepted).")
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
