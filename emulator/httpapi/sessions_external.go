package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/gen"
)

// Sessions.Migrate trusts the project's external OIDC provider and
// Sessions.Attest its trusted token profiles; the emulator plays the former
// and lets tests register the latter through its control plane
// (emulator/control: /emulator/v1/external_idp/... and
// /emulator/v1/trusted_token_profiles).

// SessionsMigrate implements POST /v1/sessions/migrate.
func (a *API) SessionsMigrate(ctx context.Context, req gen.SessionsMigrateRequestObject) (gen.SessionsMigrateResponseObject, error) {
	b := req.Body
	out, err := a.svc.MigrateSession(b.SessionToken, sessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.SessionsMigrate200JSONResponse](ctx, out), nil
}

// SessionsAttest implements POST /v1/sessions/attest.
func (a *API) SessionsAttest(ctx context.Context, req gen.SessionsAttestRequestObject) (gen.SessionsAttestResponseObject, error) {
	b := req.Body
	out, err := a.svc.AttestSession(b.ProfileID, b.Token,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.SessionsAttest200JSONResponse](ctx, out), nil
}
