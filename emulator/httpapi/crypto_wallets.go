package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// CryptoWalletsAuthenticateStart implements POST /v1/crypto_wallets/authenticate/start.
func (a *API) CryptoWalletsAuthenticateStart(ctx context.Context, req gen.CryptoWalletsAuthenticateStartRequestObject) (gen.CryptoWalletsAuthenticateStartResponseObject, error) {
	b := req.Body
	in := flows.WalletStartInput{Type: string(b.CryptoWalletType), Address: b.CryptoWalletAddress, UserID: b.UserID,
		SessionToken: b.SessionToken, SessionJWT: b.SessionJWT}
	if p := b.SIWEParams; p != nil {
		in.SIWE = &flows.SIWEInput{Domain: p.Domain, URI: p.URI, ChainID: p.ChainID, Statement: p.Statement,
			MessageRequestID: p.MessageRequestID, IssuedAt: p.IssuedAt, NotBefore: p.NotBefore, Resources: p.Resources}
	}
	out, err := a.svc.StartWalletAuth(in)
	if err != nil {
		return nil, err
	}
	return gen.CryptoWalletsAuthenticateStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		UserID: out.UserID, Challenge: out.Challenge, UserCreated: out.UserCreated}, nil
}

// CryptoWalletsAuthenticate implements POST /v1/crypto_wallets/authenticate.
func (a *API) CryptoWalletsAuthenticate(ctx context.Context, req gen.CryptoWalletsAuthenticateRequestObject) (gen.CryptoWalletsAuthenticateResponseObject, error) {
	b := req.Body
	out, siwe, err := a.svc.AuthenticateWallet(flows.WalletAuthInput{Type: string(b.CryptoWalletType),
		Address: b.CryptoWalletAddress, Signature: b.Signature,
		Session: sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims)})
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.CryptoWalletsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess, SIWEParams: siweBody(siwe)}, nil
}

// siweBody is the siwe_params of the authenticate response (nil without SIWE).
func siweBody(m *store.SIWEMessage) *gen.SIWEParamsResponse {
	if m == nil {
		return nil
	}
	issued := m.IssuedAt
	resources := append([]string{}, m.Resources...)
	return &gen.SIWEParamsResponse{Domain: m.Domain, URI: m.URI, ChainID: m.ChainID, IssuedAt: &issued,
		Resources: resources, MessageRequestID: optString(m.MessageRequestID)}
}
