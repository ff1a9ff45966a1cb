package flows

import (
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// userFilter compiles one search operand into a predicate. Unknown filters
// answer invalid_search_filter; values of the wrong shape
// invalid_search_filter_value.
func userFilter(op Operand) (func(*store.User) bool, error) {
	list := func(fold bool, get func(*store.User) []string) (func(*store.User) bool, error) {
		want, err := stringList(op.Name, op.Value)
		if err != nil {
			return nil, err
		}
		return anyOf(want, fold, get), nil
	}
	boolean := func(get func(*store.User) bool) (func(*store.User) bool, error) {
		b, ok := op.Value.(bool)
		if !ok {
			return nil, badFilter(op.Name, "a boolean")
		}
		return func(u *store.User) bool { return get(u) == b }, nil
	}
	fuzzy := func(get func(*store.User) []string) (func(*store.User) bool, error) {
		s, ok := op.Value.(string)
		if !ok || s == "" {
			return nil, badFilter(op.Name, "a non-empty string")
		}
		s = strings.ToLower(s)
		return func(u *store.User) bool {
			for _, have := range get(u) {
				if strings.Contains(strings.ToLower(have), s) {
					return true
				}
			}
			return false
		}, nil
	}
	emails := func(u *store.User) []string { return each(u.Emails, func(e *store.Email) string { return e.Address }) }
	phones := func(u *store.User) []string { return each(u.Phones, func(p *store.Phone) string { return p.Number }) }
	switch op.Name {
	case "user_id":
		return list(false, func(u *store.User) []string { return []string{u.ID} })
	case "external_id":
		return list(false, func(u *store.User) []string { return []string{u.ExternalID} })
	case "email_address":
		return list(true, emails)
	case "email_id":
		return list(false, func(u *store.User) []string { return each(u.Emails, func(e *store.Email) string { return e.ID }) })
	case "phone_number":
		return list(false, phones)
	case "phone_id":
		return list(false, func(u *store.User) []string { return each(u.Phones, func(p *store.Phone) string { return p.ID }) })
	case "oauth_provider":
		return list(true, func(u *store.User) []string {
			return each(u.Providers, func(p *store.Provider) string { return p.Type })
		})
	case "webauthn_registration_id":
		return list(false, func(u *store.User) []string {
			return each(u.WebAuthn, func(w *store.WebAuthnRegistration) string { return w.ID })
		})
	case "crypto_wallet_id":
		return list(false, func(u *store.User) []string {
			return each(u.Wallets, func(w *store.CryptoWallet) string { return w.ID })
		})
	case "crypto_wallet_address":
		return list(true, func(u *store.User) []string {
			return each(u.Wallets, func(w *store.CryptoWallet) string { return w.Address })
		})
	case "totp_id":
		return list(false, func(u *store.User) []string { return each(u.TOTPs, func(t *store.TOTP) string { return t.ID }) })
	case "status":
		s, ok := op.Value.(string)
		if !ok || (s != "active" && s != "pending") {
			return nil, badFilter(op.Name, `"active" or "pending"`)
		}
		return func(u *store.User) bool { return u.Status == s }, nil
	case "full_name_fuzzy":
		return fuzzy(func(u *store.User) []string {
			return []string{strings.Join(strings.Fields(u.Name.First+" "+u.Name.Middle+" "+u.Name.Last), " ")}
		})
	case "email_address_fuzzy":
		return fuzzy(emails)
	case "phone_number_fuzzy":
		return fuzzy(phones)
	case "email_verified":
		return boolean(func(u *store.User) bool {
			return anyVerified(u.Emails, func(e *store.Email) bool { return e.Verified })
		})
	case "phone_verified":
		return boolean(func(u *store.User) bool {
			return anyVerified(u.Phones, func(p *store.Phone) bool { return p.Verified })
		})
	case "webauthn_registration_verified":
		return boolean(func(u *store.User) bool {
			return anyVerified(u.WebAuthn, func(w *store.WebAuthnRegistration) bool { return w.Verified })
		})
	case "crypto_wallet_verified":
		return boolean(func(u *store.User) bool {
			return anyVerified(u.Wallets, func(w *store.CryptoWallet) bool { return w.Verified })
		})
	case "totp_verified":
		return boolean(func(u *store.User) bool { return anyVerified(u.TOTPs, func(t *store.TOTP) bool { return t.Verified }) })
	case "password_exists":
		return boolean(func(u *store.User) bool { return u.Password != nil })
	case "created_at_greater_than", "created_at_less_than":
		t, err := timeValue(op.Name, op.Value)
		if err != nil {
			return nil, err
		}
		if op.Name == "created_at_greater_than" {
			return func(u *store.User) bool { return u.CreatedAt.After(t) }, nil
		}
		return func(u *store.User) bool { return u.CreatedAt.Before(t) }, nil
	case "created_at_between":
		m, ok := op.Value.(map[string]any)
		if !ok {
			return nil, badFilter(op.Name, `{"greater_than": <time>, "less_than": <time>}`)
		}
		gt, err := timeValue(op.Name, m["greater_than"])
		if err != nil {
			return nil, err
		}
		lt, err := timeValue(op.Name, m["less_than"])
		if err != nil {
			return nil, err
		}
		return func(u *store.User) bool { return u.CreatedAt.After(gt) && u.CreatedAt.Before(lt) }, nil
	}
	return nil, BadRequest("invalid_search_filter", "Unknown search filter_name %q.", op.Name)
}
