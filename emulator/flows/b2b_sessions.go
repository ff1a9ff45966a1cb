package flows

import (
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Member sessions: the session JWT, lookups by token or JWT, and the
// Sessions operations that need no other flow (Authenticate, Get, Revoke).

// DefaultMemberSessionMinutes is the lifetime of a member session created
// without session_duration_minutes (Stytch's documented default).
const DefaultMemberSessionMinutes = 60

// OrganizationClaimKey is the claim of a member session JWT that names its
// Organization: {"organization_id": ..., "slug": ...}. The session itself
// is under SessionClaimKey, shaped as a Consumer session's, which is what
// the official SDKs parse.
const OrganizationClaimKey = "https://stytch.com/organization"

// MemberSessionRequest is the session part of a B2B authenticate request:
// a new session lasts DurationMinutes (60 when nil); an existing session
// named by Token or JWT gets the new factor instead (and is extended only
// when DurationMinutes is set). IntermediateToken names the intermediate
// session of an earlier step whose factors count towards this login.
type MemberSessionRequest struct {
	DurationMinutes   *int32
	Token, JWT        *string
	CustomClaims      *map[string]any
	IntermediateToken *string
}

// B2BAuth is the result of a B2B authentication: a session
// (Authenticated), or an intermediate session token with what is still
// missing (MFARequired, PrimaryRequired).
type B2BAuth struct {
	Org    OrgView
	Member MemberView
	// Session is a copy of the session; nil when none was created.
	Session                  *store.MemberSession
	SessionToken, SessionJWT string
	// Roles are the session's Role ids.
	Roles         []string
	MethodID      string
	MemberCreated bool
	// Authenticated is true when a session was created or extended.
	Authenticated bool
	// IntermediateToken is set when a step is still pending.
	IntermediateToken     string
	IntermediateExpiresAt *time.Time
	MFARequired           *MFARequired
	PrimaryRequired       *PrimaryRequired
	Now                   time.Time
}

// MFARequired is what a Member still has to do for MFA.
type MFARequired struct {
	// HasOptions is false when the Member has set up no MFA method.
	HasOptions                      bool
	PhoneNumber, TOTPRegistrationID string
	// SecondaryAuthInitiated is "sms_otp" when a passcode was sent.
	SecondaryAuthInitiated string
}

// PrimaryRequired lists the primary methods of which one is still needed.
type PrimaryRequired struct {
	AllowedAuthMethods []string
}

// lookupMemberSession finds the live member session named by a token or a
// JWT (exactly one).
func (s *Service) lookupMemberSession(tx *store.Tx, token, jwtStr *string) (*store.MemberSession, error) {
	switch {
	case token != nil && jwtStr != nil:
		return nil, E(ErrTooManySessionArguments, "Pass either a session token or a session JWT, not both.")
	case token != nil:
		if sess := tx.B2B.SessionByToken(*token); sess != nil && sess.Alive(tx.Now) {
			return sess, nil
		}
		return nil, ErrSessionNotFound.New()
	case jwtStr != nil:
		id, err := s.sessionIDFromJWT(tx.Key, *jwtStr)
		if err != nil {
			return nil, err
		}
		if sess := tx.B2B.Sessions.Get(id); sess != nil && sess.Alive(tx.Now) {
			return sess, nil
		}
		return nil, ErrSessionNotFound.New()
	}
	return nil, E(ErrNoSessionArguments, "Pass a session token or a session JWT.")
}

// SignMemberSession mints a member session JWT at now: sub = member_id,
// iss, aud, iat/nbf/exp (five minutes), the session claim (id, times,
// attributes, authentication factors, roles), the organization claim
// (organization_id, slug) and the custom claims at top level; RS256 with
// the Consumer sessions' key and kid.
func (s *Service) SignMemberSession(sess *store.MemberSession, slug string, roles []string, now time.Time) (string, error) {
	claims := sessionClaims(sessionClaimsInput{sub: sess.MemberID, id: sess.ID, started: sess.StartedAt, accessed: sess.LastAccessedAt,
		expires: sess.ExpiresAt, factors: sess.Factors, custom: sess.CustomClaims, roles: roles}, s.Issuer(), s.ProjectID, now)
	claims[OrganizationClaimKey] = map[string]any{"organization_id": sess.OrganizationID, "slug": slug}
	return s.signClaims(claims)
}

// signClaims signs claims RS256 with the session key, reusing the
// signature of an identical signing input (see sigCache).
func (s *Service) signClaims(claims jwt.MapClaims) (string, error) {
	key, kid := s.Store.SigningKey()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	input, err := tok.SigningString()
	if err != nil {
		return "", err
	}
	if sig, ok := s.sigs.get(input); ok {
		return input + "." + sig, nil
	}
	raw, err := jwt.SigningMethodRS256.Sign(input, key)
	if err != nil {
		return "", err
	}
	sig := tok.EncodeSegment(raw)
	s.sigs.put(input, sig)
	return input + "." + sig, nil
}

// checkMemberSessionArgs validates the duration and custom claims of a
// session request without touching state.
func checkMemberSessionArgs(req MemberSessionRequest) error {
	if err := checkDuration(req.DurationMinutes); err != nil {
		return err
	}
	if req.CustomClaims != nil {
		for k := range *req.CustomClaims {
			if reservedClaim(k) {
				return E(ErrInvalidSessionCustomClaims, "The custom claim %q is reserved.", k)
			}
		}
	}
	return nil
}

// putMemberSession adds factors to sess (a new session when nil) for m in
// o, merges the custom claims and sets its expiry, and fills out.
func (s *Service) putMemberSession(tx *store.Tx, o *store.Organization, m *store.Member, sess *store.MemberSession,
	factors []store.Factor, req MemberSessionRequest, out *B2BAuth) {
	minutes := req.DurationMinutes
	if sess == nil {
		sess = &store.MemberSession{ID: tx.NewID(KindMemberSession), MemberID: m.ID, OrganizationID: o.ID,
			Token: store.NewToken(), StartedAt: tx.Now, Factors: []store.Factor{}, CustomClaims: map[string]any{}}
		tx.B2B.Sessions.Put(sess.ID, sess)
		if minutes == nil {
			d := int32(DefaultMemberSessionMinutes)
			minutes = &d
		}
	}
	for _, f := range factors {
		addMemberFactor(sess, f)
	}
	if req.CustomClaims != nil {
		mergeClaims(&sess.CustomClaims, *req.CustomClaims)
	}
	sess.LastAccessedAt = tx.Now
	if minutes != nil {
		sess.ExpiresAt = tx.Now.Add(time.Duration(*minutes) * time.Minute)
	}
	s.fillMemberSession(tx, o, m, sess, out)
}

// addMemberFactor adds f to the session, or refreshes the same factor.
func addMemberFactor(sess *store.MemberSession, f store.Factor) {
	for i, g := range sess.Factors {
		if g.Type == f.Type && g.DeliveryMethod == f.DeliveryMethod && g.DetailKey == f.DetailKey && sameDetail(g.Detail, f.Detail) {
			sess.Factors[i].LastAuthenticatedAt = f.LastAuthenticatedAt
			sess.Factors[i].UpdatedAt = f.UpdatedAt
			return
		}
	}
	sess.Factors = append(sess.Factors, f)
}

// fillMemberSession copies the Organization, Member and session into out
// as an authenticated result.
func (s *Service) fillMemberSession(tx *store.Tx, o *store.Organization, m *store.Member, sess *store.MemberSession, out *B2BAuth) {
	out.Org = s.orgView(tx, o)
	out.Member = s.memberView(tx, o, m)
	out.Roles = sessionRoles(tx, o, m, sess)
	out.Now = tx.Now
	out.Session = store.DeepCopy(sess)
	out.SessionToken = sess.Token
	out.Authenticated = true
	out.IntermediateToken, out.IntermediateExpiresAt, out.MFARequired, out.PrimaryRequired = "", nil, nil, nil
}

// finishB2B signs the session JWT of out, if it has a session. Call it
// after the transaction so that signing does not hold the store lock.
func (s *Service) finishB2B(out *B2BAuth) error {
	if out.Session == nil {
		return nil
	}
	tok, err := s.SignMemberSession(out.Session, out.Org.Slug, out.Roles, out.Now)
	if err != nil {
		return err
	}
	out.SessionJWT = tok
	return nil
}

// B2BAuthzCheck is the authorization_check of Sessions.Authenticate.
type B2BAuthzCheck struct {
	OrganizationID, ResourceID, Action string
}

// MemberSessionAuth is the result of AuthenticateMemberSession.
type MemberSessionAuth struct {
	B2BAuth
	Verdict *Verdict
}

// AuthenticateMemberSession checks a member session token or JWT
// (Sessions.Authenticate). The session must be alive; an expired JWT of a
// live session is fine (a fresh one is minted). session_duration_minutes
// extends it from now; custom claims are merged (null deletes). With an
// authorization check, the Organization must be the session's (403
// session_authorization_tenancy_error) and a Role of the session must grant
// the action on the resource (403 session_authorization_error); the verdict
// lists the granting Roles.
func (s *Service) AuthenticateMemberSession(token, jwtStr *string, minutes *int32, claims *map[string]any, check *B2BAuthzCheck) (*MemberSessionAuth, error) {
	var out MemberSessionAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(MemberSessionRequest{DurationMinutes: minutes, CustomClaims: claims}); err != nil {
			return err
		}
		sess, err := s.lookupMemberSession(tx, token, jwtStr)
		if err != nil {
			return err
		}
		o, m := tx.B2B.Organizations.Get(sess.OrganizationID), tx.B2B.Members.Get(sess.MemberID)
		if o == nil || m == nil || m.Status == store.MemberDeleted {
			return ErrSessionNotFound.New()
		}
		if check != nil {
			if target := tx.B2B.Organization(check.OrganizationID); target == nil || target.ID != o.ID {
				return ErrSessionTenancy()
			}
			roles := sessionRoles(tx, o, m, sess)
			granting := grantingRoles(orgPolicy(tx, o), roles, check.ResourceID, check.Action)
			if len(granting) == 0 {
				return ErrSessionAuthorization()
			}
			out.Verdict = &Verdict{Authorized: true, GrantingRoles: granting}
		}
		s.putMemberSession(tx, o, m, sess, nil, MemberSessionRequest{DurationMinutes: minutes, CustomClaims: claims}, &out.B2BAuth)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out.B2BAuth)
}

