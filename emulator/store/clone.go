package store

import "slices"

// Clone returns a deep copy of u that stays valid after the transaction
// that read it ends.
func (u *User) Clone() User {
	c := *u
	c.Emails = slices.Clone(u.Emails)
	c.Phones = slices.Clone(u.Phones)
	c.TOTPs = slices.Clone(u.TOTPs)
	for i := range c.TOTPs {
		c.TOTPs[i].RecoveryCodes = slices.Clone(c.TOTPs[i].RecoveryCodes)
	}
	c.WebAuthn = slices.Clone(u.WebAuthn)
	c.Biometrics = slices.Clone(u.Biometrics)
	c.Wallets = slices.Clone(u.Wallets)
	c.Providers = slices.Clone(u.Providers)
	c.Roles = slices.Clone(u.Roles)
	c.TrustedMetadata = CloneMap(u.TrustedMetadata)
	c.UntrustedMetadata = CloneMap(u.UntrustedMetadata)
	if u.Password != nil {
		p := *u.Password
		c.Password = &p
	}
	if u.LockCreatedAt != nil {
		t := *u.LockCreatedAt
		c.LockCreatedAt = &t
	}
	if u.LockExpiresAt != nil {
		t := *u.LockExpiresAt
		c.LockExpiresAt = &t
	}
	return c
}

// Clone returns a deep copy of s.
func (s *Session) Clone() Session {
	c := *s
	c.Factors = slices.Clone(s.Factors)
	for i := range c.Factors {
		c.Factors[i].Detail = CloneMap(c.Factors[i].Detail)
	}
	c.CustomClaims = CloneMap(s.CustomClaims)
	return c
}

// CloneMap deep-copies a JSON-like map (nested maps and slices are copied,
// scalars shared); nil stays nil.
func CloneMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return CloneMap(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = cloneValue(e)
		}
		return out
	default:
		return v
	}
}
