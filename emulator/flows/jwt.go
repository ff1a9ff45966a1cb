package flows

import (
	"crypto/rsa"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// JWTLifetime is how long a session JWT is valid, whatever the session's
// duration; Stytch fixes it at five minutes.
const JWTLifetime = 5 * time.Minute

// SessionClaimKey is the claim that carries the session object in a JWT.
const SessionClaimKey = "https://stytch.com/session"

// Issuer returns the iss of session JWTs: "stytch.com/<project_id>".
func (s *Service) Issuer() string { return "stytch.com/" + s.ProjectID }

// SignSession mints a session JWT for sess at now: sub = user_id, iss, aud =
// [project_id], iat/nbf/exp (5 minutes), the session claim and the custom
// claims at top level; signed RS256 with the kid in the header.
func (s *Service) SignSession(sess *store.Session, roles []string, now time.Time) (string, error) {
	claims := sessionClaims(sessionClaimsInput{sub: sess.UserID, id: sess.ID, started: sess.StartedAt, accessed: sess.LastAccessedAt,
		expires: sess.ExpiresAt, ip: sess.IPAddress, agent: sess.UserAgent, factors: sess.Factors, custom: sess.CustomClaims, roles: roles},
		s.Issuer(), s.ProjectID, now)
	return s.signClaims(claims)
}

// sessionClaimsInput is what a Consumer or member session JWT says about
// its session.
type sessionClaimsInput struct {
	sub, id                    string
	started, accessed, expires time.Time
	ip, agent                  string
	factors                    []store.Factor
	custom                     map[string]any
	roles                      []string
}

// sessionClaims are the claims both kinds of session JWT carry: the custom
// claims at top level, sub, iss, aud = [project_id], iat/nbf/exp (five
// minutes) and the session claim.
func sessionClaims(in sessionClaimsInput, issuer, projectID string, now time.Time) jwt.MapClaims {
	factors := make([]any, 0, len(in.factors))
	for _, f := range in.factors {
		factors = append(factors, FactorJSON(f))
	}
	claims := jwt.MapClaims{}
	maps.Copy(claims, in.custom)
	claims["sub"] = in.sub
	claims["iss"] = issuer
	claims["aud"] = []string{projectID}
	claims["iat"] = now.Unix()
	claims["nbf"] = now.Unix()
	claims["exp"] = now.Add(JWTLifetime).Unix()
	claims[SessionClaimKey] = map[string]any{
		"id":                     in.id,
		"started_at":             in.started.Format(time.RFC3339),
		"last_accessed_at":       in.accessed.Format(time.RFC3339),
		"expires_at":             in.expires.Format(time.RFC3339),
		"attributes":             map[string]any{"ip_address": in.ip, "user_agent": in.agent},
		"authentication_factors": factors,
		"roles":                  in.roles,
	}
	return claims
}

// sigCacheSize bounds the signature cache: enough for every session
// authenticated within one second under heavy load.
const sigCacheSize = 4096

// sigCache remembers the RS256 signatures of recent JWT signing inputs.
// RS256 (RSASSA-PKCS1-v1_5) signatures are deterministic and the JWT's time
// claims have one-second resolution, so minting the same session twice in
// one second signs the same input and yields the same bytes: the second
// mint can reuse the first signature instead of paying for an RSA private
// key operation. The input names the key (kid), so a new key never meets
// an old signature.
type sigCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *sigCache) get(input string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sig, ok := c.m[input]
	return sig, ok
}

func (c *sigCache) put(input, sig string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]string{}
	}
	if len(c.m) >= sigCacheSize {
		for k := range c.m { // Go maps iterate from a random point: drop a random eighth
			delete(c.m, k)
			if len(c.m) < sigCacheSize*7/8 {
				break
			}
		}
	}
	c.m[input] = sig
}

// sessionIDFromJWT verifies a session JWT's signature (with key, the
// signing key), issuer and audience and returns the session id it names.
// An expired JWT is accepted: the caller decides whether the session itself
// is still alive.
func (s *Service) sessionIDFromJWT(key *rsa.PrivateKey, token string) (string, error) {
	parsed, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		return "", E(ErrUnableToParseSessionJWT, "The session JWT could not be parsed or its signature is invalid.")
	}
	claims, _ := parsed.Claims.(jwt.MapClaims)
	iss, _ := claims.GetIssuer()
	aud, _ := claims.GetAudience()
	if iss != s.Issuer() || !slices.Contains(aud, s.ProjectID) {
		return "", E(ErrUnableToParseSessionJWT, "The session JWT was not issued for this project.")
	}
	sc, _ := claims[SessionClaimKey].(map[string]any)
	id, _ := sc["id"].(string)
	if id == "" {
		return "", E(ErrUnableToParseSessionJWT, "The session JWT carries no session.")
	}
	return id, nil
}

// reservedClaim reports whether a custom claim name is reserved by Stytch.
func reservedClaim(k string) bool {
	switch k {
	case "iss", "sub", "aud", "exp", "nbf", "iat", "jti":
		return true
	}
	return strings.HasPrefix(k, "https://stytch.com/")
}

// mergeClaims applies custom claims (checked by CheckSession) to the
// custom claims of a Consumer or member session: a null value deletes the
// claim.
func mergeClaims(dst *map[string]any, claims map[string]any) {
	if *dst == nil {
		*dst = map[string]any{}
	}
	for k, v := range claims {
		if v == nil {
			delete(*dst, k)
		} else {
			(*dst)[k] = v
		}
	}
}
