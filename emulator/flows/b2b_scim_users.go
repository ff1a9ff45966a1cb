package flows

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The SCIM protocol (RFC 7644) an identity provider speaks with a
// connection's bearer token: its Users are the Members the connection
// provisioned (a SCIM user's id is its member_id). Provisioning creates an
// active Member (or takes over a live Member with the address that has no
// SCIM registration), active false or a DELETE deactivates it (status
// deleted, explicit Roles dropped, sessions revoked), active true
// reactivates it. The emulator/scim package serves the HTTP side.

// SCIMError is an error of the SCIM protocol, answered in the SCIM error
// format (RFC 7644 section 3.12) rather than as a Stytch error: Status, the
// scimType keyword (empty when none fits) and a detail without secrets.
type SCIMError struct {
	Status   int
	ScimType string
	Detail   string
}

// Error implements error.
func (e *SCIMError) Error() string {
	return fmt.Sprintf("scim %d %s: %s", e.Status, e.ScimType, e.Detail)
}

// SCIM scimType keywords (RFC 7644 section 3.12, table 9).
const (
	SCIMInvalidValue = "invalidValue"
	SCIMUniqueness   = "uniqueness"
	SCIMNoTarget     = "noTarget"
)

func scimErr(status int, typ, format string, args ...any) *SCIMError {
	return &SCIMError{Status: status, ScimType: typ, Detail: fmt.Sprintf(format, args...)}
}

// asSCIMError converts a flows error met while serving the SCIM protocol:
// a 400 is an invalidValue, a 409 a uniqueness conflict.
func asSCIMError(err error) error {
	var se *SCIMError
	var fe *Error
	switch {
	case err == nil, errors.As(err, &se):
		return err
	case errors.As(err, &fe):
		typ := ""
		switch fe.Status {
		case http.StatusBadRequest:
			typ = SCIMInvalidValue
		case http.StatusConflict:
			typ = SCIMUniqueness
		}
		return &SCIMError{Status: fe.Status, ScimType: typ, Detail: fe.Message}
	}
	return err
}

// SCIMAuth is the caller of the SCIM protocol: a connection, authenticated
// by one of its bearer tokens.
type SCIMAuth struct {
	ConnectionID, OrganizationID, IdentityProvider string
}

// AuthenticateSCIM checks a bearer token against connection connID (its
// current token or, during a rotation, the next one) in constant time. A
// wrong token and an unknown connection get the same 401.
func (s *Service) AuthenticateSCIM(connID, token string) (*SCIMAuth, error) {
	var out *SCIMAuth
	err := s.Store.View(func(tx *store.Tx) error {
		c := tx.B2B.SCIM.Connections.Peek(connID)
		if c == nil || token == "" || !c.Token.Matches(token) {
			return scimErr(http.StatusUnauthorized, "", "The bearer token is not valid for this SCIM connection.")
		}
		out = &SCIMAuth{ConnectionID: c.ID, OrganizationID: c.OrganizationID, IdentityProvider: c.IdentityProvider}
		return nil
	})
	return out, err
}

// SCIMUser is a provisioned Member as the SCIM protocol shows it.
type SCIMUser struct {
	// ID is the SCIM id, the member_id.
	ID         string
	Attributes store.SCIMAttributes
	// Active is whether the Member is active (not deleted).
	Active            bool
	Groups            []store.SCIMGroupRef
	Created, Modified time.Time
}

func scimUserOf(m *store.Member) SCIMUser {
	r := store.DeepCopy(m.SCIM)
	return SCIMUser{ID: m.ID, Attributes: r.Attributes, Active: m.Status == store.MemberActive, Groups: r.Groups,
		Created: r.CreatedAt, Modified: r.UpdatedAt}
}

// scimConn returns the connection of a SCIM call and its Organization.
func scimConn(tx *store.Tx, connID string) (*store.SCIMConnection, *store.Organization, error) {
	c := tx.B2B.SCIM.Connections.Peek(connID)
	if c == nil {
		return nil, nil, scimErr(http.StatusUnauthorized, "", "The SCIM connection no longer exists.")
	}
	o := tx.B2B.Organizations.Peek(c.OrganizationID)
	if o == nil {
		return nil, nil, scimErr(http.StatusUnauthorized, "", "The SCIM connection no longer exists.")
	}
	return c, o, nil
}

