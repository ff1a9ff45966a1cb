package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// CryptoWalletsService logs users in with Ethereum or Solana wallets.
type CryptoWalletsService service

// CryptoWalletsAuthenticateStartResponse is the answer of CryptoWallets.AuthenticateStart.
type CryptoWalletsAuthenticateStartResponse = gen.CryptoWalletsAuthenticateStartResponse

// CryptoWalletsAuthenticateStartParams is the JSON body of CryptoWallets.AuthenticateStart.
type CryptoWalletsAuthenticateStartParams = gen.CryptoWalletsAuthenticateStartRequest

// CryptoWalletsAuthenticateResponse is the answer of CryptoWallets.Authenticate.
type CryptoWalletsAuthenticateResponse = gen.CryptoWalletsAuthenticateResponse

// CryptoWalletsAuthenticateParams is the JSON body of CryptoWallets.Authenticate.
type CryptoWalletsAuthenticateParams = gen.CryptoWalletsAuthenticateRequest

// AuthenticateStart returns a challenge for the wallet to sign, creating the User when the wallet
// is new.
//
// POST /v1/crypto_wallets/authenticate/start
func (s *CryptoWalletsService) AuthenticateStart(ctx context.Context, p *CryptoWalletsAuthenticateStartParams) (*CryptoWalletsAuthenticateStartResponse, error) {
	return call[CryptoWalletsAuthenticateStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.CryptoWalletsAuthenticateStart(ctx, *p, ed...)
	})
}

// Authenticate verifies the wallet's signature of the challenge.
//
// POST /v1/crypto_wallets/authenticate
func (s *CryptoWalletsService) Authenticate(ctx context.Context, p *CryptoWalletsAuthenticateParams) (*CryptoWalletsAuthenticateResponse, error) {
	return call[CryptoWalletsAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/crypto_wallets/authenticate
func (s *CryptoWalletsService) AuthenticateWithClaims(ctx context.Context, p *CryptoWalletsAuthenticateParams, claims any) (*CryptoWalletsAuthenticateResponse, error) {
	return callClaims[CryptoWalletsAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *CryptoWalletsService) authenticate(p *CryptoWalletsAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.CryptoWalletsAuthenticate(ctx, *p, ed...)
	}
}