// MemberSessionList is the answer of Sessions.Get: the Member's live
// sessions, each with the Roles it carries, and the Organization's slug.
type MemberSessionList struct {
	Sessions []SessionRoles
	Slug     string
}

// SessionRoles is a member session and its Role ids.
type SessionRoles struct {
	Session store.MemberSession
	Roles   []string
}

// MemberSessions lists the live sessions of a Member (Sessions.Get).
func (s *Service) MemberSessions(orgRef, memberRef string) (*MemberSessionList, error) {
	var out MemberSessionList
	err := s.Store.View(func(tx *store.Tx) error {
		o, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		out.Slug, out.Sessions = o.Slug, []SessionRoles{}
		for _, sess := range tx.B2B.MemberSessions(m.ID, tx.Now) {
			out.Sessions = append(out.Sessions, SessionRoles{Session: *store.DeepCopy(sess), Roles: sessionRoles(tx, o, m, sess)})
		}
		return nil
	})
	return &out, err
}

// RevokeMemberSessions ends one session (by id, token or JWT) or every
// session of a Member (by member_id): exactly one of the four
// (Sessions.Revoke). With a member session header, revoking another
// Member's sessions needs revoke-sessions on stytch.member, revoking one's
// own that action on stytch.self or stytch.member, and the target must be
// in the caller's Organization.
func (s *Service) RevokeMemberSessions(sessionID, token, jwtStr, memberID *string, caller B2BCaller) error {
	return s.Store.Update(func(tx *store.Tx) error {
		n := 0
		for _, p := range []*string{sessionID, token, jwtStr, memberID} {
			if p != nil {
				n++
			}
		}
		switch {
		case n == 0:
			return E(ErrNoSessionRevokeArguments, "Pass one of member_session_id, session_token, session_jwt and member_id.")
		case n > 1:
			return E(ErrTooManySessionRevokeArguments, "Pass only one of member_session_id, session_token, session_jwt and member_id.")
		}
		if memberID != nil {
			m := tx.B2B.Members.Get(*memberID)
			if m == nil {
				return ErrMemberNotFound.New()
			}
			if _, err := s.AuthorizeMemberCall(tx, caller, m.OrganizationID, m.ID,
				RBACNeed{Resource: ResourceMember, Action: "revoke-sessions", SelfOK: true}); err != nil {
				return err
			}
			tx.B2B.RevokeMemberSessions(m.ID)
			return nil
		}
		var sess *store.MemberSession
		switch {
		case sessionID != nil:
			sess = tx.B2B.Sessions.Get(*sessionID)
		case token != nil:
			sess = tx.B2B.SessionByToken(*token)
		default:
			id, err := s.sessionIDFromJWT(tx.Key, *jwtStr)
			if err != nil {
				return err
			}
			sess = tx.B2B.Sessions.Get(id)
		}
		if sess == nil {
			return ErrSessionNotFound.New()
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, sess.OrganizationID, sess.MemberID,
			RBACNeed{Resource: ResourceMember, Action: "revoke-sessions", SelfOK: true}); err != nil {
			return err
		}
		tx.B2B.Sessions.Delete(sess.ID)
		return nil
	})
}

// factorsOf returns copies of the factors of the sessions given.
func factorsOf(lists ...[]store.Factor) []store.Factor {
	var out []store.Factor
	for _, l := range lists {
		for _, f := range l {
			out = append(out, f)
			out[len(out)-1].Detail = store.CloneMap(f.Detail)
		}
	}
	return slices.Clip(out)
}
