package emulatorrec_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/internal/softauthn"
	"github.com/stytchkit/stytchkit/emulator/internal/wallet"
	"github.com/stytchkit/stytchkit/stytch"
)

// Flows of WebAuthn (a software authenticator), crypto wallets (real
// signatures) and OAuth (the emulator's fake identity provider), all on Ada.

const (
	rpDomain = "example.com"
	rpOrigin = "https://example.com"
)

func recordWebAuthn(r *recorder) {
	ctx, c := r.ctx, r.c
	start, err := c.WebAuthn.RegisterStart(ctx, &stytch.WebAuthnRegisterStartParams{UserID: r.del.userID, Domain: rpDomain,
		AuthenticatorType: new(stytch.WebAuthnRegisterStartRequestAuthenticatorTypePlatform), UserAgent: new("Mozilla/5.0 (Macintosh)"),
		UseBase64URLEncoding: new(true)})
	r.ok("start-platform-registration", err)
	key := softauthn.New()
	cred, err := key.Register([]byte(start.PublicKeyCredentialCreationOptions), rpOrigin)
	require.NoError(r.t, err)
	reg, err := c.WebAuthn.Register(ctx, &stytch.WebAuthnRegisterParams{UserID: r.del.userID, PublicKeyCredential: string(cred),
		SessionToken: &r.adaSession})
	r.ok("register-into-existing-session", err)
	r.del.webauthnID = reg.WebAuthnRegistrationID

	authStart, err := c.WebAuthn.AuthenticateStart(ctx, &stytch.WebAuthnAuthenticateStartParams{Domain: rpDomain, UserID: &r.del.userID})
	r.ok("start-authentication-for-user", err)
	assertion, err := key.Assert([]byte(authStart.PublicKeyCredentialRequestOptions), rpOrigin)
	require.NoError(r.t, err)
	auth, err := c.WebAuthn.Authenticate(ctx, &stytch.WebAuthnAuthenticateParams{PublicKeyCredential: string(assertion),
		SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-with-new-session", err)
	r.session(auth.SessionToken, auth.SessionJWT)

	_, err = c.WebAuthn.Update(ctx, &stytch.WebAuthnUpdateParams{WebAuthnRegistrationID: reg.WebAuthnRegistrationID,
		Body: stytch.WebAuthnUpdateBody{Name: "MacBook Touch ID"}})
	r.ok("rename-registration", err)
	_, err = c.WebAuthn.ListCredentials(ctx, &stytch.WebAuthnListCredentialsParams{UserID: r.del.userID, Domain: rpDomain})
	r.ok("list-credentials-for-domain", err)
}

func recordCryptoWallets(r *recorder) {
	ctx, c := r.ctx, r.c
	key, err := secp256k1.GeneratePrivateKey()
	require.NoError(r.t, err)
	addr := wallet.EthereumAddress(key.PubKey())
	start, err := c.CryptoWallets.AuthenticateStart(ctx, &stytch.CryptoWalletsAuthenticateStartParams{
		CryptoWalletType: stytch.CryptoWalletTypeEthereum, CryptoWalletAddress: addr, UserID: &r.del.userID})
	r.ok("start-ethereum-for-existing-user", err)
	compact := ecdsa.SignCompact(key, wallet.PersonalSignHash([]byte(start.Challenge)), false) // v || r || s
	sig := "0x" + hex.EncodeToString(append(append([]byte{}, compact[1:]...), compact[0]))
	auth, err := c.CryptoWallets.Authenticate(ctx, &stytch.CryptoWalletsAuthenticateParams{CryptoWalletType: stytch.CryptoWalletTypeEthereum,
		CryptoWalletAddress: addr, Signature: sig, SessionToken: &r.adaSession})
	r.ok("authenticate-ethereum-into-existing-session", err)
	for _, w := range auth.User.CryptoWallets {
		if w.CryptoWalletAddress == addr {
			r.del.walletID = w.CryptoWalletID
		}
	}
	require.NotEmpty(r.t, r.del.walletID)

	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(r.t, err)
	sol := wallet.SolanaAddress(pub)
	start, err = c.CryptoWallets.AuthenticateStart(ctx, &stytch.CryptoWalletsAuthenticateStartParams{
		CryptoWalletType: stytch.CryptoWalletTypeSolana, CryptoWalletAddress: sol})
	r.ok("start-solana-signup", err)
	sig = wallet.Base58Encode(ed25519.Sign(priv, []byte(start.Challenge)))
	auth, err = c.CryptoWallets.Authenticate(ctx, &stytch.CryptoWalletsAuthenticateParams{CryptoWalletType: stytch.CryptoWalletTypeSolana,
		CryptoWalletAddress: sol, Signature: sig, SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-solana-with-new-session", err)
	r.session(auth.SessionToken, auth.SessionJWT)
}

func recordOAuth(r *recorder) {
	ctx, c := r.ctx, r.c
	tok := r.oauthStart("start-google-signup", "google", url.Values{"signup_redirect_url": {"https://app.example.com/signup"}, "test_identity": {"oauth.signup@example.com"}})
	auth, err := c.OAuth.Authenticate(ctx, &stytch.OAuthAuthenticateParams{Token: tok, SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-google-signup-with-session", err)
	r.session(auth.SessionToken, auth.SessionJWT)
	r.providerValues(auth.ProviderValues)

	attach, err := c.OAuth.Attach(ctx, &stytch.OAuthAttachParams{Provider: "github", UserID: &r.del.userID})
	r.ok("attach-github-to-existing-user", err)
	r.secret("OAuth attach token", attach.OAuthAttachToken)
	tok = r.oauthStart("start-github-attach", "github", url.Values{"oauth_attach_token": {attach.OAuthAttachToken}, "test_identity": {"ada-gh@example.com"}})
	auth, err = c.OAuth.Authenticate(ctx, &stytch.OAuthAuthenticateParams{Token: tok, SessionToken: &r.adaSession})
	r.ok("authenticate-attached-github-into-existing-session", err)
	r.providerValues(auth.ProviderValues)
	r.del.oauthRegID = auth.OAuthUserRegistrationID
}

// oauthStart follows the emulated identity provider's start URL (what a
// browser does), records it as step and returns the OAuth token of the
// redirect.
func (r *recorder) oauthStart(step, provider string, q url.Values) string {
	r.t.Helper()
	q.Set("public_token", "public-token-test-00000000-0000-0000-0000-000000000000")
	q.Set("login_redirect_url", "https://app.example.com/login")
	if !q.Has("signup_redirect_url") {
		q.Set("signup_redirect_url", "https://app.example.com/signup")
	}
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.env.URL+"/v1/public/oauth/"+provider+"/start?"+q.Encode(), nil)
	require.NoError(r.t, err)
	res, err := r.raw.Do(req)
	require.NoError(r.t, err)
	require.NoError(r.t, res.Body.Close())
	require.Equal(r.t, http.StatusFound, res.StatusCode)
	r.claim(step)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(r.t, err)
	tok := loc.Query().Get("token")
	require.NotEmpty(r.t, tok)
	r.secret("OAuth token", tok)
	return tok
}

// providerValues registers the identity provider's tokens as secrets.
func (r *recorder) providerValues(pv stytch.ProviderValues) {
	r.secret("provider access token", pv.AccessToken)
	if pv.RefreshToken != "" {
		r.secret("provider refresh token", pv.RefreshToken)
	}
	if pv.IDToken != "" {
		r.secret("provider id token", pv.IDToken)
	}
}
