package flows

import (
	"strconv"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// userFilter compiles one search operand into a store filter: a predicate
// and, for filters on ids, addresses, numbers and providers, the index that
// names the users who can match (for status and verified flags, the count
// that gives the total). Unknown filters answer invalid_search_filter;
// values of the wrong shape invalid_search_filter_value.
func userFilter(op Operand) (store.UserFilter, error) {
	pred := func(f func(*store.User) bool) (store.UserFilter, error) { return store.UserFilter{Match: f}, nil }
	list := func(index string, fold bool, get func(*store.User) []string) (store.UserFilter, error) {
		want, err := stringList(op.Name, op.Value)
		if err != nil {
			return store.UserFilter{}, err
		}
		return store.UserFilter{Match: anyOf(want, fold, get), Index: index, Keys: want}, nil
	}
	boolean := func(get func(*store.User) bool) (store.UserFilter, error) {
		b, ok := op.Value.(bool)
		if !ok {
			return store.UserFilter{}, badFilter(op.Name, "a boolean")
		}
		return store.UserFilter{Match: func(u *store.User) bool { return get(u) == b },
			Count: store.UserCountKey(op.Name, strconv.FormatBool(b))}, nil
	}
	fuzzy := func(get func(*store.User) []string) (store.UserFilter, error) {
		s, ok := op.Value.(string)
		if !ok || s == "" {
			return store.UserFilter{}, badFilter(op.Name, "a non-empty string")
		}
		s = strings.ToLower(s)
		return pred(func(u *store.User) bool {
			for _, have := range get(u) {
				if strings.Contains(strings.ToLower(have), s) {
					return true
				}
			}
			return false
		})
	}
	emails := func(u *store.User) []string { return each(u.Emails, func(e *store.Email) string { return e.Address }) }
	phones := func(u *store.User) []string { return each(u.Phones, func(p *store.Phone) string { return p.Number }) }
	switch op.Name {
	case "user_id":
		return list(store.IndexUserID, false, func(u *store.User) []string { return []string{u.ID} })
	case "external_id":
		return list(store.IndexExternalID, false, func(u *store.User) []string { return []string{u.ExternalID} })
	case "email_address":
		return list(store.IndexEmail, true, emails)
	case "email_id":
		return list(store.IndexFactorID, false, func(u *store.User) []string { return each(u.Emails, func(e *store.Email) string { return e.ID }) })
	case "phone_number":
		return list(store.IndexPhone, false, phones)
	case "phone_id":
		return list(store.IndexFactorID, false, func(u *store.User) []string { return each(u.Phones, func(p *store.Phone) string { return p.ID }) })
	case "oauth_provider":
		return list(store.IndexProviderType, true, func(u *store.User) []string {
			return each(u.Providers, func(p *store.Provider) string { return p.Type })
		})
	case "webauthn_registration_id":
		return list(store.IndexFactorID, false, func(u *store.User) []string {
			return each(u.WebAuthn, func(w *store.WebAuthnRegistration) string { return w.ID })
		})
	case "crypto_wallet_id":
		return list(store.IndexFactorID, false, func(u *store.User) []string {
			return each(u.Wallets, func(w *store.CryptoWallet) string { return w.ID })
		})
	case "crypto_wallet_address":
		return list(store.IndexWalletAddress, true, func(u *store.User) []string {
			return each(u.Wallets, func(w *store.CryptoWallet) string { return w.Address })
		})
	case "totp_id":
		return list(store.IndexFactorID, false, func(u *store.User) []string { return each(u.TOTPs, func(t *store.TOTP) string { return t.ID }) })
	case "status":
		s, ok := op.Value.(string)
		if !ok || (s != "active" && s != "pending") {
			return store.UserFilter{}, badFilter(op.Name, `"active" or "pending"`)
		}
		return store.UserFilter{Match: func(u *store.User) bool { return u.Status == s }, Count: store.UserCountKey("status", s)}, nil
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
			return store.UserFilter{}, err
		}
		if op.Name == "created_at_greater_than" {
			return pred(func(u *store.User) bool { return u.CreatedAt.After(t) })
		}
		return pred(func(u *store.User) bool { return u.CreatedAt.Before(t) })
	case "created_at_between":
		m, ok := op.Value.(map[string]any)
		if !ok {
			return store.UserFilter{}, badFilter(op.Name, `{"greater_than": <time>, "less_than": <time>}`)
		}
		gt, err := timeValue(op.Name, m["greater_than"])
		if err != nil {
			return store.UserFilter{}, err
		}
		lt, err := timeValue(op.Name, m["less_than"])
		if err != nil {
			return store.UserFilter{}, err
		}
		return pred(func(u *store.User) bool { return u.CreatedAt.After(gt) && u.CreatedAt.Before(lt) })
	}
	return store.UserFilter{}, E(ErrInvalidSearchFilter, "Unknown search filter_name %q.", op.Name)
}
