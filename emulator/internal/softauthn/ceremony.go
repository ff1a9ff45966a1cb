package softauthn

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// creationOptions is the subset of PublicKeyCredentialCreationOptions read.
type creationOptions struct {
	RP struct {
		ID string `json:"id"`
	} `json:"rp"`
	User struct {
		ID string `json:"id"`
	} `json:"user"`
	Challenge        string `json:"challenge"`
	PubKeyCredParams []struct {
		Type string `json:"type"`
		Alg  int    `json:"alg"`
	} `json:"pubKeyCredParams"`
	ExcludeCredentials     []descriptor `json:"excludeCredentials"`
	AuthenticatorSelection struct {
		UserVerification string `json:"userVerification"`
	} `json:"authenticatorSelection"`
}

// requestOptions is the subset of PublicKeyCredentialRequestOptions read.
type requestOptions struct {
	Challenge        string       `json:"challenge"`
	RPID             string       `json:"rpId"`
	AllowCredentials []descriptor `json:"allowCredentials"`
	UserVerification string       `json:"userVerification"`
}

// registrationResponse is the RegistrationResponseJSON a browser returns.
type registrationResponse struct {
	ID                      string         `json:"id"`
	RawID                   string         `json:"rawId"`
	Type                    string         `json:"type"`
	AuthenticatorAttachment string         `json:"authenticatorAttachment"`
	ClientExtensionResults  map[string]any `json:"clientExtensionResults"`
	Response                struct {
		ClientDataJSON     string   `json:"clientDataJSON"`
		AttestationObject  string   `json:"attestationObject"`
		AuthenticatorData  string   `json:"authenticatorData"`
		PublicKey          string   `json:"publicKey"`
		PublicKeyAlgorithm int      `json:"publicKeyAlgorithm"`
		Transports         []string `json:"transports"`
	} `json:"response"`
}

// assertionResponse is the AuthenticationResponseJSON a browser returns.
type assertionResponse struct {
	ID                      string         `json:"id"`
	RawID                   string         `json:"rawId"`
	Type                    string         `json:"type"`
	AuthenticatorAttachment string         `json:"authenticatorAttachment"`
	ClientExtensionResults  map[string]any `json:"clientExtensionResults"`
	Response                struct {
		ClientDataJSON    string `json:"clientDataJSON"`
		AuthenticatorData string `json:"authenticatorData"`
		Signature         string `json:"signature"`
		UserHandle        string `json:"userHandle"`
	} `json:"response"`
}

// Register performs navigator.credentials.create for optionsJSON (creation
// options, optionally wrapped in {"publicKey": ...}) on a page at origin,
// stores the new credential and returns the registration response JSON.
func (a *Authenticator) Register(optionsJSON []byte, origin string) ([]byte, error) {
	var opts creationOptions
	if err := unwrapPublicKey(optionsJSON, &opts); err != nil {
		return nil, err
	}
	rpID, err := resolveRPID(opts.RP.ID, origin)
	if err != nil {
		return nil, err
	}
	userHandle, err := decodeB64Loose(opts.User.ID)
	if err != nil || len(userHandle) == 0 || len(userHandle) > 64 {
		return nil, fmt.Errorf("%w: user.id must be 1-64 bytes of base64url", ErrMalformedOptions)
	}
	if !supportsES256(opts) {
		return nil, ErrUnsupportedAlgorithm
	}
	flags, err := a.flags(opts.AuthenticatorSelection.UserVerification)
	if err != nil {
		return nil, err
	}
	cdj, err := clientData("webauthn.create", opts.Challenge, origin)
	if err != nil {
		return nil, err
	}
	key, spki, err := newKey()
	if err != nil {
		return nil, err
	}
	cred := &credential{id: make([]byte, credentialIDLen), rpID: rpID, userHandle: userHandle, key: key}
	_, _ = rand.Read(cred.id) // crypto/rand.Read never fails (Go 1.24+)

	pub, err := key.PublicKey.Bytes()
	if err != nil {
		return nil, fmt.Errorf("softauthn: encoding point: %w", err)
	}
	attested := append(a.aaguid[:0:0], a.aaguid[:]...)
	attested = binary.BigEndian.AppendUint16(attested, credentialIDLen)
	attested = append(append(attested, cred.id...), coseES256Key(pub)...)
	ad := authData(rpID, flags|flagAT, 0, attested)

	a.mu.Lock()
	for _, c := range a.creds {
		for _, d := range opts.ExcludeCredentials {
			if c.rpID == rpID && d.matches(c.id) {
				a.mu.Unlock()
				return nil, ErrCredentialExcluded
			}
		}
	}
	a.creds = append(a.creds, cred)
	a.mu.Unlock()

	var resp registrationResponse
	resp.ID, resp.RawID, resp.Type = b64url(cred.id), b64url(cred.id), "public-key"
	resp.AuthenticatorAttachment, resp.ClientExtensionResults = a.attachment, map[string]any{}
	resp.Response.ClientDataJSON = b64url(cdj)
	resp.Response.AttestationObject = b64url(noneAttestationObject(ad))
	resp.Response.AuthenticatorData = b64url(ad)
	resp.Response.PublicKey = b64url(spki)
	resp.Response.PublicKeyAlgorithm = coseAlgES256
	resp.Response.Transports = []string{"internal"}
	return json.Marshal(resp)
}

