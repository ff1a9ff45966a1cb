package httpapi_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/internal/wallet"
	"github.com/stytchkit/stytchkit/gen"
)

// ethWallet is a fresh Ethereum key that signs like personal_sign.
type ethWallet struct{ key *secp256k1.PrivateKey }

func newEthWallet(t *testing.T) ethWallet {
	t.Helper()
	k, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	return ethWallet{k}
}

func (w ethWallet) address() string { return wallet.EthereumAddress(w.key.PubKey()) }

func (w ethWallet) sign(msg string) string {
	c := ecdsa.SignCompact(w.key, wallet.PersonalSignHash([]byte(msg)), false) // v || r || s
	return "0x" + hex.EncodeToString(append(append([]byte{}, c[1:]...), c[0]))
}

// walletStart calls authenticate/start through the generated client.
func walletStart(t *testing.T, env *emutest.Env, body gen.CryptoWalletsAuthenticateStartRequest) *gen.CryptoWalletsAuthenticateStartResponse {
	t.Helper()
	res := emutest.Call[gen.CryptoWalletsAuthenticateStartResponse](t, env, "POST", "/v1/crypto_wallets/authenticate/start", body)
	require.NotNil(t, res.JSON200, string(res.Body))
	return res.JSON200
}

func walletAuth(t *testing.T, env *emutest.Env, typ, addr, sig string, extra map[string]any) (int, map[string]any) {
	t.Helper()
	body := map[string]any{"crypto_wallet_type": typ, "crypto_wallet_address": addr, "signature": sig}
	for k, v := range extra {
		body[k] = v
	}
	return env.DoJSON(t, http.MethodPost, "/v1/crypto_wallets/authenticate", body)
}

