package flows

import (
	"github.com/google/uuid"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B impersonation: a dashboard user signs in as a Member with a
// single-use token, which the emulator mints from its control plane in
// place of the dashboard (as for Consumer users, see impersonation.go).

// MemberImpersonation is a minted B2B impersonation token.
type MemberImpersonation struct {
	Impersonation
	OrganizationID string
}

// MintMemberImpersonation issues a single-use impersonation token for a
// Member, as the Stytch dashboard does. The impersonator is identified by
// email; impersonatorID defaults to a member id derived from it.
func (s *Service) MintMemberImpersonation(orgRef, memberRef, impersonatorEmail, impersonatorID string) (*MemberImpersonation, error) {
	if err := checkEmail(impersonatorEmail); err != nil {
		return nil, err
	}
	var out MemberImpersonation
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		if impersonatorID == "" {
			impersonatorID = "member-" + s.Store.Env() + "-" + uuid.NewSHA1(uuid.NameSpaceURL, []byte("mailto:"+impersonatorEmail)).String()
		}
		out = MemberImpersonation{OrganizationID: o.ID, Impersonation: Impersonation{Token: store.NewToken(), UserID: m.ID,
			ImpersonatorID: impersonatorID, ImpersonatorEmail: impersonatorEmail, ExpiresAt: tx.Now.Add(ImpersonationTokenTTL)}}
		tx.B2BFactors.Impersonations.Put(out.Token, &store.MemberImpersonationToken{OrganizationID: o.ID, MemberID: m.ID,
			ImpersonatorID: impersonatorID, ImpersonatorEmail: impersonatorEmail, ExpiresAt: out.ExpiresAt})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AuthenticateMemberImpersonation exchanges an impersonation token for a
// session of the impersonated Member (Impersonation.Authenticate), which
// never stops for MFA. The token is single use: unknown answers 404
// impersonation_token_not_found, used or expired 401
// unable_to_auth_impersonation_token. The session lasts
// ImpersonationSessionMinutes and its factor is impersonated, naming the
// impersonator.
func (s *Service) AuthenticateMemberImpersonation(token string) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		it := tx.B2BFactors.Impersonations.Get(token)
		if it == nil {
			return E(ErrImpersonationTokenNotFound, "The impersonation token could not be found.")
		}
		o, m, err := orgAndMember(tx, it.OrganizationID, it.MemberID)
		if err != nil {
			return E(ErrImpersonationTokenNotFound, "The impersonated Member no longer exists.")
		}
		if it.Used || !tx.Now.Before(it.ExpiresAt) {
			return E(ErrUnableToAuthImpersonationToken, "The impersonation token has been used or has expired.")
		}
		it.Used = true
		f := NewFactor(tx.Now, "impersonated", "impersonation", "impersonated_factor", map[string]any{
			"impersonator_id": it.ImpersonatorID, "impersonator_email_address": it.ImpersonatorEmail})
		minutes := int32(ImpersonationSessionMinutes)
		s.putMemberSession(tx, o, m, nil, []store.Factor{f}, MemberSessionRequest{DurationMinutes: &minutes}, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}