// scimMember returns the Member a connection provisioned with SCIM id id.
func scimMember(tx *store.Tx, c *store.SCIMConnection, id string) (*store.Member, error) {
	m := tx.B2B.Members.Peek(id)
	if m == nil || m.SCIM == nil || m.SCIM.ConnectionID != c.ID || m.SCIM.Removed || m.OrganizationID != c.OrganizationID {
		return nil, scimErr(http.StatusNotFound, "", "User %s not found.", id)
	}
	return tx.B2B.Members.Get(id), nil
}

// SCIMUsers returns the users of a connection, oldest first.
func (s *Service) SCIMUsers(connID string) ([]SCIMUser, error) {
	var out []SCIMUser
	err := s.Store.View(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		for _, id := range s.connectionMemberIDs(tx, c) {
			if m := tx.B2B.Members.Peek(id); !m.SCIM.Removed {
				out = append(out, scimUserOf(m))
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b SCIMUser) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, err
}

// SCIMUserByID returns one user of a connection.
func (s *Service) SCIMUserByID(connID, id string) (*SCIMUser, error) {
	var out SCIMUser
	err := s.Store.View(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		m, err := scimMember(tx, c, id)
		if err != nil {
			return err
		}
		out = scimUserOf(m)
		return nil
	})
	return &out, err
}

// CreateSCIMUser provisions a user (POST /Users). Its userName must be new
// to the connection (409 uniqueness); a user the provider deleted before
// with the same userName comes back as the same Member.
func (s *Service) CreateSCIMUser(connID string, a store.SCIMAttributes) (*SCIMUser, error) {
	var out SCIMUser
	err := s.Store.Update(func(tx *store.Tx) error {
		c, o, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		var m *store.Member
		for _, id := range s.connectionMemberIDs(tx, c) {
			other := tx.B2B.Members.Peek(id)
			if !strings.EqualFold(other.SCIM.Attributes.UserName, a.UserName) {
				continue
			}
			if !other.SCIM.Removed {
				return scimErr(http.StatusConflict, SCIMUniqueness, "A user of this SCIM connection already has this userName.")
			}
			m = tx.B2B.Members.Get(id)
		}
		m, err = s.provision(tx, o, c, m, a)
		if err != nil {
			return err
		}
		out = scimUserOf(m)
		return nil
	})
	return &out, asSCIMError(err)
}

// ReplaceSCIMUser replaces the attributes of a user (PUT, and PATCH once
// its operations are applied): mutate receives the user as stored and
// returns its new attributes, within the same transaction.
func (s *Service) ReplaceSCIMUser(connID, id string, mutate func(SCIMUser) (store.SCIMAttributes, error)) (*SCIMUser, error) {
	var out SCIMUser
	err := s.Store.Update(func(tx *store.Tx) error {
		c, o, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		m, err := scimMember(tx, c, id)
		if err != nil {
			return err
		}
		a, err := mutate(scimUserOf(m))
		if err != nil {
			return err
		}
		for _, oid := range s.connectionMemberIDs(tx, c) {
			other := tx.B2B.Members.Peek(oid)
			if oid != m.ID && !other.SCIM.Removed && strings.EqualFold(other.SCIM.Attributes.UserName, a.UserName) {
				return scimErr(http.StatusConflict, SCIMUniqueness, "A user of this SCIM connection already has this userName.")
			}
		}
		if m, err = s.provision(tx, o, c, m, a); err != nil {
			return err
		}
		out = scimUserOf(m)
		return nil
	})
	return &out, asSCIMError(err)
}

// DeleteSCIMUser deprovisions a user (DELETE Users/{id}): the Member is
// deactivated, leaves its SCIM groups and is no SCIM resource any more.
func (s *Service) DeleteSCIMUser(connID, id string) error {
	err := s.Store.Update(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		m, err := scimMember(tx, c, id)
		if err != nil {
			return err
		}
		if m.Status != store.MemberDeleted {
			s.deprovision(tx, m)
		}
		m.SCIM.Removed, m.SCIM.Attributes.Active, m.SCIM.UpdatedAt = true, false, tx.Now
		for _, g := range tx.B2B.SCIM.MemberGroups(m.ID) {
			g = tx.B2B.SCIM.Groups.Get(g.ID)
			g.MemberIDs = slices.DeleteFunc(g.MemberIDs, func(x string) bool { return x == m.ID })
			g.UpdatedAt = tx.Now
		}
		refreshMemberSCIM(tx, m.ID)
		return nil
	})
	return asSCIMError(err)
}

