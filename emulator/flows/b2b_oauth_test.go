package flows

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stytchkit/stytchkit/emulator/store"
)

func TestNameAndTenantsOfAProviderLogin(t *testing.T) {
	assert.Equal(t, "Ada Lovelace", nameOf("ada.lovelace@acme.com"))
	assert.Equal(t, "Bob", nameOf("bob42@acme.com"))

	slack, google := b2bProviders["slack"], b2bProviders["google"]
	assert.Equal(t, []string{"T1"}, tenantsOf(slack, []string{"T1"}, "a@acme.com"))
	derived := tenantsOf(slack, nil, "a@acme.com")
	assert.Regexp(t, `^T[0-9A-F]{8}$`, derived[0])
	assert.Equal(t, derived, tenantsOf(slack, nil, "b@ACME.com"), "one workspace per domain")
	assert.Regexp(t, `^\d+$`, tenantsOf(b2bProviders["hubspot"], nil, "a@acme.com")[0])
	assert.Empty(t, tenantsOf(google, []string{"x"}, "a@acme.com"), "Google has no tenants")
}

func TestOAuthJIT(t *testing.T) {
	byTenant := &store.Organization{OAuthTenantJITProvisioning: Restricted, AllowedOAuthTenants: map[string][]string{"slack": {"T1"}}}
	byDomain := &store.Organization{OAuthTenantJITProvisioning: NotAllowed, EmailJITProvisioning: Restricted,
		EmailAllowedDomains: []string{"acme.com"}}
	slack := &store.MemberOAuthToken{Provider: "slack", EmailAddress: "a@acme.com", TenantIDs: []string{"T1"}}
	google := &store.MemberOAuthToken{Provider: "google", EmailAddress: "a@acme.com"}

	assert.NoError(t, oauthJIT(byTenant, slack))
	assert.ErrorIs(t, oauthJIT(byTenant, &store.MemberOAuthToken{Provider: "slack", TenantIDs: []string{"T2"}}),
		ErrOAuthTenantJITProvisioningNotAllowed.New())
	assert.NoError(t, oauthJIT(byDomain, google), "Google verifies the address: email domain provisioning applies")
	assert.ErrorIs(t, oauthJIT(byDomain, slack), ErrOAuthTenantJITProvisioningNotAllowed.New(), "Slack does not")
	assert.ErrorIs(t, oauthJIT(byTenant, google), ErrEmailJITProvisioningNotAllowed.New())
	assert.True(t, tenantAllowed(byTenant, slack))
	assert.False(t, tenantAllowed(byDomain, slack))
}
