package emulator

import (
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// Telemetry is a device behind a telemetry id, for Fraud.Fingerprint.Lookup.
type Telemetry = store.Telemetry

// RegisterTelemetry records the device a telemetry id stands for (its
// fingerprints, network and the warning reasons a verdict should see), the
// same as POST /emulator/v1/telemetry. Empty identifiers are derived from
// the id; the record lives one hour of emulator time.
func (s *Server) RegisterTelemetry(t Telemetry) (Telemetry, error) {
	return s.svc.Store.RegisterTelemetry(t)
}

// ExternalIdentity is a user of the emulated external OIDC identity
// provider that Sessions.Migrate consults; see flows.ExternalIdentity.
type ExternalIdentity = flows.ExternalIdentity

// TrustedTokenProfile configures a trusted token profile for
// Sessions.Attest; see flows.TrustedTokenProfileInput.
type TrustedTokenProfile = flows.TrustedTokenProfileInput

// IssueExternalIDPToken mints an access token of the emulated external
// identity provider, to pass as session_token to Sessions.Migrate (the same
// as POST /emulator/v1/external_idp/tokens). It returns the token and when
// it expires.
func (s *Server) IssueExternalIDPToken(id ExternalIdentity) (string, time.Time, error) {
	out, err := s.svc.IssueExternalIDPToken(id)
	if err != nil {
		return "", time.Time{}, err
	}
	return out.AccessToken, out.ExpiresAt, nil
}

// CreateTrustedTokenProfile registers a trusted token profile and returns its
// id, to pass as profile_id to Sessions.Attest (the same as POST
// /emulator/v1/trusted_token_profiles).
func (s *Server) CreateTrustedTokenProfile(p TrustedTokenProfile) (string, error) {
	out, err := s.svc.CreateTrustedTokenProfile(p)
	if err != nil {
		return "", err
	}
	return out.ID, nil
}

// RBACPolicy is a project's RBAC policy: its Roles, Resources and Scopes,
// shaped as RBAC.Policy returns them.
type RBACPolicy = store.Policy

// RBACRole, RBACPermission, RBACResource and RBACScope are the parts of an
// RBACPolicy.
type (
	RBACRole       = store.Role
	RBACPermission = store.Permission
	RBACResource   = store.Resource
	RBACScope      = store.Scope
)

// SetRBACPolicy replaces the project's Consumer RBAC policy, as Stytch's
// Dashboard does, and returns it as stored (the same as PUT
// /emulator/v1/rbac/policy). stytch_user and stytch_admin are always in it:
// one p leaves out has no permission. Reset restores the default policy.
func (s *Server) SetRBACPolicy(p RBACPolicy) (RBACPolicy, error) { return s.svc.SetPolicy(false, p) }

// SetB2BRBACPolicy replaces the project's B2B RBAC policy and returns it
// as stored (the same as PUT /emulator/v1/b2b/rbac/policy): p's Resources
// and Roles next to Stytch's stytch.* Resources and its stytch_member and
// stytch_admin Roles (one p leaves out keeps its default permissions).
// Organizations' custom Roles must stay valid under it; assignments of
// Roles it no longer defines are dropped. See flows.Service.SetPolicy.
func (s *Server) SetB2BRBACPolicy(p RBACPolicy) (RBACPolicy, error) { return s.svc.SetPolicy(true, p) }
