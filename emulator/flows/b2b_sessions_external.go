package flows

import (
	"slices"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Member sessions from outside credentials: a Connected App access token
// (ExchangeAccessToken), a session of an external identity provider
// (Migrate) and a trusted auth token (Attest). They share the Consumer
// machinery (the emulated external IdP, trusted token profiles, issued
// access tokens) and, unlike the Organization logins, never stop for MFA:
// Stytch documents that these exchanges return a session directly.

// liveMemberAccessToken verifies a Connected App access token issued to a
// Member (sub = member_id): signature, issuer, audience, expiry, and that
// its record, its client and the Member's grant still exist.
func (s *Service) liveMemberAccessToken(tx *store.Tx, token string) (*store.IssuedToken, error) {
	invalid := E(ErrInvalidAccessToken, "The access token is invalid, expired or revoked.")
	parsed, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return &tx.Key.PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		return nil, invalid
	}
	claims, _ := parsed.Claims.(jwt.MapClaims)
	iss, _ := claims.GetIssuer()
	aud, _ := claims.GetAudience()
	exp, _ := claims.GetExpirationTime()
	jti, _ := claims["jti"].(string)
	if iss != s.Issuer() || !slices.Contains(aud, s.ProjectID) || exp == nil || !tx.Now.Before(exp.Time) {
		return nil, invalid
	}
	rec := tx.IDP.Tokens.Get(jti)
	if rec == nil || !tx.Now.Before(rec.ExpiresAt) || tx.ConnectedApps.Clients.Peek(rec.ClientID) == nil ||
		tx.ConnectedApps.Grants.Peek(store.GrantKey(rec.UserID, rec.ClientID)) == nil {
		return nil, invalid
	}
	if m := tx.B2B.Members.Peek(rec.UserID); m == nil || m.Status == store.MemberDeleted {
		return nil, invalid
	}
	return rec, nil
}

// ExchangeMemberAccessToken turns a live Connected App access token with
// the full_access scope, issued to a Member, into a session of that Member
// (Sessions.ExchangeAccessToken); the factor is oauth /
// oauth_access_token_exchange {client_id}. 401 invalid_access_token for an
// unknown, expired or revoked token, 403 missing_full_access_scope.
func (s *Service) ExchangeMemberAccessToken(token string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		rec, err := s.liveMemberAccessToken(tx, token)
		if err != nil {
			return err
		}
		if !slices.Contains(rec.Scopes, FullAccessScope) {
			return E(ErrMissingFullAccessScope, "The access token must be granted the full_access scope.")
		}
		m := tx.B2B.Members.Get(rec.UserID)
		o := tx.B2B.Organizations.Get(m.OrganizationID)
		f := NewFactor(tx.Now, "oauth", "oauth_access_token_exchange", "oauth_access_token_exchange_factor",
			map[string]any{"client_id": rec.ClientID})
		s.putMemberSession(tx, o, m, nil, []store.Factor{f}, req, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// MigrateMemberSession implements Sessions.Migrate: the external
// provider's UserInfo (the emulated one) names an email address, which must
// belong to a Member of the Organization (404 member_not_found; Stytch
// documents that the Member must exist first). The session gets an
// imported factor.
func (s *Service) MigrateMemberSession(accessToken, orgRef string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		it, err := externalToken(tx, accessToken)
		if err != nil {
			return E(ErrUnableToAuthExternalSession,
				"The external identity provider's UserInfo endpoint rejected the session_token (unknown or expired).")
		}
		m := tx.B2B.MemberByEmail(o.ID, it.Email)
		if m == nil {
			return E(ErrMemberNotFound,
				"No Member of the Organization has the email address the external identity provider returned; create the Member first.")
		}
		if m.Locked(tx.Now) {
			return ErrUserLocked()
		}
		activate(tx, m)
		s.putMemberSession(tx, o, m, nil, []store.Factor{NewFactor(tx.Now, MigratedFactorType, MigratedDeliveryMethod, "", nil)}, req, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// activate makes a pending or invited Member active.
func activate(tx *store.Tx, m *store.Member) {
	if m.Status == store.MemberPending || m.Status == store.MemberInvited {
		m.Status = store.MemberActive
		touchMember(tx, m)
	}
}

// AttestMemberSession implements Sessions.Attest: a JWT from a trusted
// token profile's issuer (verified as for Consumer sessions) names a
// Member of the Organization by its email claim; the profile's JIT setting
// lets it create the Member. With a session token or JWT the factor is
// added to that session (whose Organization is then the one), otherwise
// organization_id names the Organization.
func (s *Service) AttestMemberSession(profileID, token string, orgRef *string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		pp := tx.External.TrustedProfiles.Get(profileID)
		if pp == nil {
			return E(ErrTrustedAuthTokenProfileNotFound, "The trusted auth token profile could not be found.")
		}
		claims, err := verifyTrusted(*pp, token, tx.Now)
		if err != nil {
			return err
		}
		email, _ := claims[pp.EmailClaim].(string)
		if checkEmail(email) != nil {
			return E(ErrInvalidTrustedAuthTokenClaims,
				"The token has no valid email address in the %q claim (the profile's email mapping).", pp.EmailClaim)
		}
		tokenID, _ := claims[pp.TokenIDClaim].(string)
		if tokenID == "" {
			tokenID = tx.NewID("trusted-auth-token")
		}
		var sess *store.MemberSession
		if req.Token != nil || req.JWT != nil {
			if sess, err = s.lookupMemberSession(tx, req.Token, req.JWT); err != nil {
				return err
			}
			ref := sess.OrganizationID
			orgRef = &ref
		}
		if orgRef == nil {
			return E(ErrBadRequest, "Pass organization_id, or the session to add the factor to.")
		}
		o, err := b2bOrg(tx, *orgRef)
		if err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, email)
		if m == nil {
			if !pp.AllowJITProvisioning {
				return E(ErrMemberNotFound,
					"No Member of the Organization has this email address and the trusted auth token profile does not allow JIT provisioning.")
			}
			if m, err = s.newMember(tx, o, email, store.MemberActive); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		if sess != nil && sess.MemberID != m.ID {
			return E(ErrSessionMemberMismatch, "The session belongs to another Member.")
		}
		if m.Locked(tx.Now) {
			return ErrUserLocked()
		}
		activate(tx, m)
		f := NewFactor(tx.Now, TrustedFactorType, TrustedDeliveryMethod, "trusted_auth_token_factor", map[string]any{"token_id": tokenID})
		s.putMemberSession(tx, o, m, sess, []store.Factor{f}, req, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}
