package flows

import (
	"slices"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Session duration bounds in minutes (5 minutes to 366 days).
const (
	MinSessionMinutes = 5
	MaxSessionMinutes = 527040
)

// SessionRequest is the session part of a consumer authenticate request: a
// session is created only when DurationMinutes is set, and an existing one
// (named by Token or JWT) gets the new factor instead.
type SessionRequest struct {
	DurationMinutes *int32
	Token           *string
	JWT             *string
	CustomClaims    *map[string]any
}

// Auth is the result of an authentication.
type Auth struct {
	// User is a copy of the user after the flow.
	User store.User
	// Session is a copy of the session, nil when none was asked for.
	Session *store.Session
	// SessionToken and SessionJWT are "" when Session is nil.
	SessionToken, SessionJWT string
	// Roles are the session's RBAC roles.
	Roles []string
	// UserCreated is true when the flow created the user.
	UserCreated bool
	// MethodID is the email_id / phone_id / registration id used.
	MethodID string
	// Now is the emulator time of the flow.
	Now time.Time
}

// NewFactor returns an authentication factor used at now. detailKey names
// the typed sub-object of the factor (e.g. "email_factor"), detail its fields.
func NewFactor(now time.Time, typ, delivery, detailKey string, detail map[string]any) store.Factor {
	return store.Factor{Type: typ, DeliveryMethod: delivery, CreatedAt: now, LastAuthenticatedAt: now,
		UpdatedAt: now, DetailKey: detailKey, Detail: detail}
}

// FactorJSON returns the wire form of a factor (as in the API and the JWT).
func FactorJSON(f store.Factor) map[string]any {
	m := map[string]any{
		"type":                  f.Type,
		"delivery_method":       f.DeliveryMethod,
		"created_at":            f.CreatedAt.Format(time.RFC3339),
		"last_authenticated_at": f.LastAuthenticatedAt.Format(time.RFC3339),
		"updated_at":            f.UpdatedAt.Format(time.RFC3339),
	}
	if f.DetailKey != "" {
		m[f.DetailKey] = f.Detail
	}
	return m
}

// Roles returns the RBAC roles of a user: stytch_user, which every user
// holds implicitly, then its explicit roles.
func Roles(u *store.User) []string {
	roles := []string{RoleStytchUser}
	for _, r := range u.Roles {
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles
}

// lookupSession finds the session named by a token or a JWT (exactly one
// must be set) that is alive at now.
func (s *Service) lookupSession(tx *store.Tx, token, jwtStr *string) (*store.Session, error) {
	switch {
	case token != nil && jwtStr != nil:
		return nil, E(ErrTooManySessionArguments, "Pass either session_token or session_jwt, not both.")
	case token != nil:
		if sess := tx.SessionByToken(*token); sess != nil && sess.Alive(tx.Now) {
			return sess, nil
		}
		return nil, ErrSessionNotFound.New()
	case jwtStr != nil:
		id, err := s.sessionIDFromJWT(tx.Key, *jwtStr)
		if err != nil {
			return nil, err
		}
		if sess := tx.Sessions.Get(id); sess != nil && sess.Alive(tx.Now) {
			return sess, nil
		}
		return nil, ErrSessionNotFound.New()
	}
	return nil, E(ErrNoSessionArguments, "Pass a session_token or a session_jwt.")
}

func checkDuration(d *int32) error {
	if d != nil && (*d < MinSessionMinutes || *d > MaxSessionMinutes) {
		return E(ErrInvalidSessionDurationMinutes,
			"session_duration_minutes must be between %d and %d.", MinSessionMinutes, MaxSessionMinutes)
	}
	return nil
}

// CheckSession validates the session part of an authenticate request
// without changing anything: the duration bounds, the custom claims, and the
// session named by Token/JWT (alive, and u's). It returns that session, or
// nil when none is named. Flows call it before they change state, so that a
// bad session argument leaves no trace.
func (s *Service) CheckSession(tx *store.Tx, u *store.User, req SessionRequest) (*store.Session, error) {
	if err := checkDuration(req.DurationMinutes); err != nil {
		return nil, err
	}
	if req.CustomClaims != nil {
		for k := range *req.CustomClaims {
			if reservedClaim(k) {
				return nil, E(ErrInvalidSessionCustomClaims, "The custom claim %q is reserved.", k)
			}
		}
	}
	if req.Token == nil && req.JWT == nil {
		return nil, nil
	}
	sess, err := s.lookupSession(tx, req.Token, req.JWT)
	if err != nil {
		return nil, err
	}
	if sess.UserID != u.ID {
		return nil, E(ErrSessionUserMismatch, "The session belongs to a different user.")
	}
	return sess, nil
}

// Attach records a successful authentication of u with factor f: the user
// becomes active and its failure counter is cleared; when req names a
// session the factor is added to it (extending it if DurationMinutes is
// set), otherwise a new session is started only when DurationMinutes is
// set. out receives copies of the user and session. Call inside Update
// (after CheckSession if the flow changes state first), then Finish after it.
func (s *Service) Attach(tx *store.Tx, u *store.User, f store.Factor, req SessionRequest, out *Auth) error {
	sess, err := s.CheckSession(tx, u, req)
	if err != nil {
		return err
	}
	if sess == nil && req.DurationMinutes != nil {
		sess = &store.Session{ID: tx.NewID(store.KindSession), UserID: u.ID, Token: store.NewToken(),
			StartedAt: tx.Now, Factors: []store.Factor{}, CustomClaims: map[string]any{}}
		tx.AddSession(sess)
	}
	if sess != nil {
		if req.CustomClaims != nil {
			mergeClaims(&sess.CustomClaims, *req.CustomClaims)
		}
		addFactor(sess, f)
		sess.LastAccessedAt = tx.Now
		if req.DurationMinutes != nil {
			sess.ExpiresAt = tx.Now.Add(time.Duration(*req.DurationMinutes) * time.Minute)
		}
	}
	if u.Status == "pending" {
		u.Status = "active"
	}
	s.Succeed(u)
	s.fill(tx, u, sess, out)
	return nil
}

// addFactor adds f to the session, or refreshes the same factor already there.
func addFactor(sess *store.Session, f store.Factor) {
	for i, g := range sess.Factors {
		if g.Type == f.Type && g.DeliveryMethod == f.DeliveryMethod && g.DetailKey == f.DetailKey &&
			sameDetail(g.Detail, f.Detail) {
			sess.Factors[i].LastAuthenticatedAt = f.LastAuthenticatedAt
			sess.Factors[i].UpdatedAt = f.UpdatedAt
			return
		}
	}
	sess.Factors = append(sess.Factors, f)
}

func sameDetail(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// fill copies the user and session into out.
func (s *Service) fill(tx *store.Tx, u *store.User, sess *store.Session, out *Auth) {
	out.User = u.Clone()
	out.Roles = Roles(u)
	out.Now = tx.Now
	out.Session, out.SessionToken, out.SessionJWT = nil, "", ""
	if sess != nil {
		c := sess.Clone()
		out.Session = &c
		out.SessionToken = sess.Token
	}
}

// Finish signs the session JWT of out, if it has a session. Call it after
// the transaction so that signing does not hold the store lock.
func (s *Service) Finish(out *Auth) error {
	if out.Session == nil {
		return nil
	}
	tok, err := s.SignSession(out.Session, out.Roles, out.Now)
	if err != nil {
		return err
	}
	out.SessionJWT = tok
	return nil
}
