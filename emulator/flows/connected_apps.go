package flows

import (
	"net/url"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// DefaultAccessTokenExpiryMinutes is the lifetime of Connected App access
// tokens when the client does not set access_token_expiry_minutes.
const DefaultAccessTokenExpiryMinutes = 60

// connectedAppTypes are the client types of a Connected App.
var connectedAppTypes = []string{"first_party", "first_party_public", "third_party", "third_party_public"}

// ConnectedAppInput is the body of ConnectedAppClientsCreate (ClientType
// required) or ConnectedAppClientsUpdate (ClientType ignored); nil fields
// keep their current (or default) value.
type ConnectedAppInput struct {
	ClientType                                            string
	Name, Description, LogoURL                            *string
	RedirectURLs, PostLogoutRedirectURLs                  *[]string
	FullAccessAllowed, BypassConsentForOfflineAccess      *bool
	AccessTokenExpiryMinutes                              *int32
	AccessTokenCustomAudience, AccessTokenTemplateContent *string
	IDTokenTemplateContent                                *string
}

// check validates the fields that have rules.
func (in *ConnectedAppInput) check() error {
	for _, list := range []*[]string{in.RedirectURLs, in.PostLogoutRedirectURLs} {
		if list == nil {
			continue
		}
		for _, u := range *list {
			if !absoluteURL(u) {
				return E(ErrInvalidRedirectURL, "Redirect URLs must be absolute URLs with a scheme, like https://app.example/callback.")
			}
		}
	}
	if in.LogoURL != nil && *in.LogoURL != "" && !absoluteURL(*in.LogoURL) {
		return E(ErrInvalidLogoURL, "logo_url must be an absolute URL.")
	}
	if in.AccessTokenExpiryMinutes != nil && *in.AccessTokenExpiryMinutes < 1 {
		return E(ErrInvalidAccessTokenExpiryMinutes, "access_token_expiry_minutes must be at least 1.")
	}
	return nil
}

// apply copies the set fields onto c.
func (in *ConnectedAppInput) apply(c *store.ConnectedApp) {
	setIf(&c.Name, in.Name)
	setIf(&c.Description, in.Description)
	setIf(&c.LogoURL, in.LogoURL)
	setIf(&c.FullAccessAllowed, in.FullAccessAllowed)
	setIf(&c.BypassConsentForOfflineAccess, in.BypassConsentForOfflineAccess)
	setIf(&c.AccessTokenExpiryMinutes, in.AccessTokenExpiryMinutes)
	setIf(&c.AccessTokenCustomAudience, in.AccessTokenCustomAudience)
	setIf(&c.AccessTokenTemplateContent, in.AccessTokenTemplateContent)
	setIf(&c.IDTokenTemplateContent, in.IDTokenTemplateContent)
	if in.RedirectURLs != nil {
		c.RedirectURLs = slices.Clone(*in.RedirectURLs)
	}
	if in.PostLogoutRedirectURLs != nil {
		c.PostLogoutRedirectURLs = slices.Clone(*in.PostLogoutRedirectURLs)
	}
}

func absoluteURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "" || u.Path != "") && u.Fragment == ""
}

