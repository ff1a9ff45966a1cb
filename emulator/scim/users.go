package scim

import (
	"encoding/json"
	"net/http"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
	"github.com/elimity-com/scim/schema"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// userJSON is an RFC 7643 User as JSON: the attributes a connection keeps
// (store.SCIMAttributes), decoded from a validated resource and encoded for
// responses.
type userJSON struct {
	UserName          string          `json:"userName"`
	ExternalID        string          `json:"externalId,omitempty"`
	Active            *bool           `json:"active,omitempty"`
	DisplayName       string          `json:"displayName,omitempty"`
	NickName          string          `json:"nickName,omitempty"`
	ProfileURL        string          `json:"profileUrl,omitempty"`
	UserType          string          `json:"userType,omitempty"`
	Title             string          `json:"title,omitempty"`
	PreferredLanguage string          `json:"preferredLanguage,omitempty"`
	Locale            string          `json:"locale,omitempty"`
	Timezone          string          `json:"timezone,omitempty"`
	Name              *nameJSON       `json:"name,omitempty"`
	Emails            []valueJSON     `json:"emails,omitempty"`
	PhoneNumbers      []valueJSON     `json:"phoneNumbers,omitempty"`
	IMs               []valueJSON     `json:"ims,omitempty"`
	Photos            []valueJSON     `json:"photos,omitempty"`
	Entitlements      []valueJSON     `json:"entitlements,omitempty"`
	Roles             []valueJSON     `json:"roles,omitempty"`
	X509Certificates  []valueJSON     `json:"x509Certificates,omitempty"`
	Addresses         []addressJSON   `json:"addresses,omitempty"`
	Enterprise        *enterpriseJSON `json:"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,omitempty"`
}

type nameJSON struct {
	Formatted       string `json:"formatted,omitempty"`
	FamilyName      string `json:"familyName,omitempty"`
	GivenName       string `json:"givenName,omitempty"`
	MiddleName      string `json:"middleName,omitempty"`
	HonorificPrefix string `json:"honorificPrefix,omitempty"`
	HonorificSuffix string `json:"honorificSuffix,omitempty"`
}

type valueJSON struct {
	Value   string `json:"value,omitempty"`
	Type    string `json:"type,omitempty"`
	Primary bool   `json:"primary,omitempty"`
}

type addressJSON struct {
	Formatted     string `json:"formatted,omitempty"`
	StreetAddress string `json:"streetAddress,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postalCode,omitempty"`
	Country       string `json:"country,omitempty"`
	Type          string `json:"type,omitempty"`
	Primary       bool   `json:"primary,omitempty"`
}

type enterpriseJSON struct {
	EmployeeNumber string       `json:"employeeNumber,omitempty"`
	CostCenter     string       `json:"costCenter,omitempty"`
	Organization   string       `json:"organization,omitempty"`
	Division       string       `json:"division,omitempty"`
	Department     string       `json:"department,omitempty"`
	Manager        *managerJSON `json:"manager,omitempty"`
}

type managerJSON struct {
	Value       string `json:"value,omitempty"`
	Ref         string `json:"$ref,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
}

func toValues(in []valueJSON) []store.SCIMValue {
	out := make([]store.SCIMValue, 0, len(in))
	for _, v := range in {
		out = append(out, store.SCIMValue(v))
	}
	return out
}

func fromValues(in []store.SCIMValue) []valueJSON {
	var out []valueJSON
	for _, v := range in {
		out = append(out, valueJSON(v))
	}
	return out
}

// attributesOf decodes a validated User resource. An absent active means
// active (RFC 7643 leaves the default to the service provider).
func attributesOf(res map[string]any) (store.SCIMAttributes, error) {
	raw, err := json.Marshal(res)
	if err != nil {
		return store.SCIMAttributes{}, scimerrors.ScimErrorInvalidValue
	}
	var u userJSON
	if err := json.Unmarshal(raw, &u); err != nil {
		return store.SCIMAttributes{}, scimerrors.ScimErrorInvalidValue
	}
	if u.UserName == "" {
		return store.SCIMAttributes{}, scimerrors.ScimError{ScimType: scimerrors.ScimTypeInvalidValue,
			Detail: "userName is required.", Status: http.StatusBadRequest}
	}
	a := store.SCIMAttributes{UserName: u.UserName, ExternalID: u.ExternalID, Active: u.Active == nil || *u.Active,
		DisplayName: u.DisplayName, NickName: u.NickName, ProfileURL: u.ProfileURL, UserType: u.UserType, Title: u.Title,
		PreferredLanguage: u.PreferredLanguage, Locale: u.Locale, Timezone: u.Timezone,
		Emails: toValues(u.Emails), PhoneNumbers: toValues(u.PhoneNumbers), IMs: toValues(u.IMs), Photos: toValues(u.Photos),
		Entitlements: toValues(u.Entitlements), Roles: toValues(u.Roles), X509Certificates: toValues(u.X509Certificates),
		Addresses: make([]store.SCIMAddress, 0, len(u.Addresses))}
	for _, ad := range u.Addresses {
		a.Addresses = append(a.Addresses, store.SCIMAddress(ad))
	}
	if n := u.Name; n != nil {
		a.Name = &store.SCIMName{Formatted: n.Formatted, FamilyName: n.FamilyName, GivenName: n.GivenName,
			MiddleName: n.MiddleName, HonorificPrefix: n.HonorificPrefix, HonorificSuffix: n.HonorificSuffix}
	}
	if e := u.Enterprise; e != nil {
		a.Enterprise = &store.SCIMEnterprise{EmployeeNumber: e.EmployeeNumber, CostCenter: e.CostCenter,
			Organization: e.Organization, Division: e.Division, Department: e.Department}
		if m := e.Manager; m != nil {
			a.Enterprise.Manager = &store.SCIMManager{Value: m.Value, Ref: m.Ref, DisplayName: m.DisplayName}
		}
	}
	return a, nil
}

// userMap encodes a user as a resource map (with externalId, without id),
// every multi-valued attribute a []any as the filter evaluator expects.
func userMap(u *flows.SCIMUser) map[string]any {
	a := &u.Attributes
	j := userJSON{UserName: a.UserName, ExternalID: a.ExternalID, Active: &u.Active, DisplayName: a.DisplayName,
		NickName: a.NickName, ProfileURL: a.ProfileURL, UserType: a.UserType, Title: a.Title,
		PreferredLanguage: a.PreferredLanguage, Locale: a.Locale, Timezone: a.Timezone,
		Emails: fromValues(a.Emails), PhoneNumbers: fromValues(a.PhoneNumbers), IMs: fromValues(a.IMs),
		Photos: fromValues(a.Photos), Entitlements: fromValues(a.Entitlements), Roles: fromValues(a.Roles),
		X509Certificates: fromValues(a.X509Certificates)}
	for _, ad := range a.Addresses {
		j.Addresses = append(j.Addresses, addressJSON(ad))
	}
	if n := a.Name; n != nil {
		j.Name = &nameJSON{Formatted: n.Formatted, FamilyName: n.FamilyName, GivenName: n.GivenName,
			MiddleName: n.MiddleName, HonorificPrefix: n.HonorificPrefix, HonorificSuffix: n.HonorificSuffix}
	}
	if e := a.Enterprise; e != nil {
		j.Enterprise = &enterpriseJSON{EmployeeNumber: e.EmployeeNumber, CostCenter: e.CostCenter,
			Organization: e.Organization, Division: e.Division, Department: e.Department}
		if m := e.Manager; m != nil {
			j.Enterprise.Manager = &managerJSON{Value: m.Value, Ref: m.Ref, DisplayName: m.DisplayName}
		}
	}
	return toMap(j)
}

// toMap encodes v as a JSON object decoded into a map.
func toMap(v any) map[string]any {
	raw, _ := json.Marshal(v) // plain structs of strings and bools always encode
	out := map[string]any{}
	_ = json.Unmarshal(raw, &out)
	return out
}

// userResource converts a user for the library; groups is read-only.
func userResource(u *flows.SCIMUser) scim.Resource {
	attrs := userMap(u)
	delete(attrs, "externalId")
	groups := make([]any, 0, len(u.Groups))
	for _, g := range u.Groups {
		groups = append(groups, map[string]any{"value": g.ID, "display": g.Name})
	}
	attrs["groups"] = groups
	res := scim.Resource{ID: u.ID, Attributes: attrs, Meta: scim.Meta{Created: &u.Created, LastModified: &u.Modified}}
	if u.Attributes.ExternalID != "" {
		res.ExternalID = optional.NewString(u.Attributes.ExternalID)
	}
	return res
}

// users is the User resource type (with the enterprise extension).
var users = &kind[flows.SCIMUser, store.SCIMAttributes]{
	input: attributesOf, toMap: userMap, resource: userResource,
	id:         func(u *flows.SCIMUser) string { return u.ID },
	create:     (*flows.Service).CreateSCIMUser,
	get:        (*flows.Service).SCIMUserByID,
	list:       (*flows.Service).SCIMUsers,
	replace:    (*flows.Service).ReplaceSCIMUser,
	delete:     (*flows.Service).DeleteSCIMUser,
	core:       schema.CoreUserSchema,
	extensions: []func() schema.Schema{schema.ExtensionEnterpriseUser},
}
