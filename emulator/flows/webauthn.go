package flows

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// WebAuthnCeremonyTTL is how long a register/start or authenticate/start
// challenge stays usable (also the timeout sent in the options).
const WebAuthnCeremonyTTL = 5 * time.Minute

// WebAuthnStartInput is a register/start or authenticate/start request.
type WebAuthnStartInput struct {
	UserID, Domain, UserAgent, AuthenticatorType string
	// Passkey asks for passkey-optimised options (resident key required,
	// user verification preferred); Base64URL keeps binary fields base64url
	// instead of standard base64.
	Passkey, Base64URL                            bool
	OverrideID, OverrideName, OverrideDisplayName string
}

// waUser adapts a user (and the credentials of one domain) to the verifier.
type waUser struct {
	id            []byte
	name, display string
	creds         []webauthn.Credential
}

func (u *waUser) WebAuthnID() []byte                         { return u.id }
func (u *waUser) WebAuthnName() string                       { return u.name }
func (u *waUser) WebAuthnDisplayName() string                { return u.display }
func (u *waUser) WebAuthnCredentials() []webauthn.Credential { return u.creds }

// StartWebAuthnRegistration returns the PublicKeyCredentialCreationOptions
// (JSON) for navigator.credentials.create (WebAuthnRegisterStart) and the
// user_id.
func (s *Service) StartWebAuthnRegistration(in WebAuthnStartInput) (string, string, error) {
	var opts []byte
	var uid string
	err := s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(in.UserID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		uid = u.ID
		wu := &waUser{id: []byte(u.ID), name: accountName(u), creds: domainCredentials(u, in.Domain)}
		if in.OverrideID != "" {
			wu.id = []byte(in.OverrideID)
		}
		wu.name = cmpOr(in.OverrideName, wu.name)
		wu.display = cmpOr(in.OverrideDisplayName, wu.name)
		rp, err := relyingParty(in.Domain, "")
		if err != nil {
			return err
		}
		sel := protocol.AuthenticatorSelection{AuthenticatorAttachment: protocol.AuthenticatorAttachment(in.AuthenticatorType),
			ResidentKey: protocol.ResidentKeyRequirementDiscouraged, UserVerification: protocol.VerificationDiscouraged}
		if in.Passkey {
			sel.ResidentKey, sel.RequireResidentKey, sel.UserVerification = protocol.ResidentKeyRequirementRequired,
				protocol.ResidentKeyRequired(), protocol.VerificationPreferred
		}
		creation, sd, err := rp.BeginRegistration(wu, webauthn.WithAuthenticatorSelection(sel),
			webauthn.WithExclusions(webauthn.Credentials(wu.creds).CredentialDescriptors()),
			webauthn.WithConveyancePreference(protocol.PreferNoAttestation))
		if err != nil {
			return E(ErrInvalidWebAuthnOptions, "Cannot build creation options: %s", detailOf(err))
		}
		if opts, err = optionsJSON(creation.Response, in.Base64URL); err != nil {
			return err
		}
		return saveCeremony(tx, store.CeremonyRegister, u.ID, in, sd)
	})
	return string(opts), uid, err
}