// CreateConnectedApp adds a Connected App. Confidential types (first_party,
// third_party) get a secret, returned only here; public types get none ("").
func (s *Service) CreateConnectedApp(in ConnectedAppInput) (*store.ConnectedApp, string, error) {
	if !slices.Contains(connectedAppTypes, in.ClientType) {
		return nil, "", E(ErrInvalidClientType, "client_type must be one of %s.", strings.Join(connectedAppTypes, ", "))
	}
	if err := in.check(); err != nil {
		return nil, "", err
	}
	var out store.ConnectedApp
	secret := ""
	err := s.Store.Update(func(tx *store.Tx) error {
		c := &store.ConnectedApp{ID: tx.NewID(store.KindConnectedApp), ClientType: in.ClientType, Status: "active",
			CreationMethod: "api", AccessTokenExpiryMinutes: DefaultAccessTokenExpiryMinutes,
			RedirectURLs: []string{}, PostLogoutRedirectURLs: []string{}, CreatedAt: tx.Now}
		in.apply(c)
		if !c.Public() {
			secret = store.NewSecret(s.Store.Env())
			c.Secrets.Set(secret)
		}
		tx.ConnectedApps.Clients.Put(c.ID, c)
		out = c.Clone()
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return &out, secret, nil
}

func connectedApp(tx *store.Tx, id string) (*store.ConnectedApp, error) {
	if c := tx.ConnectedApps.Clients.Get(id); c != nil {
		return c, nil
	}
	return nil, E(ErrConnectedAppNotFound, "Connected App could not be found.")
}

// GetConnectedApp returns a Connected App (404 connected_app_not_found).
func (s *Service) GetConnectedApp(id string) (*store.ConnectedApp, error) {
	return s.mutateConnectedApp(id, false, nil)
}

// UpdateConnectedApp changes the fields set in in.
func (s *Service) UpdateConnectedApp(id string, in ConnectedAppInput) (*store.ConnectedApp, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	return s.mutateConnectedApp(id, true, func(c *store.ConnectedApp) error {
		in.apply(c)
		return nil
	})
}

// DeleteConnectedApp removes a Connected App with every grant, code and
// access token issued to it.
func (s *Service) DeleteConnectedApp(id string) error {
	return s.Store.Update(func(tx *store.Tx) error {
		if _, err := connectedApp(tx, id); err != nil {
			return err
		}
		tx.DeleteConnectedApp(id)
		return nil
	})
}

// RotateConnectedAppSecret runs one step of a secret rotation of a
// confidential client; on RotationStart it returns the new secret.
func (s *Service) RotateConnectedAppSecret(id string, step RotationStep) (*store.ConnectedApp, string, error) {
	var next string
	c, err := s.mutateConnectedApp(id, true, func(c *store.ConnectedApp) error {
		if c.Public() {
			return E(ErrInvalidClientType, "Public clients have no secret to rotate.")
		}
		var err error
		next, err = rotate(s.Store.Env(), &c.Secrets, step)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return c, next, nil
}

// mutateConnectedApp applies fn (when not nil) to a client and returns a copy.
func (s *Service) mutateConnectedApp(id string, write bool, fn func(*store.ConnectedApp) error) (*store.ConnectedApp, error) {
	var out store.ConnectedApp
	run := s.Store.View
	if write {
		run = s.Store.Update
	}
	err := run(func(tx *store.Tx) error {
		c, err := connectedApp(tx, id)
		if err != nil {
			return err
		}
		if fn != nil {
			if err := fn(c); err != nil {
				return err
			}
		}
		out = c.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ConnectedAppPage is one page of Connected Apps.
type ConnectedAppPage struct {
	Apps       []store.ConnectedApp
	Total      int
	NextCursor string // "" on the last page
}

// SearchConnectedApps lists Connected Apps by creation then client_id.
func (s *Service) SearchConnectedApps(limit int, cursor string) (*ConnectedAppPage, error) {
	var all []store.ConnectedApp
	_ = s.Store.View(func(tx *store.Tx) error {
		for _, c := range tx.ConnectedApps.Clients.All() {
			all = append(all, c.Clone())
		}
		return nil
	})
	slices.SortFunc(all, func(a, b store.ConnectedApp) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	items, total, next, err := clientPage(all, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &ConnectedAppPage{Apps: items, Total: total, NextCursor: next}, nil
}

// UserGrant is a Connected App a user granted access to, with the scopes.
type UserGrant struct {
	App    store.ConnectedApp
	Scopes []string
}

// UserConnectedApps lists the Connected Apps a user (user_id or
// external_id) has granted access to, oldest grant first.
func (s *Service) UserConnectedApps(userID string) ([]UserGrant, error) {
	out := []UserGrant{}
	err := s.Store.View(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		var grants []*store.Grant
		for _, g := range tx.ConnectedApps.Grants.All() {
			if g.UserID == u.ID && tx.ConnectedApps.Clients.Get(g.ClientID) != nil {
				grants = append(grants, g)
			}
		}
		slices.SortFunc(grants, func(a, b *store.Grant) int {
			if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
				return c
			}
			return strings.Compare(a.ClientID, b.ClientID)
		})
		for _, g := range grants {
			out = append(out, UserGrant{App: tx.ConnectedApps.Clients.Get(g.ClientID).Clone(), Scopes: slices.Clone(g.Scopes)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RevokeConnectedApp revokes a user's grant to a Connected App: its pending
// authorization codes and access tokens stop working (introspection answers
// active=false). Revoking an app the user never granted is a no-op.
func (s *Service) RevokeConnectedApp(userID, clientID string) error {
	return s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		if _, err := connectedApp(tx, clientID); err != nil {
			return err
		}
		tx.RevokeGrant(u.ID, clientID)
		return nil
	})
}
