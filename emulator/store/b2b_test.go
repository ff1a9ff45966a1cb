package store_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// seedB2B puts one Organization with two Members, a session, an
// intermediate session and an email token in s.
func seedB2B(t *testing.T, s *store.Store) {
	t.Helper()
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.B2B.Organizations.Put("org-1", &store.Organization{ID: "org-1", Name: "Acme", Slug: "Acme-Co",
			ExternalID: "ext-acme", EmailAllowedDomains: []string{"Acme.com"},
			AllowedOAuthTenants: map[string][]string{"slack": {"T1", "T2"}, "github": {"acme"}}})
		tx.B2B.Members.Put("m-1", &store.Member{ID: "m-1", OrganizationID: "org-1", EmailAddress: "Ada@acme.com",
			EmailID: "email-1", Status: store.MemberActive, ExternalID: "ada",
			Password: &store.Password{ID: "pw-1"}, RetiredEmails: []store.RetiredEmail{{ID: "email-0", Address: "old@acme.com"}}})
		tx.B2B.Members.Put("m-2", &store.Member{ID: "m-2", OrganizationID: "org-1", EmailAddress: "bob@acme.com",
			EmailID: "email-2", Status: store.MemberInvited})
		tx.B2B.Sessions.Put("ms-1", &store.MemberSession{ID: "ms-1", MemberID: "m-1", OrganizationID: "org-1",
			Token: "tok-1", ExpiresAt: tx.Now.Add(time.Hour)})
		tx.B2B.IntermediateSessions.Put("ist-1", &store.IntermediateSession{Token: "ist-1", MemberID: "m-2",
			OrganizationID: "org-1", ExpiresAt: tx.Now.Add(time.Hour)})
		tx.B2B.Tokens.Put("ml-1", &store.EmailToken{Token: "ml-1", Kind: store.B2BTokenInvite, MemberID: "m-2",
			OrganizationID: "org-1", EmailAddress: "bob@acme.com", ExpiresAt: tx.Now.Add(time.Hour)})
		return nil
	}))
}

func TestB2BLookupsUseTheIndexes(t *testing.T) {
	s := newStore(t, time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	seedB2B(t, s)
	require.NoError(t, s.View(func(tx *store.Tx) error {
		b := &tx.B2B
		for _, ref := range []string{"org-1", "acme-co", "ACME-CO", "ext-acme"} {
			if o := b.Organization(ref); assert.NotNil(t, o, ref) {
				assert.Equal(t, "org-1", o.ID)
			}
		}
		assert.Nil(t, b.Organization(""))
		assert.Len(t, b.OrganizationsByDomain("ACME.COM"), 1)
		assert.Len(t, b.OrganizationsByOAuthTenant("slack", "T2"), 1)
		assert.Len(t, b.OrganizationsByOAuthTenant("github", "acme"), 1)
		assert.Empty(t, b.OrganizationsByOAuthTenant("hubspot", "T1"), "a tenant is a provider's")
		assert.Empty(t, b.OrganizationsByOAuthTenant("slack", ""))
		assert.Equal(t, "m-1", b.Member("org-1", "ada").ID, "external id")
		assert.Nil(t, b.Member("org-2", "m-1"), "another Organization's Member")
		assert.Equal(t, "m-1", b.MemberByEmail("org-1", "ada@ACME.com").ID)
		assert.Equal(t, "m-1", b.MemberByRetiredEmail("org-1", "OLD@acme.com").ID)
		assert.Equal(t, "m-1", b.MemberByFactorID("pw-1").ID)
		assert.Equal(t, "m-1", b.MemberByFactorID("email-0").ID)
		assert.Len(t, b.MembersByEmail("bob@acme.com"), 1)
		assert.Equal(t, 2, b.CountMembers("org-1"))
		assert.Equal(t, "ms-1", b.SessionByToken("tok-1").ID)
		assert.Len(t, b.MemberSessions("m-1", tx.Now), 1)
		assert.Empty(t, b.MemberSessions("m-1", tx.Now.Add(2*time.Hour)), "expired")
		return nil
	}))
}

func TestB2BIndexesFollowTheTransaction(t *testing.T) {
	s := newStore(t, time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	seedB2B(t, s)
	err := s.Update(func(tx *store.Tx) error {
		m := tx.B2B.Members.Get("m-1")
		m.Status = store.MemberDeleted
		assert.Nil(t, tx.B2B.MemberByEmail("org-1", "ada@acme.com"), "a deleted Member holds no address")
		assert.Empty(t, tx.B2B.MembersByEmail("ada@acme.com"))
		tx.B2B.ForgetMember("m-1")
		assert.Nil(t, tx.B2B.SessionByToken("tok-1"))
		tx.B2B.Organizations.Get("org-1").AllowedOAuthTenants["slack"] = []string{"T3"}
		assert.Empty(t, tx.B2B.OrganizationsByOAuthTenant("slack", "T1"))
		assert.Len(t, tx.B2B.OrganizationsByOAuthTenant("slack", "T3"), 1)
		return errors.New("roll back")
	})
	require.Error(t, err)
	require.NoError(t, s.View(func(tx *store.Tx) error {
		assert.Equal(t, "m-1", tx.B2B.MemberByEmail("org-1", "ada@acme.com").ID, "rolled back")
		assert.NotNil(t, tx.B2B.SessionByToken("tok-1"))
		assert.Len(t, tx.B2B.OrganizationsByOAuthTenant("slack", "T1"), 1)
		assert.Empty(t, tx.B2B.OrganizationsByOAuthTenant("slack", "T3"))
		return nil
	}))
}

func TestB2BDeleteOrganizationTakesEverything(t *testing.T) {
	s := newStore(t, time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	seedB2B(t, s)
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.B2B.DeleteOrganization("org-1")
		return nil
	}))
	require.NoError(t, s.View(func(tx *store.Tx) error {
		assert.Zero(t, tx.B2B.Organizations.Len())
		assert.Zero(t, tx.B2B.Members.Len())
		assert.Zero(t, tx.B2B.Sessions.Len())
		assert.Zero(t, tx.B2B.IntermediateSessions.Len())
		assert.Zero(t, tx.B2B.Tokens.Len())
		assert.Nil(t, tx.B2B.OrganizationBySlug("acme-co"))
		return nil
	}))
}

