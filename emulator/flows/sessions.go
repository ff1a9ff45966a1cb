package flows

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// AuthzCheck is an RBAC check made while authenticating a session.
type AuthzCheck struct {
	ResourceID, Action string
}

// Verdict is the result of an AuthzCheck.
type Verdict struct {
	Authorized    bool
	GrantingRoles []string
}

// SessionAuth is the result of AuthenticateSession.
type SessionAuth struct {
	Auth
	Verdict *Verdict
}

// AuthenticateSession checks a session token or JWT (SessionsAuthenticate).
// The session must be alive; an expired JWT is fine as long as its session
// is (a fresh JWT is minted). session_duration_minutes extends the session
// from now; custom claims are merged (null deletes). With an authorization
// check, a role of the user must grant the action on the resource, or the
// call answers 403 consumer_session_authorization_error.
func (s *Service) AuthenticateSession(token, jwtStr *string, minutes *int32, claims *map[string]any, check *AuthzCheck) (*SessionAuth, error) {
	var out SessionAuth
	// A session JWT is verified and parsed before the transaction, so that
	// the RSA verification does not hold the store's write lock.
	var jwtSID string
	var jwtErr error
	if jwtStr != nil && token == nil {
		key, _ := s.Store.SigningKey()
		jwtSID, jwtErr = s.sessionIDFromJWT(key, *jwtStr)
	}
	err := s.Store.Update(func(tx *store.Tx) error {
		if token != nil {
			if _, ok, err := s.sandboxSession(tx, *token); ok && err != nil {
				return err
			}
		}
		var sess *store.Session
		var err error
		if jwtStr != nil && token == nil {
			if jwtErr != nil {
				return jwtErr
			}
			if sess = tx.Sessions.Get(jwtSID); sess == nil || !sess.Alive(tx.Now) {
				return ErrSessionNotFound.New()
			}
		} else if sess, err = s.lookupSession(tx, token, jwtStr); err != nil {
			return err
		}
		u := tx.Users.Peek(sess.UserID) // read only
		if u == nil {
			return ErrSessionNotFound.New()
		}
		if _, err := s.CheckSession(tx, u, SessionRequest{DurationMinutes: minutes, CustomClaims: claims}); err != nil {
			return err
		}
		roles := Roles(u)
		if check != nil {
			v := authorize(tx.Policy, roles, *check)
			if !v.Authorized {
				return E(ErrConsumerSessionAuthorizationError,
					"The User is not authorized to perform the requested action on that resource.")
			}
			out.Verdict = &v
		}
		if claims != nil {
			mergeClaims(&sess.CustomClaims, *claims)
		}
		sess.LastAccessedAt = tx.Now
		if minutes != nil {
			sess.ExpiresAt = tx.Now.Add(time.Duration(*minutes) * time.Minute)
		}
		s.fill(tx, u, sess, &out.Auth)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out.Auth)
}

// authorize evaluates an RBAC check against the policy.
func authorize(p store.Policy, roles []string, c AuthzCheck) Verdict {
	v := Verdict{GrantingRoles: []string{}}
	for _, r := range p.Roles {
		if !slices.Contains(roles, r.RoleID) {
			continue
		}
		for _, perm := range r.Permissions {
			if perm.ResourceID == c.ResourceID && (slices.Contains(perm.Actions, "*") || slices.Contains(perm.Actions, c.Action)) {
				v.GrantingRoles = append(v.GrantingRoles, r.RoleID)
				break
			}
		}
	}
	v.Authorized = len(v.GrantingRoles) > 0
	return v
}

// RevokeSession ends the session named by id, token or JWT (exactly one).
func (s *Service) RevokeSession(id, token, jwtStr *string) error {
	return s.Store.Update(func(tx *store.Tx) error {
		n := 0
		for _, p := range []*string{id, token, jwtStr} {
			if p != nil {
				n++
			}
		}
		if n != 1 {
			return E(ErrBadRequest, "Pass exactly one of session_id, session_token and session_jwt.")
		}
		var sess *store.Session
		switch {
		case id != nil:
			sess = tx.Sessions.Get(*id)
		case token != nil:
			sess = tx.SessionByToken(*token)
		default:
			sid, err := s.sessionIDFromJWT(tx.Key, *jwtStr)
			if err != nil {
				return err
			}
			sess = tx.Sessions.Get(sid)
		}
		if sess == nil {
			return ErrSessionNotFound.New()
		}
		tx.DeleteSession(sess.ID)
		return nil
	})
}

// UserSessions lists the live sessions of a user (SessionsGet).
func (s *Service) UserSessions(userID string) ([]store.Session, []string, error) {
	var out []store.Session
	var roles []string
	err := s.Store.View(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		roles = Roles(u)
		for _, sess := range tx.UserSessions(u.ID, tx.Now) {
			out = append(out, sess.Clone())
		}
		return nil
	})
	return out, roles, err
}

// JWKS returns the public keys that verify session JWTs for projectID;
// another project id answers 404.
func (s *Service) JWKS(projectID string) ([]PublicKey, error) {
	if projectID != s.ProjectID {
		return nil, E(ErrProjectNotFound, "No project with this project_id.")
	}
	key, kid := s.Store.SigningKey()
	cert, err := s.certificate(key, kid)
	if err != nil {
		return nil, err
	}
	return []PublicKey{{Kid: kid, Key: &key.PublicKey, Certificate: cert}}, nil
}

// PublicKey is one signing key of the JWKS, with the self-signed X.509
// certificate (DER) that its x5c and x5tS256 carry.
type PublicKey struct {
	Kid         string
	Key         *rsa.PublicKey
	Certificate []byte
}

// certificate returns a self-signed certificate for the signing key, made
// once per key id (the key lives as long as the emulator's state).
func (s *Service) certificate(key *rsa.PrivateKey, kid string) ([]byte, error) {
	if der, ok := s.certs.Load(kid); ok {
		return der.([]byte), nil
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: s.Issuer()},
		NotBefore: time.Unix(0, 0).UTC(), NotAfter: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("flows: certificate of the signing key: %w", err)
	}
	s.certs.Store(kid, der)
	return der, nil
}

// Metrics are the project's computed counts.
type Metrics struct {
	Users, M2MClients int
}

// ProjectMetrics counts users and M2M clients.
func (s *Service) ProjectMetrics() Metrics {
	var m Metrics
	_ = s.Store.View(func(tx *store.Tx) error {
		m = Metrics{Users: tx.Users.Len(), M2MClients: tx.M2M.Clients.Len()}
		return nil
	})
	return m
}
