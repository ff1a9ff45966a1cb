package store

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
)

// Index names of the user search (UserFilter.Index).
const (
	IndexUserID        = "user_id"
	IndexExternalID    = "external_id"
	IndexEmail         = "email"          // lower-cased address
	IndexPhone         = "phone"          // E.164 number
	IndexFactorID      = "factor_id"      // any factor id (email_id, phone_id, totp, ...)
	IndexWalletAddress = "wallet_address" // lower-cased address
	IndexProviderType  = "provider_type"  // lower-cased OAuth provider type
)

// userIndexes are the secondary indexes of the Users table.
type userIndexes struct {
	email, phone, externalID, factorID, walletAddress, providerType, provider, credential *hashIndex[User]
	counts                                                                                *countIndex[User]
	order                                                                                 *orderIndex[User]
}

func newUserIndexes() userIndexes {
	one := func(f func(u *User) string) func(u *User) []string {
		return func(u *User) []string {
			if k := f(u); k != "" {
				return []string{k}
			}
			return nil
		}
	}
	return userIndexes{
		email: newHashIndex(func(u *User) []string {
			return distinct(len(u.Emails), func(i int) string { return strings.ToLower(u.Emails[i].Address) })
		}),
		phone: newHashIndex(func(u *User) []string {
			return distinct(len(u.Phones), func(i int) string { return u.Phones[i].Number })
		}),
		externalID: newHashIndex(one(func(u *User) string { return u.ExternalID })),
		factorID:   newHashIndex(factorIDs),
		walletAddress: newHashIndex(func(u *User) []string {
			return distinct(len(u.Wallets), func(i int) string { return strings.ToLower(u.Wallets[i].Address) })
		}),
		providerType: newHashIndex(func(u *User) []string {
			return distinct(len(u.Providers), func(i int) string { return strings.ToLower(u.Providers[i].Type) })
		}),
		provider: newHashIndex(func(u *User) []string {
			return distinct(len(u.Providers), func(i int) string { return providerKey(u.Providers[i].Type, u.Providers[i].Subject) })
		}),
		credential: newHashIndex(func(u *User) []string {
			return distinct(len(u.WebAuthn), func(i int) string {
				return base64.RawURLEncoding.EncodeToString(u.WebAuthn[i].CredentialID)
			})
		}),
		counts: newCountIndex(userCountKeys),
		order:  newOrderIndex(UserOrderKey),
	}
}

func (x userIndexes) list() []index[User] {
	return []index[User]{x.email, x.phone, x.externalID, x.factorID, x.walletAddress, x.providerType, x.provider,
		x.credential, x.counts, x.order}
}

// byName returns the hash index a UserFilter names.
func (x userIndexes) byName(name string) *hashIndex[User] {
	switch name {
	case IndexExternalID:
		return x.externalID
	case IndexEmail:
		return x.email
	case IndexPhone:
		return x.phone
	case IndexFactorID:
		return x.factorID
	case IndexWalletAddress:
		return x.walletAddress
	case IndexProviderType:
		return x.providerType
	}
	return nil
}

func providerKey(typ, subject string) string { return typ + "\x00" + subject }

// distinct returns the non-empty values f(0..n-1), sorted, without
// duplicates.
func distinct(n int, f func(i int) string) []string {
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := range n {
		if v := f(i); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func factorIDs(u *User) []string {
	var ids []string
	for i := range u.Emails {
		ids = append(ids, u.Emails[i].ID)
	}
	for i := range u.Phones {
		ids = append(ids, u.Phones[i].ID)
	}
	for i := range u.TOTPs {
		ids = append(ids, u.TOTPs[i].ID)
	}
	for i := range u.WebAuthn {
		ids = append(ids, u.WebAuthn[i].ID)
	}
	for i := range u.Biometrics {
		ids = append(ids, u.Biometrics[i].ID)
	}
	for i := range u.Wallets {
		ids = append(ids, u.Wallets[i].ID)
	}
	for i := range u.Providers {
		ids = append(ids, u.Providers[i].ID)
	}
	if u.Password != nil {
		ids = append(ids, u.Password.ID)
	}
	return distinct(len(ids), func(i int) string { return ids[i] })
}

// Count keys of the user search: how many users have each status and
// each verified flag, so that a search on one of them alone knows its
// total without a scan. UserCountKey builds them.
func userCountKeys(u *User) []string {
	anyOf := func(n int, f func(i int) bool) bool {
		for i := range n {
			if f(i) {
				return true
			}
		}
		return false
	}
	return []string{
		UserCountKey("status", u.Status),
		UserCountKey("email_verified", strconv.FormatBool(anyOf(len(u.Emails), func(i int) bool { return u.Emails[i].Verified }))),
		UserCountKey("phone_verified", strconv.FormatBool(anyOf(len(u.Phones), func(i int) bool { return u.Phones[i].Verified }))),
		UserCountKey("webauthn_registration_verified", strconv.FormatBool(anyOf(len(u.WebAuthn), func(i int) bool { return u.WebAuthn[i].Verified }))),
		UserCountKey("crypto_wallet_verified", strconv.FormatBool(anyOf(len(u.Wallets), func(i int) bool { return u.Wallets[i].Verified }))),
		UserCountKey("totp_verified", strconv.FormatBool(anyOf(len(u.TOTPs), func(i int) bool { return u.TOTPs[i].Verified }))),
		UserCountKey("password_exists", strconv.FormatBool(u.Password != nil)),
	}
}

// UserCountKey is the count key of a search filter on a status or flag
// (filter status, value active; filter email_verified, value true; ...).
func UserCountKey(filter, value string) string { return filter + "=" + value }

// UserOrderKey is the sort key of a user in searches: created_at (UTC,
// fixed width, so that byte order is time order).
func UserOrderKey(u *User) string {
	return u.CreatedAt.UTC().Format("2006-01-02T15:04:05.000000000Z")
}
