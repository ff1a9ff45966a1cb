package flows

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// M2MTokenLifetime is how long an M2M access token is valid.
const M2MTokenLifetime = time.Hour

// customClientID is the shape accepted for a caller-chosen M2M client_id.
var customClientID = regexp.MustCompile(`^[A-Za-z0-9._~-]{1,128}$`)

// M2MClientInput is the body of M2MClientsCreate. ClientID and ClientSecret
// are optional (a migration may keep existing credentials).
type M2MClientInput struct {
	ClientID, ClientSecret, Name, Description string
	Scopes                                    []string
	TrustedMetadata                           map[string]any
}

// M2MClientUpdate is the body of M2MClientsUpdate; nil fields stay as they
// are, and TrustedMetadata is merged (a null value deletes a key).
type M2MClientUpdate struct {
	Name, Description, Status *string
	Scopes                    *[]string
	TrustedMetadata           map[string]any
}

// CreateM2MClient adds an M2M client and returns it with its secret, which
// is shown only here.
func (s *Service) CreateM2MClient(in M2MClientInput) (*store.M2MClient, string, error) {
	scopes, err := checkScopes(in.Scopes)
	if err != nil {
		return nil, "", err
	}
	var out store.M2MClient
	secret := in.ClientSecret
	err = s.Store.Update(func(tx *store.Tx) error {
		id := in.ClientID
		if id == "" {
			id = tx.NewID(store.KindM2MClient)
		} else if !customClientID.MatchString(id) {
			return E(ErrInvalidClientID, "client_id must be 1 to 128 letters, digits or . _ ~ -.")
		} else if tx.M2M.Clients.Get(id) != nil {
			return E(ErrDuplicateClientID, "An M2M client with this client_id already exists.")
		}
		if secret == "" {
			secret = store.NewSecret(s.Store.Env())
		}
		c := &store.M2MClient{ID: id, Name: in.Name, Description: in.Description, Status: "active",
			Scopes: scopes, TrustedMetadata: mergeMetadata(nil, in.TrustedMetadata), CreatedAt: tx.Now}
		c.Secrets.Set(secret)
		tx.M2M.Clients.Put(id, c)
		out = c.Clone()
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return &out, secret, nil
}

func m2mClient(tx *store.Tx, id string) (*store.M2MClient, error) {
	if c := tx.M2M.Clients.Get(id); c != nil {
		return c, nil
	}
	return nil, E(ErrM2MClientNotFound, "M2M client could not be found.")
}

// GetM2MClient returns an M2M client (404 m2m_client_not_found).
func (s *Service) GetM2MClient(id string) (*store.M2MClient, error) {
	var out store.M2MClient
	err := s.Store.View(func(tx *store.Tx) error {
		c, err := m2mClient(tx, id)
		if err == nil {
			out = c.Clone()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateM2MClient changes an M2M client's name, description, status, scopes
// or metadata.
func (s *Service) UpdateM2MClient(id string, up M2MClientUpdate) (*store.M2MClient, error) {
	var scopes []string
	if up.Scopes != nil {
		var err error
		if scopes, err = checkScopes(*up.Scopes); err != nil {
			return nil, err
		}
	}
	if up.Status != nil && *up.Status != "active" && *up.Status != "inactive" {
		return nil, E(ErrInvalidStatus, "status must be active or inactive.")
	}
	return s.mutateM2M(id, func(c *store.M2MClient) error {
		setIf(&c.Name, up.Name)
		setIf(&c.Description, up.Description)
		setIf(&c.Status, up.Status)
		if up.Scopes != nil {
			c.Scopes = scopes
		}
		if up.TrustedMetadata != nil {
			c.TrustedMetadata = mergeMetadata(c.TrustedMetadata, up.TrustedMetadata)
		}
		return nil
	})
}

// DeleteM2MClient removes an M2M client; tokens already issued stay valid
// until they expire (they are stateless JWTs).
func (s *Service) DeleteM2MClient(id string) error {
	return s.Store.Update(func(tx *store.Tx) error {
		if _, err := m2mClient(tx, id); err != nil {
			return err
		}
		tx.M2M.Clients.Delete(id)
		return nil
	})
}

// RotateM2MSecret runs one step of a secret rotation; on RotationStart it
// also returns the new secret (shown only then).
func (s *Service) RotateM2MSecret(id string, step RotationStep) (*store.M2MClient, string, error) {
	var next string
	c, err := s.mutateM2M(id, func(c *store.M2MClient) error {
		var err error
		next, err = rotate(s.Store.Env(), &c.Secrets, step)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return c, next, nil
}

// mutateM2M applies fn to a client inside one transaction and returns a copy.
func (s *Service) mutateM2M(id string, fn func(*store.M2MClient) error) (*store.M2MClient, error) {
	var out store.M2MClient
	err := s.Store.Update(func(tx *store.Tx) error {
		c, err := m2mClient(tx, id)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
		out = c.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// M2MSearchResult is one page of M2M clients.
type M2MSearchResult struct {
	Clients    []store.M2MClient
	Total      int
	NextCursor string // "" on the last page
}

// SearchM2MClients filters clients with AND/OR over client_id, client_name
// and scopes operands (each a list of strings, matching any of them),
// ordered by creation then client_id.
func (s *Service) SearchM2MClients(operator string, operands []Operand, limit int, cursor string) (*M2MSearchResult, error) {
	preds := make([]func(*store.M2MClient) bool, 0, len(operands))
	for _, op := range operands {
		want, err := stringList(op.Name, op.Value)
		if err != nil {
			return nil, err
		}
		var get func(*store.M2MClient) []string
		switch op.Name {
		case "client_id":
			get = func(c *store.M2MClient) []string { return []string{c.ID} }
		case "client_name":
			get = func(c *store.M2MClient) []string { return []string{c.Name} }
		case "scopes":
			get = func(c *store.M2MClient) []string { return c.Scopes }
		default:
			return nil, E(ErrInvalidSearchFilter, "Unknown search filter_name %q.", op.Name)
		}
		preds = append(preds, func(c *store.M2MClient) bool {
			return slices.ContainsFunc(get(c), func(v string) bool { return slices.Contains(want, v) })
		})
	}
	var all []store.M2MClient
	_ = s.Store.View(func(tx *store.Tx) error {
		for _, c := range tx.M2M.Clients.All() {
			if combine(operator, preds, c) {
				all = append(all, c.Clone())
			}
		}
		return nil
	})
	slices.SortFunc(all, func(a, b store.M2MClient) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	items, total, next, err := clientPage(all, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &M2MSearchResult{Clients: items, Total: total, NextCursor: next}, nil
}

// combine evaluates predicates with AND (the default) or OR; no predicate
// matches everything.
func combine[T any](operator string, preds []func(T) bool, v T) bool {
	if len(preds) == 0 {
		return true
	}
	if operator == "OR" {
		return slices.ContainsFunc(preds, func(p func(T) bool) bool { return p(v) })
	}
	return !slices.ContainsFunc(preds, func(p func(T) bool) bool { return !p(v) })
}

// TokenRequest is a request to the token endpoint
// POST /v1/public/{project_id}/oauth2/token.
type TokenRequest struct {
	ProjectID, GrantType, ClientID, ClientSecret string
	// Scope is the space-separated scopes asked for; empty means all of the
	// client's scopes.
	Scope string
}

// M2MToken runs the client_credentials grant: the client must exist, be
// active and present its current (or, during a rotation, next) secret, and
// may ask only for scopes it holds. The token is an RS256 JWT with sub =
// client_id, iss = stytch.com/<project_id>, aud = [project_id] and scope.
func (s *Service) M2MToken(in TokenRequest) (*AccessToken, error) {
	if in.GrantType != "client_credentials" {
		return nil, errUnsupportedGrant(in.GrantType)
	}
	if err := s.checkProject(in.ProjectID); err != nil {
		return nil, err
	}
	var claims jwt.MapClaims
	err := s.Store.View(func(tx *store.Tx) error {
		c := tx.M2M.Clients.Get(in.ClientID)
		if c == nil || !c.Secrets.Matches(in.ClientSecret) {
			return errInvalidClient("Client authentication failed: unknown client or wrong secret.")
		}
		if c.Status != "active" {
			return errInvalidClient("The M2M client is inactive.")
		}
		scopes := c.Scopes
		if requested := strings.Fields(in.Scope); len(requested) > 0 {
			for _, sc := range requested {
				if !slices.Contains(c.Scopes, sc) {
					return errInvalidScope("The client does not hold the requested scope " + quoteScope(sc) + ".")
				}
			}
			scopes = requested
		}
		claims = jwt.MapClaims{"sub": c.ID, "iss": s.Issuer(), "aud": []string{s.ProjectID},
			"scope": strings.Join(scopes, " "), "iat": tx.Now.Unix(), "nbf": tx.Now.Unix(),
			"exp": tx.Now.Add(M2MTokenLifetime).Unix(), "jti": store.NewToken()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.signAccessToken(claims, M2MTokenLifetime)
}

// quoteScope quotes a requested scope for an error message, cut short so a
// message never carries much caller input.
func quoteScope(sc string) string {
	if len(sc) > 64 {
		sc = sc[:64] + "..."
	}
	return `"` + sc + `"`
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
