package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// A Member's identifiers: its email addresses (changes, retired addresses,
// verified updates) and its external id.

// changeEmail gives m a new, unverified address: the old one is retired
// (or, with unlink, forgotten) and the password, bound to the old
// address, is removed.
func (s *Service) changeEmail(tx *store.Tx, o *store.Organization, m *store.Member, address string, unlink bool) error {
	if err := checkEmail(address); err != nil {
		return err
	}
	if err := emailFree(tx, o, address, m.ID); err != nil {
		return err
	}
	if !unlink {
		m.RetiredEmails = append(m.RetiredEmails, store.RetiredEmail{ID: m.EmailID, Address: m.EmailAddress})
	}
	m.RetiredEmails = slices.DeleteFunc(m.RetiredEmails, func(r store.RetiredEmail) bool { return strings.EqualFold(r.Address, address) })
	m.EmailAddress, m.EmailID, m.EmailVerified = strings.ToLower(address), tx.NewID(store.KindEmail), false
	m.Password = nil
	return nil
}

// UnlinkRetiredEmail forgets one of a Member's retired addresses, named by
// its email_id or address (at least one; both must then agree).
func (s *Service) UnlinkRetiredEmail(orgRef, memberRef string, emailID, address *string, caller B2BCaller) (*MemberResult, error) {
	return s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: "update.info.email", SelfOK: true}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			if emailID == nil && address == nil {
				return E(ErrRetiredEmailMissingEmailIdentifiers, "Pass the email_id or the email_address of the retired address.")
			}
			i := slices.IndexFunc(m.RetiredEmails, func(r store.RetiredEmail) bool {
				return (emailID == nil || r.ID == *emailID) && (address == nil || strings.EqualFold(r.Address, *address))
			})
			if i < 0 {
				return E(ErrEmailNotFound, "The Member has no such retired email address.")
			}
			m.RetiredEmails = slices.Delete(m.RetiredEmails, i, i+1)
			touchMember(tx, m)
			return nil
		})
}

// Email update delivery methods.
const (
	EmailUpdateMagicLink = "EMAIL_MAGIC_LINK"
	EmailUpdateOTP       = "EMAIL_OTP"
)

// StartEmailUpdate sends a verification to a new address of a Member
// (Organizations.Members.StartEmailUpdate): a magic link (the default),
// whose authentication makes it the Member's address, or a one-time
// passcode (EMAIL_OTP) for the email OTP authenticate call. The Member
// must be active and the address free in the Organization.
func (s *Service) StartEmailUpdate(orgRef, memberRef, address, loginURL, delivery string, caller B2BCaller) (*MemberResult, error) {
	if err := s.checkRedirects(redirectArg{loginURL, ErrInvalidLoginRedirectURL}); err != nil {
		return nil, err
	}
	return s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: "update.info.email", SelfOK: true}},
		func(tx *store.Tx, o *store.Organization, m *store.Member) error {
			if m.Status != store.MemberActive {
				return E(ErrActionAvailableOnlyForActiveMembers, "Only an active Member can change its email address.")
			}
			if err := checkEmail(address); err != nil {
				return err
			}
			if strings.EqualFold(address, m.EmailAddress) {
				return E(ErrDuplicateMemberEmail, "This is already the Member's email address.")
			}
			if err := emailFree(tx, o, address, m.ID); err != nil {
				return err
			}
			address = strings.ToLower(address)
			ttl := time.Duration(DefaultB2BLoginMinutes) * time.Minute
			switch delivery {
			case "", EmailUpdateMagicLink:
				issueEmailToken(tx, store.B2BTokenEmailUpdate, o, m, address, ttl, s.redirect(loginURL), "")
			case EmailUpdateOTP:
				issueEmailPasscode(tx, store.EmailPasscodeKey(o.ID, address), store.PasscodeEmailUpdate, o, m, address,
					DefaultB2BEmailOTPMinutes*time.Minute)
			default:
				return E(ErrBadRequest, "delivery_method must be EMAIL_MAGIC_LINK or EMAIL_OTP.")
			}
			return nil
		})
}

// DeleteMemberExternalID clears a Member's external id.
func (s *Service) DeleteMemberExternalID(orgRef, memberRef string, caller B2BCaller) (*MemberResult, error) {
	return s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: "update.info.external-id"}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			m.ExternalID = ""
			touchMember(tx, m)
			return nil
		})
}