// RegisterWebAuthn verifies the attestation of navigator.credentials.create
// against its pending challenge and stores the credential as a verified
// WebAuthnRegistration of the user (WebAuthnRegister). out.MethodID is the
// webauthn_registration_id.
func (s *Service) RegisterWebAuthn(userID, credential string, req SessionRequest) (*Auth, error) {
	parsed, err := protocol.ParseCredentialCreationResponseBytes([]byte(credential))
	if err != nil {
		return nil, badCredential(err)
	}
	var out Auth
	err = s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		ch, sd, err := takeCeremony(tx, parsed.Response.CollectedClientData.Challenge, store.CeremonyRegister)
		if err != nil || ch.UserID != u.ID {
			return E(ErrInvalidPublicKeyCredential, "There is no pending registration of this user for the credential's challenge.")
		}
		if _, reg := registrationByCredential(tx, parsed.RawID); reg != nil {
			return E(ErrDuplicateWebAuthnRegistration, "This credential is already registered.")
		}
		rp, err := relyingParty(ch.Domain, parsed.Response.CollectedClientData.Origin)
		if err != nil {
			return err
		}
		wu := &waUser{id: sd.UserID, creds: domainCredentials(u, ch.Domain)}
		cred, err := rp.CreateCredential(wu, *sd, parsed)
		if err != nil {
			return badCredential(err)
		}
		rec, err := json.Marshal(cred)
		if err != nil {
			return err
		}
		reg := store.WebAuthnRegistration{ID: tx.NewID(store.KindWebAuthn), Domain: ch.Domain, UserAgent: ch.UserAgent,
			Verified: true, AuthenticatorType: ch.AuthenticatorType, CredentialID: cred.ID, PublicKey: cred.PublicKey,
			SignCount: cred.Authenticator.SignCount, UserHandle: sd.UserID, Credential: rec, CreatedAt: tx.Now}
		out.MethodID = reg.ID
		return s.attachThen(tx, u, webauthnFactor(tx.Now, &reg), req, &out, func() { u.WebAuthn = append(u.WebAuthn, reg) })
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// StartWebAuthnAuthentication returns the PublicKeyCredentialRequestOptions
// (JSON) for navigator.credentials.get (WebAuthnAuthenticateStart). With a
// user, its credentials for the domain are allowed (404
// webauthn_registration_not_found when it has none); without, any
// discoverable credential may answer. It returns the user_id ("" without).
func (s *Service) StartWebAuthnAuthentication(in WebAuthnStartInput) (string, string, error) {
	var opts []byte
	var uid string
	err := s.Store.Update(func(tx *store.Tx) error {
		rp, err := relyingParty(in.Domain, "")
		if err != nil {
			return err
		}
		uv := webauthn.WithUserVerification(protocol.VerificationDiscouraged)
		if in.Passkey {
			uv = webauthn.WithUserVerification(protocol.VerificationPreferred)
		}
		var assertion *protocol.CredentialAssertion
		var sd *webauthn.SessionData
		if in.UserID == "" {
			assertion, sd, err = rp.BeginDiscoverableLogin(uv)
		} else {
			u := tx.User(in.UserID)
			if u == nil {
				return ErrUserNotFound.New()
			}
			wu := &waUser{id: []byte(u.ID), creds: domainCredentials(u, in.Domain)}
			if len(wu.creds) == 0 {
				return E(ErrWebAuthnRegistrationNotFound, "The user has no WebAuthn registration for %s.", in.Domain)
			}
			uid = u.ID
			assertion, sd, err = rp.BeginLogin(wu, uv)
		}
		if err != nil {
			return E(ErrInvalidWebAuthnOptions, "Cannot build request options: %s", detailOf(err))
		}
		if opts, err = optionsJSON(assertion.Response, in.Base64URL); err != nil {
			return err
		}
		return saveCeremony(tx, store.CeremonyAuthenticate, uid, in, sd)
	})
	return string(opts), uid, err
}

// AuthenticateWebAuthn verifies an assertion of navigator.credentials.get
// against its pending challenge, the stored public key and the signature
// counter (WebAuthnAuthenticate). Failures answer 401 unable_to_auth_webauthn
// and count toward the lockout of the credential's user. out.MethodID is the
// webauthn_registration_id.
func (s *Service) AuthenticateWebAuthn(credential string, req SessionRequest) (*Auth, error) {
	parsed, err := protocol.ParseCredentialRequestResponseBytes([]byte(credential))
	if err != nil {
		return nil, badCredential(err)
	}
	var out Auth
	err = s.Store.Update(func(tx *store.Tx) error {
		u, reg := registrationByCredential(tx, parsed.RawID)
		if reg == nil {
			return E(ErrWebAuthnRegistrationNotFound, "No WebAuthn registration holds this credential.")
		}
		if err := checkLock(tx, u); err != nil {
			return err
		}
		fail := func(format string, args ...any) error {
			s.Fail(tx, u)
			return E(ErrUnableToAuthWebAuthn, format, args...)
		}
		ch, sd, err := takeCeremony(tx, parsed.Response.CollectedClientData.Challenge, store.CeremonyAuthenticate)
		if err != nil || ch.Domain != reg.Domain || (ch.UserID != "" && ch.UserID != u.ID) {
			return fail("There is no pending authentication for this credential's challenge (used, expired or for another user).")
		}
		rp, err := relyingParty(ch.Domain, parsed.Response.CollectedClientData.Origin)
		if err != nil {
			return err
		}
		sd.UserID = reg.UserHandle // the handle the credential was made for (user_id or override_id)
		cred, err := rp.ValidateLogin(&waUser{id: reg.UserHandle, creds: domainCredentials(u, reg.Domain)}, *sd, parsed)
		if err != nil {
			return fail("The assertion could not be verified: %s", detailOf(err))
		}
		if cred.Authenticator.CloneWarning {
			return fail("The signature counter did not increase; the authenticator may have been cloned.")
		}
		rec, err := json.Marshal(cred)
		if err != nil {
			return err
		}
		out.MethodID = reg.ID
		return s.attachThen(tx, u, webauthnFactor(tx.Now, reg), req, &out, func() {
			reg.Credential, reg.SignCount = rec, cred.Authenticator.SignCount
		})
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// RenameWebAuthn sets the name of a registration (WebAuthnUpdate).
func (s *Service) RenameWebAuthn(id, name string) (*store.WebAuthnRegistration, error) {
	var out store.WebAuthnRegistration
	err := s.Store.Update(func(tx *store.Tx) error {
		if u := tx.UserByFactorID(id); u != nil {
			if i := slices.IndexFunc(u.WebAuthn, func(w store.WebAuthnRegistration) bool { return w.ID == id }); i >= 0 {
				u.WebAuthn[i].Name = name
				out = u.WebAuthn[i]
				return nil
			}
		}
		return E(ErrWebAuthnRegistrationNotFound, "The WebAuthn registration could not be found.")
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// WebAuthnCredentials lists a user's registrations for a domain
// (WebAuthnListCredentials).
func (s *Service) WebAuthnCredentials(userID, domain string) ([]store.WebAuthnRegistration, error) {
	var out []store.WebAuthnRegistration
	err := s.Store.View(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		out = []store.WebAuthnRegistration{}
		for _, w := range u.WebAuthn {
			if strings.EqualFold(w.Domain, domain) {
				out = append(out, w)
			}
		}
		return nil
	})
	return out, err
}

// relyingParty returns a verifier for domain (the RP ID). origin, the one
// the client reports, is accepted when it is https (http for localhost) on
// the domain or a subdomain, as browsers require; "" allows
// https://<domain> only.
func relyingParty(domain, origin string) (*webauthn.WebAuthn, error) {
	allowed := "https://" + domain
	if o, err := url.Parse(origin); err == nil && origin != "" {
		host := o.Hostname()
		onDomain := strings.EqualFold(host, domain) || strings.HasSuffix(strings.ToLower(host), "."+strings.ToLower(domain))
		local := host == "localhost" || host == "127.0.0.1"
		if onDomain && (o.Scheme == "https" || (o.Scheme == "http" && local)) {
			allowed = origin
		}
	}
	rp, err := webauthn.New(&webauthn.Config{RPID: domain, RPDisplayName: domain, RPOrigins: []string{allowed},
		Timeouts: webauthn.TimeoutsConfig{Registration: webauthn.TimeoutConfig{Timeout: WebAuthnCeremonyTTL, TimeoutUVD: WebAuthnCeremonyTTL},
			Login: webauthn.TimeoutConfig{Timeout: WebAuthnCeremonyTTL, TimeoutUVD: WebAuthnCeremonyTTL}}})
	if err != nil {
		return nil, E(ErrInvalidDomain, "domain must be a host name such as example.com.")
	}
	return rp, nil
}

// saveCeremony stores the pending ceremony under its challenge.
func saveCeremony(tx *store.Tx, kind, userID string, in WebAuthnStartInput, sd *webauthn.SessionData) error {
	raw, err := json.Marshal(sd)
	if err != nil {
		return err
	}
	tx.WebAuthn.Challenges.Put(sd.Challenge, &store.WebAuthnChallenge{Kind: kind, UserID: userID, Domain: in.Domain,
		UserAgent: in.UserAgent, AuthenticatorType: in.AuthenticatorType, Session: raw, ExpiresAt: tx.Now.Add(WebAuthnCeremonyTTL)})
	return nil
}

// takeCeremony removes and returns the pending ceremony of a challenge; it
// fails when there is none of that kind or it has expired. The ceremony is
// single use: it stays removed even when the flow fails.
func takeCeremony(tx *store.Tx, challenge, kind string) (store.WebAuthnChallenge, *webauthn.SessionData, error) {
	p := tx.WebAuthn.Challenges.Get(challenge)
	tx.KeepOnError(func(tx *store.Tx) { tx.WebAuthn.Challenges.Delete(challenge) })
	var sd webauthn.SessionData
	if p == nil {
		return store.WebAuthnChallenge{}, nil, errors.New("no pending ceremony")
	}
	ch := *p
	if ch.Kind != kind || !tx.Now.Before(ch.ExpiresAt) || json.Unmarshal(ch.Session, &sd) != nil {
		return ch, nil, errors.New("no pending ceremony")
	}
	return ch, &sd, nil
}

// domainCredentials returns the verifier records of u's registrations for domain.
func domainCredentials(u *store.User, domain string) []webauthn.Credential {
	var out []webauthn.Credential
	for _, w := range u.WebAuthn {
		var c webauthn.Credential
		if strings.EqualFold(w.Domain, domain) && json.Unmarshal(w.Credential, &c) == nil {
			out = append(out, c)
		}
	}
	return out
}

func registrationByCredential(tx *store.Tx, id []byte) (*store.User, *store.WebAuthnRegistration) {
	u := tx.UserByCredential(id)
	if u == nil {
		return nil, nil
	}
	for i := range u.WebAuthn {
		if bytes.Equal(u.WebAuthn[i].CredentialID, id) {
			return u, &u.WebAuthn[i]
		}
	}
	return nil, nil
}

func webauthnFactor(now time.Time, reg *store.WebAuthnRegistration) store.Factor {
	return NewFactor(now, "webauthn", "webauthn_registration", "webauthn_factor", map[string]any{
		"webauthn_registration_id": reg.ID, "domain": reg.Domain, "user_agent": reg.UserAgent})
}

// optionsJSON renders options as the JSON string Stytch returns; unless
// base64url is asked for, binary fields are re-encoded as standard base64.
func optionsJSON(options any, base64URL bool) ([]byte, error) {
	raw, err := json.Marshal(options)
	if err != nil || base64URL {
		return raw, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	m["challenge"] = stdBase64(m["challenge"])
	if user, ok := m["user"].(map[string]any); ok {
		user["id"] = stdBase64(user["id"])
	}
	for _, key := range []string{"excludeCredentials", "allowCredentials"} {
		list, _ := m[key].([]any)
		for _, d := range list {
			if d, ok := d.(map[string]any); ok {
				d["id"] = stdBase64(d["id"])
			}
		}
	}
	return json.Marshal(m)
}

func stdBase64(v any) any {
	s, _ := v.(string)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return v
	}
	return base64.StdEncoding.EncodeToString(b)
}

// badCredential is the error for a public_key_credential that cannot be
// parsed or verified at registration.
func badCredential(err error) error {
	return E(ErrInvalidPublicKeyCredential, "The public_key_credential is invalid: %s", detailOf(err))
}

// detailOf returns the verifier's short explanation of err (no secrets).
func detailOf(err error) string {
	var perr *protocol.Error
	if errors.As(err, &perr) && perr.Details != "" {
		return perr.Details
	}
	return err.Error()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