// supportsES256 reports whether ES256 is acceptable. An empty list means the
// RP accepts the defaults (ES256 and RS256), per WebAuthn §5.4.
func supportsES256(opts creationOptions) bool {
	if len(opts.PubKeyCredParams) == 0 {
		return true
	}
	for _, p := range opts.PubKeyCredParams {
		if (p.Type == "" || p.Type == "public-key") && p.Alg == coseAlgES256 {
			return true
		}
	}
	return false
}

// Assert performs navigator.credentials.get for optionsJSON (request
// options, optionally wrapped) on a page at origin. With allowCredentials it
// uses the first listed credential it holds; without, the most recently
// registered credential for the RP (a discoverable login). The credential's
// counter is incremented and the assertion response JSON returned.
func (a *Authenticator) Assert(optionsJSON []byte, origin string) ([]byte, error) {
	var opts requestOptions
	if err := unwrapPublicKey(optionsJSON, &opts); err != nil {
		return nil, err
	}
	rpID, err := resolveRPID(opts.RPID, origin)
	if err != nil {
		return nil, err
	}
	flags, err := a.flags(opts.UserVerification)
	if err != nil {
		return nil, err
	}
	cdj, err := clientData("webauthn.get", opts.Challenge, origin)
	if err != nil {
		return nil, err
	}

	a.mu.Lock()
	cred := a.pick(rpID, opts.AllowCredentials)
	if cred == nil {
		a.mu.Unlock()
		return nil, fmt.Errorf("%w for RP %q", ErrNoCredential, rpID)
	}
	cred.signCount++
	ad := authData(rpID, flags, cred.signCount, nil)
	key, id, userHandle := cred.key, cred.id, cred.userHandle
	a.mu.Unlock()

	cdHash := sha256.Sum256(cdj)
	digest := sha256.Sum256(append(append([]byte(nil), ad...), cdHash[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, key, digest[:])
	if err != nil {
		return nil, fmt.Errorf("softauthn: signing: %w", err)
	}

	var resp assertionResponse
	resp.ID, resp.RawID, resp.Type = b64url(id), b64url(id), "public-key"
	resp.AuthenticatorAttachment, resp.ClientExtensionResults = a.attachment, map[string]any{}
	resp.Response.ClientDataJSON = b64url(cdj)
	resp.Response.AuthenticatorData = b64url(ad)
	resp.Response.Signature = b64url(sig)
	resp.Response.UserHandle = b64url(userHandle)
	return json.Marshal(resp)
}

// pick chooses the credential for an assertion; a.mu must be held.
func (a *Authenticator) pick(rpID string, allow []descriptor) *credential {
	if len(allow) == 0 {
		for i := len(a.creds) - 1; i >= 0; i-- {
			if a.creds[i].rpID == rpID {
				return a.creds[i]
			}
		}
		return nil
	}
	for _, d := range allow {
		for _, c := range a.creds {
			if c.rpID == rpID && d.matches(c.id) {
				return c
			}
		}
	}
	return nil
}
