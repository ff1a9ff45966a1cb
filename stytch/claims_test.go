package stytch

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testClaims struct {
	Role  string      `json:"role"`
	Big   json.Number `json:"big"`
	Teams []string    `json:"teams"`
}

const claimsJSON = `{"role":"admin","big":12345678901234567890,"teams":["a","b"]}`

// claimsCases calls every *WithClaims method; key is where the session sits.
var claimsCases = []struct {
	name string
	key  string
	call func(ctx context.Context, c *Client, claims any) (any, error)
}{
	{"MagicLinks", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.MagicLinks.AuthenticateWithClaims(ctx, &MagicLinksAuthenticateParams{Token: "t"}, cl)
	}},
	{"OTPs", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.OTPs.AuthenticateWithClaims(ctx, &OTPsAuthenticateParams{MethodID: "m", Code: "1"}, cl)
	}},
	{"OAuth", "user_session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.OAuth.AuthenticateWithClaims(ctx, &OAuthAuthenticateParams{Token: "t"}, cl)
	}},
	{"Passwords", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.Passwords.AuthenticateWithClaims(ctx, &PasswordsAuthenticateParams{Email: "a@example.com", Password: "p"}, cl)
	}},
	{"Sessions", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.Sessions.AuthenticateWithClaims(ctx, &SessionsAuthenticateParams{SessionToken: new("t")}, cl)
	}},
	{"TOTPs", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.TOTPs.AuthenticateWithClaims(ctx, &TOTPsAuthenticateParams{UserID: "u", TOTPCode: "1"}, cl)
	}},
	{"WebAuthn", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.WebAuthn.AuthenticateWithClaims(ctx, &WebAuthnAuthenticateParams{PublicKeyCredential: "{}"}, cl)
	}},
	{"CryptoWallets", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.CryptoWallets.AuthenticateWithClaims(ctx, &CryptoWalletsAuthenticateParams{CryptoWalletType: "ethereum",
			CryptoWalletAddress: "0x1", Signature: "0x2"}, cl)
	}},
	{"Impersonation", "session", func(ctx context.Context, c *Client, cl any) (any, error) {
		return c.Impersonation.AuthenticateWithClaims(ctx, &ImpersonationAuthenticateParams{ImpersonationToken: "t"}, cl)
	}},
}

func TestAuthenticateWithClaims(t *testing.T) {
	var reply atomic.Value
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, reply.Load().(string))
	})
	ctx := context.Background()
	for _, tc := range claimsCases {
		t.Run(tc.name, func(t *testing.T) {
			reply.Store(`{"request_id":"req-claims","status_code":200,"` + tc.key + `":{"session_id":"s","custom_claims":` + claimsJSON + `}}`)
			var got testClaims
			resp, err := tc.call(ctx, c, &got)
			require.NoError(t, err)
			assert.Equal(t, "req-claims", responseRequestID(t, resp))
			assert.Equal(t, testClaims{Role: "admin", Big: "12345678901234567890", Teams: []string{"a", "b"}}, got)

			m := map[string]any{}
			_, err = tc.call(ctx, c, &m)
			require.NoError(t, err)
			assert.Equal(t, "admin", m["role"])

			untouched := testClaims{Role: "keep"}
			reply.Store(`{"request_id":"r","status_code":200}`)
			_, err = tc.call(ctx, c, &untouched)
			require.NoError(t, err, "no session: nothing to decode")
			assert.Equal(t, "keep", untouched.Role)

			reply.Store(`{"request_id":"r","status_code":200,"` + tc.key + `":{"custom_claims":{"role":7}}}`)
			resp, err = tc.call(ctx, c, &got)
			assert.Nil(t, resp)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
		})
	}
}

func TestClaimsTargetIsValidatedBeforeIO(t *testing.T) {
	d := &countingDoer{}
	c, err := NewClient(testProjectID, testSecret, WithHTTPClient(d))
	require.NoError(t, err)
	var nilMap *map[string]any
	for _, tc := range claimsCases {
		for _, bad := range []any{nil, testClaims{}, map[string]any{}, nilMap} {
			resp, err := tc.call(context.Background(), c, bad)
			assert.Nil(t, resp)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve, "%s %T", tc.name, bad)
			assert.Equal(t, "claims", ve.Field)
		}
	}
	assert.Zero(t, d.n.Load())
}