// provision applies SCIM attributes to a Member (nil: a new one, or the
// live Member with the address if it has no SCIM registration).
func (s *Service) provision(tx *store.Tx, o *store.Organization, c *store.SCIMConnection, m *store.Member, a store.SCIMAttributes) (*store.Member, error) {
	email, err := scimEmail(a)
	if err != nil {
		return nil, err
	}
	if m == nil {
		if ex := tx.B2B.MemberByEmail(o.ID, email); ex != nil {
			if ex.SCIM != nil && !ex.SCIM.Removed {
				return nil, scimErr(http.StatusConflict, SCIMUniqueness, "A Member of this Organization provisioned by SCIM already has this email address.")
			}
			m = tx.B2B.Members.Get(ex.ID)
		} else {
			status := store.MemberActive
			if !a.Active {
				status = store.MemberDeleted
			}
			if m, err = s.newMember(tx, o, email, status); err != nil {
				return nil, err
			}
		}
	}
	if m.SCIM == nil || m.SCIM.ConnectionID != c.ID {
		m.SCIM = &store.MemberSCIM{RegistrationID: tx.NewID(KindSCIMRegistration), ConnectionID: c.ID,
			Groups: []store.SCIMGroupRef{}, GroupRoles: []store.SCIMGroupRole{}, CreatedAt: tx.Now}
	}
	if !strings.EqualFold(m.EmailAddress, email) {
		if err := s.changeEmail(tx, o, m, email, false); err != nil {
			return nil, err
		}
	}
	m.Name = scimName(a)
	m.SCIM.Attributes, m.SCIM.Removed, m.SCIM.UpdatedAt = a, false, tx.Now
	switch {
	case a.Active && m.Status != store.MemberActive:
		if other := tx.B2B.MemberByEmail(o.ID, m.EmailAddress); other != nil && other.ID != m.ID {
			return nil, scimErr(http.StatusConflict, SCIMUniqueness, "Another Member of this Organization now has this email address.")
		}
		m.Status = store.MemberActive
	case !a.Active && m.Status != store.MemberDeleted:
		s.deprovision(tx, m)
	}
	touchMember(tx, m)
	refreshMemberSCIM(tx, m.ID)
	return m, nil
}

// deprovision deactivates a Member as Stytch does when SCIM removes it:
// status deleted, explicit Roles gone, sessions, pending tokens and
// Connected App grants revoked.
func (s *Service) deprovision(tx *store.Tx, m *store.Member) {
	m.Status = store.MemberDeleted
	m.Roles = []string{}
	touchMember(tx, m)
	tx.B2B.ForgetMember(m.ID)
	s.forgetMemberGrants(tx, m.ID)
}

// scimEmail returns the address of a SCIM user: its primary email, else
// its first, else its userName when that is an address.
func scimEmail(a store.SCIMAttributes) (string, error) {
	pick := ""
	for _, e := range a.Emails {
		if e.Value != "" && (pick == "" || e.Primary) {
			pick = e.Value
			if e.Primary {
				break
			}
		}
	}
	if pick == "" && checkEmail(a.UserName) == nil {
		pick = a.UserName
	}
	if pick == "" {
		return "", scimErr(http.StatusBadRequest, SCIMInvalidValue, "The user needs an email address (emails, or a userName that is one).")
	}
	if err := checkEmail(pick); err != nil {
		return "", scimErr(http.StatusBadRequest, SCIMInvalidValue, "The user's email address is invalid.")
	}
	return pick, nil
}

// scimName returns the Member name of a SCIM user: name.formatted, else
// its given and family names, else its displayName.
func scimName(a store.SCIMAttributes) string {
	if n := a.Name; n != nil {
		if n.Formatted != "" {
			return n.Formatted
		}
		if full := strings.TrimSpace(n.GivenName + " " + n.FamilyName); full != "" {
			return full
		}
	}
	return a.DisplayName
}