// TestB2BStateSurvivesRestartAndReset replays the B2B tables from the
// journal with their indexes, and Reset forgets them but keeps the policy.
func TestB2BStateSurvivesRestartAndReset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := openDurable(t, path, nil)
	seedB2B(t, s)
	again := openDurable(t, path, nil)
	require.NoError(t, again.View(func(tx *store.Tx) error {
		assert.Equal(t, "org-1", tx.B2B.OrganizationBySlug("acme-co").ID)
		assert.Equal(t, "m-2", tx.B2B.MemberByEmail("org-1", "bob@acme.com").ID)
		assert.Equal(t, "ms-1", tx.B2B.SessionByToken("tok-1").ID)
		assert.Len(t, tx.B2B.MemberTokens("m-2"), 1)
		assert.Equal(t, store.DefaultB2BPolicy(), tx.B2B.Policy)
		return nil
	}))
	require.NoError(t, again.Reset())
	third := openDurable(t, path, nil)
	require.NoError(t, third.View(func(tx *store.Tx) error {
		assert.Zero(t, tx.B2B.Organizations.Len())
		assert.Zero(t, tx.B2B.Members.Len())
		assert.Nil(t, tx.B2B.OrganizationBySlug("acme-co"))
		assert.Equal(t, store.DefaultB2BPolicy(), tx.B2B.Policy)
		return nil
	}))
}

func TestDefaultB2BPolicy(t *testing.T) {
	p := store.DefaultB2BPolicy()
	roles := map[string]store.Role{}
	for _, r := range p.Roles {
		roles[r.RoleID] = r
	}
	require.Contains(t, roles, store.RoleStytchMember)
	require.Contains(t, roles, store.RoleStytchAdmin)
	assert.Equal(t, []store.Permission{{ResourceID: "stytch.self", Actions: []string{"*"}}}, roles[store.RoleStytchMember].Permissions)
	var ids []string
	for _, r := range p.Resources {
		ids = append(ids, r.ResourceID)
		assert.NotEmpty(t, r.Actions, r.ResourceID)
	}
	assert.ElementsMatch(t, []string{"stytch.organization", "stytch.member", "stytch.sso", "stytch.scim", "stytch.self"}, ids)
	p.Roles[0].Permissions[0].Actions[0] = "changed"
	assert.Equal(t, "*", store.DefaultB2BPolicy().Roles[0].Permissions[0].Actions[0], "each call is a fresh copy")
}