func TestCryptoWalletEthereumSignIn(t *testing.T) {
	env := emutest.New(t)
	w := newEthWallet(t)
	addr := strings.ToLower(w.address()) // any spelling is accepted; the checksum form is stored
	start := walletStart(t, env, gen.CryptoWalletsAuthenticateStartRequest{CryptoWalletType: gen.CryptoWalletTypeEthereum, CryptoWalletAddress: addr})
	assert.True(t, start.UserCreated)
	assert.True(t, strings.HasPrefix(start.Challenge, "Signing in with Project: "+env.Server.ProjectID()), start.Challenge)

	sig := w.sign(start.Challenge)
	status, m := walletAuth(t, env, "ethereum", addr, sig, map[string]any{"session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, start.UserID, m["user_id"])
	cw := m["user"].(map[string]any)["crypto_wallets"].([]any)[0].(map[string]any)
	assert.Equal(t, w.address(), cw["crypto_wallet_address"])
	assert.Equal(t, true, cw["verified"])
	f := m["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "crypto", f["type"])
	assert.Equal(t, "crypto_wallet", f["delivery_method"])
	assert.Equal(t, cw["crypto_wallet_id"], f["crypto_wallet_factor"].(map[string]any)["crypto_wallet_id"])
	assert.Nil(t, m["siwe_params"])

	// the challenge is single use
	status, m = walletAuth(t, env, "ethereum", addr, sig, nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_crypto_wallet", m["error_type"])

	// a known wallet signs in to the same user
	again := walletStart(t, env, gen.CryptoWalletsAuthenticateStartRequest{CryptoWalletType: gen.CryptoWalletTypeEthereum, CryptoWalletAddress: w.address()})
	assert.False(t, again.UserCreated)
	assert.Equal(t, start.UserID, again.UserID)
	assert.NotEqual(t, start.Challenge, again.Challenge)
}

func TestCryptoWalletTamperedSignatureAndExpiry(t *testing.T) {
	env := emutest.New(t)
	w := newEthWallet(t)
	start := walletStart(t, env, gen.CryptoWalletsAuthenticateStartRequest{CryptoWalletType: gen.CryptoWalletTypeEthereum, CryptoWalletAddress: w.address()})

	status, m := walletAuth(t, env, "ethereum", w.address(), w.sign(start.Challenge+" "), nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_crypto_wallet", m["error_type"])
	// the failed attempt spent the challenge
	status, _ = walletAuth(t, env, "ethereum", w.address(), w.sign(start.Challenge), nil)
	assert.Equal(t, http.StatusUnauthorized, status)

	start = walletStart(t, env, gen.CryptoWalletsAuthenticateStartRequest{CryptoWalletType: gen.CryptoWalletTypeEthereum, CryptoWalletAddress: w.address()})
	_, err := env.Server.Advance(11 * time.Minute)
	require.NoError(t, err)
	status, m = walletAuth(t, env, "ethereum", w.address(), w.sign(start.Challenge), nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_crypto_wallet", m["error_type"])

	status, m = walletAuth(t, env, "ethereum", newEthWallet(t).address(), "0x00", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "crypto_wallet_not_found", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/crypto_wallets/authenticate/start",
		map[string]any{"crypto_wallet_type": "ethereum", "crypto_wallet_address": "0x1234"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_crypto_wallet_address", m["error_type"])
}

func TestCryptoWalletSolanaForExistingUser(t *testing.T) {
	env := emutest.New(t)
	id := newUserID(t, env, "sol@example.com")
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	addr := wallet.SolanaAddress(pub)
	start := walletStart(t, env, gen.CryptoWalletsAuthenticateStartRequest{CryptoWalletType: gen.CryptoWalletTypeSolana,
		CryptoWalletAddress: addr, UserID: &id})
	assert.False(t, start.UserCreated)
	assert.Equal(t, id, start.UserID)

	sig := wallet.Base58Encode(ed25519.Sign(priv, []byte(start.Challenge)))
	status, m := walletAuth(t, env, "solana", addr, sig, nil)
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, id, m["user_id"])
	assert.Equal(t, "solana", m["user"].(map[string]any)["crypto_wallets"].([]any)[0].(map[string]any)["crypto_wallet_type"])

	// another user cannot claim the wallet; SIWE is ethereum only
	other := newUserID(t, env, "other@example.com")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/crypto_wallets/authenticate/start",
		map[string]any{"crypto_wallet_type": "solana", "crypto_wallet_address": addr, "user_id": other})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "duplicate_crypto_wallet", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/crypto_wallets/authenticate/start", map[string]any{
		"crypto_wallet_type": "solana", "crypto_wallet_address": addr,
		"siwe_params": map[string]any{"domain": "example.com", "uri": "https://example.com", "resources": []string{}}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_siwe_params", m["error_type"])
}

func TestCryptoWalletSIWE(t *testing.T) {
	env := emutest.New(t)
	w := newEthWallet(t)
	statement, reqID, chain := "Sign in to Example.", "req-42", "137"
	resources := []string{"https://example.com/terms"}
	start := walletStart(t, env, gen.CryptoWalletsAuthenticateStartRequest{CryptoWalletType: gen.CryptoWalletTypeEthereum,
		CryptoWalletAddress: w.address(), SIWEParams: &gen.SIWEParams{Domain: "example.com", URI: "https://example.com/login",
			ChainID: &chain, Statement: &statement, MessageRequestID: &reqID, Resources: resources}})
	lines := strings.Split(start.Challenge, "\n")
	require.GreaterOrEqual(t, len(lines), 12, start.Challenge)
	assert.Equal(t, "example.com wants you to sign in with your Ethereum account:", lines[0])
	assert.Equal(t, w.address(), lines[1])
	assert.Equal(t, []string{"", statement, ""}, lines[2:5])
	assert.Equal(t, "URI: https://example.com/login", lines[5])
	assert.Equal(t, "Version: 1", lines[6])
	assert.Equal(t, "Chain ID: 137", lines[7])
	assert.Regexp(t, `^Nonce: [a-z0-9]{16}$`, lines[8])
	assert.Regexp(t, `^Issued At: \d{4}-\d\d-\d\dT`, lines[9])
	assert.Equal(t, []string{"Request ID: req-42", "Resources:", "- https://example.com/terms"}, lines[10:])

	status, m := walletAuth(t, env, "ethereum", w.address(), w.sign(start.Challenge), nil)
	require.Equal(t, http.StatusOK, status, m)
	siwe := m["siwe_params"].(map[string]any)
	assert.Equal(t, "example.com", siwe["domain"])
	assert.Equal(t, "https://example.com/login", siwe["uri"])
	assert.Equal(t, "137", siwe["chain_id"])
	assert.Equal(t, "req-42", siwe["message_request_id"])
	assert.Equal(t, []any{"https://example.com/terms"}, siwe["resources"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/crypto_wallets/authenticate/start", map[string]any{
		"crypto_wallet_type": "ethereum", "crypto_wallet_address": w.address(),
		"siwe_params": map[string]any{"domain": "example.com", "uri": "not a uri", "resources": []string{}}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_siwe_params", m["error_type"])
}
