package b2b

import (
	"context"
	"encoding/json"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// localAuth is the per-Client state of local member session checks: the B2B
// JWKS and its verifier (created on the first check, never in NewClient) and
// the RBAC policy caches. It follows the settings of the wrapped
// stytch.Client (clock, leeway, refresh interval, policy TTL, logger) and
// stops with it. It is safe for concurrent use.
type localAuth struct {
	cfg apicall.Local

	lazy jwtauth.LazyVerifier // the B2B JWKS and its verifier, created on first use

	policies *jwtauth.PolicyCache // the project's policy and the Organizations' (policy.go)
}

// init copies the settings; it performs no I/O and starts nothing.
func (a *localAuth) init(cfg apicall.Local) {
	a.cfg = cfg
	a.policies = jwtauth.NewPolicyCache(cfg.PolicyTTL, cfg.Now, cfg.Logger)
}

// verifier returns the Client's member session verifier, creating it and its
// key set on first use. Keys are fetched lazily by the first verification;
// the background refresh it then starts is stopped by Close.
func (c *Client) verifier() (*jwtauth.Verifier, error) {
	return c.auth.lazy.Get(func() jwtauth.LazyConfig {
		cfg := &c.auth.cfg
		return jwtauth.LazyConfig{Fetch: c.fetchJWKS, Logger: cfg.Logger, Refresh: cfg.JWKSRefresh, OnClose: cfg.OnClose,
			Verifier: jwtauth.Config{ProjectID: c.projectID, CustomBaseURL: cfg.CustomBaseURL, Leeway: cfg.Leeway, Now: cfg.Now}}
	})
}

// fetchJWKS is the key set's source: the request Sessions.GetJWKS makes
// (GET /v1/b2b/sessions/jwks/{project_id}, without credentials), through the
// shared call path (retries, logging), returning the raw body so that no key
// field is lost in a decode/encode round trip.
func (c *Client) fetchJWKS(ctx context.Context) ([]byte, error) {
	raw, err := invoke[json.RawMessage](ctx, c, &opSessionsGetJWKS, apicall.Args{Path: [apicall.MaxPathParams]string{c.projectID}})
	if err != nil {
		return nil, err
	}
	return *raw, nil
}

// PrefetchJWKS loads the project's B2B JWKS now, so that the first local JWT
// check does not wait for it (e.g. at start-up). Local checks fetch the keys
// on their own otherwise; a failure here leaves any loaded keys in use.
//
// GET /v1/b2b/sessions/jwks/{project_id}
func (s *SessionsService) PrefetchJWKS(ctx context.Context) error {
	if ctx == nil {
		return &stytch.ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	if _, err := s.c.verifier(); err != nil {
		return err
	}
	return s.c.auth.lazy.Keys().Refresh(ctx)
}
