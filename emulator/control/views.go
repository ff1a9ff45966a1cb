package control

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Token states of a message.
const (
	tokenActive     = "active"     // the link or code can be used
	tokenUsed       = "used"       // it was used
	tokenExpired    = "expired"    // its time ran out
	tokenSuperseded = "superseded" // a newer code to the same method replaced it
	tokenGone       = "gone"       // the emulator no longer knows it (revoked, user deleted)
)

// messageView is an outbox message as the control plane lists it: the
// stored message, what the email or text would say, and the state of its
// token or code.
type messageView struct {
	store.Message
	// Subject is the subject line of an email ("" for SMS and WhatsApp).
	Subject string `json:"subject,omitempty"`
	// Text is the message body as plain text.
	Text string `json:"text"`
	// Action labels the link's button (emails with a link only).
	Action string `json:"action,omitempty"`
	// Status is active, used, expired, superseded or gone.
	Status string `json:"status"`
	// ExpiresAt is when the token or code stops working, when known.
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// messageViews returns the outbox (to one recipient when to is set),
// oldest first, with each message's rendering and token state.
func (h *Handler) messageViews(to string) []messageView {
	out := []messageView{}
	_ = h.svc.Store.View(func(tx *store.Tx) error {
		// a "+" left unencoded in ?to= arrives as a space, which no address
		// or E.164 number holds: read it as the "+" the caller meant
		for _, m := range tx.Outbox.List(strings.ReplaceAll(to, " ", "+")) {
			out = append(out, viewMessage(tx, m))
		}
		return nil
	})
	return out
}

// viewMessage renders m and looks up its token or code in tx.
func viewMessage(tx *store.Tx, m store.Message) messageView {
	v := messageView{Message: m, Status: tokenGone}
	state := func(used bool, expires time.Time) {
		v.ExpiresAt = &expires
		switch {
		case used:
			v.Status = tokenUsed
		case !tx.Now.Before(expires):
			v.Status = tokenExpired
		default:
			v.Status = tokenActive
		}
	}
	linkKind := ""
	switch m.Kind {
	case store.MessageMagicLink, store.MessageInvite, store.MessageDiscovery:
		if ml := tx.MagicLinks.Peek(m.Token); ml != nil {
			linkKind = ml.Kind
			state(ml.Used, ml.ExpiresAt)
		} else if bt := tx.B2B.Tokens.Peek(m.Token); bt != nil {
			linkKind = bt.Kind
			state(bt.Used, bt.ExpiresAt)
		}
	case store.MessagePasswordReset:
		if pr := tx.PasswordResets.Peek(m.Token); pr != nil {
			state(pr.Used, pr.ExpiresAt)
		} else if br := tx.B2BFactors.PasswordResets.Peek(m.Token); br != nil {
			state(br.Used, br.ExpiresAt)
		}
	case store.MessageOTP:
		code, used, expires, found := otpOf(tx, m)
		switch {
		case !found:
		case code != m.Code:
			v.Status = tokenSuperseded
		default:
			state(used, expires)
		}
	}
	v.Subject, v.Text, v.Action = render(m, linkKind, v.ExpiresAt, tx.Now)
	return v
}

// otpOf finds the stored passcode a one-time passcode message carried: a
// Consumer OTP by its method id, a B2B passcode (which only the latest send
// to a method keeps) by the key of its Organization's address, its
// discovery address or its Member's MFA phone.
func otpOf(tx *store.Tx, m store.Message) (code string, used bool, expires time.Time, found bool) {
	var key string
	switch {
	case m.OrganizationID != "" && m.Channel == store.ChannelSMS:
		key = store.SMSPasscodeKey(m.UserID)
	case m.OrganizationID != "":
		key = store.EmailPasscodeKey(m.OrganizationID, m.To)
	case m.UserID == "" && m.Channel == store.ChannelEmail:
		key = store.DiscoveryPasscodeKey(m.To)
	default:
		if o := tx.OTPs.Peek(m.MethodID); o != nil {
			return o.Code, o.Used, o.ExpiresAt, true
		}
		return "", false, time.Time{}, false
	}
	if p := tx.B2BFactors.Passcodes.Peek(key); p != nil {
		return p.Code, p.Used, p.ExpiresAt, true
	}
	return "", false, time.Time{}, false
}

// render writes the subject, body and button label of a message. The
// wording is the emulator's own: real Stytch emails come from the
// project's templates.
func render(m store.Message, linkKind string, expires *time.Time, now time.Time) (subject, text, action string) {
	validity := ""
	if expires != nil && expires.After(now) {
		validity = " It expires in " + humanDuration(expires.Sub(now)) + "."
	}
	switch m.Kind {
	case store.MessageMagicLink:
		if linkKind == store.LinkSignup {
			return "Finish creating your account", "Follow the link below to confirm " + m.To + " and finish signing up." + validity, "Confirm and sign up"
		}
		return "Your login link", "Follow the link below to log in as " + m.To + "." + validity, "Log in"
	case store.MessageDiscovery:
		return "Find your organizations", "Follow the link below to see the organizations " + m.To + " can join." + validity, "Continue"
	case store.MessageInvite:
		return "You have been invited", "You were invited to create an account with " + m.To + ". Follow the link below to accept." + validity, "Accept the invitation"
	case store.MessagePasswordReset:
		return "Reset your password", "Someone asked to reset the password of " + m.To + ". Follow the link below to choose a new one; ignore this email if it was not you." + validity, "Reset password"
	case store.MessageOTP:
		if m.Channel == store.ChannelEmail {
			return "Your one-time passcode", "Your one-time passcode is " + m.Code + "." + validity, ""
		}
		return "", "Your verification code is " + m.Code + "." + validity, ""
	}
	return "Message", "", ""
}

// humanDuration rounds d for a sentence: "45 seconds", "10 minutes", "7 days".
func humanDuration(d time.Duration) string {
	unit := func(n int64, name string) string {
		if n == 1 {
			return "1 " + name
		}
		return fmt.Sprintf("%d %ss", n, name)
	}
	switch {
	case d < time.Minute:
		return unit(int64(d/time.Second), "second")
	case d < time.Hour:
		return unit(int64((d+30*time.Second)/time.Minute), "minute")
	case d < 48*time.Hour:
		return unit(int64((d+30*time.Minute)/time.Hour), "hour")
	}
	return unit(int64((d+12*time.Hour)/(24*time.Hour)), "day")
}

// userView is a user as the control plane lists it: every factor, without
// password hashes, TOTP secrets or credential keys.
type userView struct {
	ID                string                        `json:"user_id"`
	ExternalID        string                        `json:"external_id,omitempty"`
	Status            string                        `json:"status"`
	Name              store.Name                    `json:"name"`
	Emails            []store.Email                 `json:"emails"`
	Phones            []store.Phone                 `json:"phones"`
	Password          *passwordView                 `json:"password"`
	TOTPs             []totpView                    `json:"totps"`
	WebAuthn          []webAuthnView                `json:"webauthn_registrations"`
	Biometrics        []store.BiometricRegistration `json:"biometric_registrations"`
	Wallets           []store.CryptoWallet          `json:"crypto_wallets"`
	Providers         []store.Provider              `json:"providers"`
	Roles             []string                      `json:"roles"`
	TrustedMetadata   map[string]any                `json:"trusted_metadata"`
	UntrustedMetadata map[string]any                `json:"untrusted_metadata"`
	CreatedAt         time.Time                     `json:"created_at"`
	LockedUntil       *time.Time                    `json:"locked_until,omitempty"`
	Sessions          int                           `json:"sessions"`
}

// passwordView says that a user has a password, never what it is.
type passwordView struct {
	ID            string `json:"password_id"`
	RequiresReset bool   `json:"requires_reset"`
	ImportedType  string `json:"imported_type,omitempty"`
}

// totpView is a TOTP without its secret.
type totpView struct {
	ID                string    `json:"totp_id"`
	Verified          bool      `json:"verified"`
	CreatedAt         time.Time `json:"created_at"`
	RecoveryCodesLeft int       `json:"recovery_codes_left"`
}

// webAuthnView is a WebAuthn registration (passkey or security key) without
// its credential.
type webAuthnView struct {
	ID                string `json:"webauthn_registration_id"`
	Name              string `json:"name,omitempty"`
	Domain            string `json:"domain"`
	AuthenticatorType string `json:"authenticator_type,omitempty"`
	UserAgent         string `json:"user_agent,omitempty"`
	Verified          bool   `json:"verified"`
}

// userViews lists every user, newest first.
func (h *Handler) userViews() []userView {
	out := []userView{}
	_ = h.svc.Store.View(func(tx *store.Tx) error {
		live := map[string]int{}
		for _, s := range tx.Sessions.All() {
			if s.Alive(tx.Now) {
				live[s.UserID]++
			}
		}
		for _, u := range tx.Users.All() {
			out = append(out, viewUser(u, tx.Now, live[u.ID]))
		}
		return nil
	})
	slices.SortFunc(out, func(a, b userView) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return out
}

func viewUser(u *store.User, now time.Time, sessions int) userView {
	c := u.Clone()
	v := userView{ID: c.ID, ExternalID: c.ExternalID, Status: c.Status, Name: c.Name, Emails: nonNil(c.Emails),
		Phones: nonNil(c.Phones), TOTPs: []totpView{}, WebAuthn: []webAuthnView{}, Biometrics: nonNil(c.Biometrics),
		Wallets: nonNil(c.Wallets), Providers: nonNil(c.Providers), Roles: nonNil(c.Roles),
		TrustedMetadata: c.TrustedMetadata, UntrustedMetadata: c.UntrustedMetadata, CreatedAt: c.CreatedAt,
		Sessions: sessions}
	if c.Password != nil {
		v.Password = &passwordView{ID: c.Password.ID, RequiresReset: c.Password.RequiresReset, ImportedType: c.Password.ImportedType}
	}
	for _, t := range c.TOTPs {
		left := 0
		for _, rc := range t.RecoveryCodes {
			if !rc.Used {
				left++
			}
		}
		v.TOTPs = append(v.TOTPs, totpView{ID: t.ID, Verified: t.Verified, CreatedAt: t.CreatedAt, RecoveryCodesLeft: left})
	}
	for _, w := range c.WebAuthn {
		v.WebAuthn = append(v.WebAuthn, webAuthnView{ID: w.ID, Name: w.Name, Domain: w.Domain,
			AuthenticatorType: w.AuthenticatorType, UserAgent: w.UserAgent, Verified: w.Verified})
	}
	if c.Locked(now) {
		v.LockedUntil = c.LockExpiresAt
	}
	return v
}

// sessionView is a live session without its token.
type sessionView struct {
	ID             string         `json:"session_id"`
	UserID         string         `json:"user_id"`
	User           string         `json:"user"` // the user's first email, phone or name
	StartedAt      time.Time      `json:"started_at"`
	LastAccessedAt time.Time      `json:"last_accessed_at"`
	ExpiresAt      time.Time      `json:"expires_at"`
	Factors        []factorView   `json:"authentication_factors"`
	IPAddress      string         `json:"ip_address,omitempty"`
	UserAgent      string         `json:"user_agent,omitempty"`
	CustomClaims   map[string]any `json:"custom_claims"`
}

// factorView is one factor of a session.
type factorView struct {
	Type                string    `json:"type"`
	DeliveryMethod      string    `json:"delivery_method"`
	LastAuthenticatedAt time.Time `json:"last_authenticated_at"`
}

// sessionViews lists the live sessions (of userID when set), newest first.
func (h *Handler) sessionViews(userID string) []sessionView {
	out := []sessionView{}
	_ = h.svc.Store.View(func(tx *store.Tx) error {
		for _, s := range tx.Sessions.All() {
			if !s.Alive(tx.Now) || userID != "" && s.UserID != userID {
				continue
			}
			v := sessionView{ID: s.ID, UserID: s.UserID, StartedAt: s.StartedAt, LastAccessedAt: s.LastAccessedAt,
				ExpiresAt: s.ExpiresAt, Factors: []factorView{}, IPAddress: s.IPAddress, UserAgent: s.UserAgent,
				CustomClaims: store.CloneMap(s.CustomClaims)}
			if u := tx.Users.Peek(s.UserID); u != nil {
				v.User = userLabel(u)
			}
			for _, f := range s.Factors {
				v.Factors = append(v.Factors, factorView{Type: f.Type, DeliveryMethod: f.DeliveryMethod,
					LastAuthenticatedAt: f.LastAuthenticatedAt})
			}
			out = append(out, v)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b sessionView) int {
		return cmp.Or(b.StartedAt.Compare(a.StartedAt), strings.Compare(a.ID, b.ID))
	})
	return out
}

// userLabel names a user for a list: first email, else first phone, else
// name, else id.
func userLabel(u *store.User) string {
	switch {
	case len(u.Emails) > 0:
		return u.Emails[0].Address
	case len(u.Phones) > 0:
		return u.Phones[0].Number
	}
	if n := strings.TrimSpace(strings.Join([]string{u.Name.First, u.Name.Last}, " ")); n != "" {
		return n
	}
	return u.ID
}

// nonNil returns s, or an empty slice for nil (JSON [] rather than null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
