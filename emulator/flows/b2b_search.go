package flows

import (
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Organizations.Search and Organizations.Members.Search: AND (default) or
// OR over
// operands {filter_name, filter_value}, ordered by created_at then id,
// paginated by an opaque cursor. Fuzzy filters need at least three
// characters.

// fuzzyMin is the shortest value of a fuzzy filter.
const fuzzyMin = 3

// searchFilter is one compiled operand.
type searchFilter[V any] = func(v *V) bool

// operandParser reads operands with the error types of one search
// ("organization_search" or "member_search").
type operandParser struct{ prefix string }

func (p operandParser) err(suffix, format string, args ...any) error {
	t, ok := LookupErrorType(p.prefix + "_" + suffix)
	if !ok { // every suffix of both searches is in the table (a test checks)
		t = ErrBadRequest
	}
	return E(t, format, args...)
}

// name and value of an operand object.
func (p operandParser) split(op map[string]any) (string, any, error) {
	raw, ok := op["filter_name"]
	if !ok {
		return "", nil, p.err("missing_filter_name", "Every operand needs a filter_name.")
	}
	name, ok := raw.(string)
	if !ok {
		return "", nil, p.err("filter_name_must_be_string", "filter_name must be a string.")
	}
	v, ok := op["filter_value"]
	if !ok || v == nil {
		return "", nil, p.err("missing_filter_value", "The %s filter needs a filter_value.", name)
	}
	return name, v, nil
}

func (p operandParser) strings(name string, v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, p.err("expected_array_of_strings", "filter_value of %s must be a list of strings.", name)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, p.err("expected_array_of_strings", "filter_value of %s must be a list of strings.", name)
		}
		out = append(out, s)
	}
	return out, nil
}

func (p operandParser) fuzzy(name string, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", p.err("expected_string", "filter_value of %s must be a string.", name)
	}
	if len([]rune(s)) < fuzzyMin {
		return "", p.err(strings.TrimSuffix(name, "_fuzzy")+"_fuzzy_too_short", "filter_value of %s needs at least %d characters.", name, fuzzyMin)
	}
	return strings.ToLower(s), nil
}

func (p operandParser) boolean(name string, v any) (bool, error) {
	b, ok := v.(bool)
	if !ok {
		return false, p.err("expected_boolean", "filter_value of %s must be a boolean.", name)
	}
	return b, nil
}

// containsFold reports whether one of have equals one of want, ignoring case.
func containsFold(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if strings.EqualFold(h, w) {
				return true
			}
		}
	}
	return false
}

// searchLimit validates a page size (0: default).
func searchLimit(limit int) (int, error) {
	if limit == 0 {
		return DefaultSearchLimit, nil
	}
	if limit < 1 || limit > MaxSearchLimit {
		return 0, E(ErrInvalidLimit, "limit must be between 1 and %d.", MaxSearchLimit)
	}
	return limit, nil
}

// page returns one page of matches (already in order) and the next cursor.
func page[V any](matches []*V, limit int, cursor string) ([]*V, string, error) {
	offset, err := decodeCursor(cursor)
	if err != nil {
		return nil, "", err
	}
	if offset > len(matches) {
		offset = len(matches)
	}
	end := min(offset+limit, len(matches))
	next := ""
	if end < len(matches) {
		next = encodeCursor(end)
	}
	return matches[offset:end], next, nil
}

// OrgSearchResult is one page of Organizations.
type OrgSearchResult struct {
	Orgs       []OrgView
	Total      int
	NextCursor string
}

// SearchOrganizations searches Organizations by organization_ids,
// organization_slugs, organization_name_fuzzy, organization_slug_fuzzy,
// member_emails, member_email_fuzzy, allowed_domains and
// allowed_domain_fuzzy.
func (s *Service) SearchOrganizations(operator string, operands []map[string]any, limit int, cursor string) (*OrgSearchResult, error) {
	limit, err := searchLimit(limit)
	if err != nil {
		return nil, err
	}
	var out OrgSearchResult
	err = s.Store.View(func(tx *store.Tx) error {
		filters, err := s.orgFilters(tx, operands)
		if err != nil {
			return err
		}
		var matches []*store.Organization
		for _, o := range tx.B2B.Organizations.All() {
			if combine(operator, filters, o) {
				matches = append(matches, o)
			}
		}
		sortByCreated(matches, func(o *store.Organization) (int64, string) { return o.CreatedAt.UnixNano(), o.ID })
		pg, next, err := page(matches, limit, cursor)
		if err != nil {
			return err
		}
		out.Total, out.NextCursor, out.Orgs = len(matches), next, make([]OrgView, 0, len(pg))
		for _, o := range pg {
			out.Orgs = append(out.Orgs, s.orgView(tx, o))
		}
		return nil
	})
	return &out, err
}

// sortByCreated orders entities by creation time, then id.
func sortByCreated[V any](vs []*V, key func(*V) (int64, string)) {
	slices.SortFunc(vs, func(a, b *V) int {
		ta, ia := key(a)
		tb, ib := key(b)
		switch {
		case ta < tb:
			return -1
		case ta > tb:
			return 1
		}
		return strings.Compare(ia, ib)
	})
}

func (s *Service) orgFilters(tx *store.Tx, operands []map[string]any) ([]searchFilter[store.Organization], error) {
	p := operandParser{prefix: "organization_search"}
	var out []searchFilter[store.Organization]
	memberEmails := func(o *store.Organization) []string {
		var emails []string
		for _, id := range tx.B2B.OrganizationMemberIDs(o.ID) {
			if m := tx.B2B.Members.Peek(id); m.Status != store.MemberDeleted {
				emails = append(emails, m.EmailAddress)
			}
		}
		return emails
	}
	for _, op := range operands {
		name, v, err := p.split(op)
		if err != nil {
			return nil, err
		}
		var f searchFilter[store.Organization]
		switch name {
		case "organization_ids", "organization_slugs", "member_emails", "allowed_domains":
			want, err := p.strings(name, v)
			if err != nil {
				return nil, err
			}
			get := map[string]func(o *store.Organization) []string{
				"organization_ids":   func(o *store.Organization) []string { return []string{o.ID} },
				"organization_slugs": func(o *store.Organization) []string { return []string{o.Slug} },
				"member_emails":      memberEmails,
				"allowed_domains":    func(o *store.Organization) []string { return o.EmailAllowedDomains },
			}[name]
			f = func(o *store.Organization) bool { return containsFold(get(o), want) }
		case "organization_name_fuzzy", "organization_slug_fuzzy", "member_email_fuzzy", "allowed_domain_fuzzy":
			want, err := p.fuzzy(name, v)
			if err != nil {
				return nil, err
			}
			get := map[string]func(o *store.Organization) []string{
				"organization_name_fuzzy": func(o *store.Organization) []string { return []string{o.Name} },
				"organization_slug_fuzzy": func(o *store.Organization) []string { return []string{o.Slug} },
				"member_email_fuzzy":      memberEmails,
				"allowed_domain_fuzzy":    func(o *store.Organization) []string { return o.EmailAllowedDomains },
			}[name]
			f = func(o *store.Organization) bool { return fuzzyMatch(get(o), want) }
		default:
			return nil, p.err("filter_name_not_recognized", "Unknown Organization search filter %q.", name)
		}
		out = append(out, f)
	}
	return out, nil
}

// fuzzyMatch reports whether one of have contains want (lower-case).
func fuzzyMatch(have []string, want string) bool {
	return slices.ContainsFunc(have, func(h string) bool { return strings.Contains(strings.ToLower(h), want) })
}

// MemberSearchResult is one page of Members with their Organizations.
type MemberSearchResult struct {
	Members    []MemberView
	Orgs       map[string]OrgView
	Total      int
	NextCursor string
}

// memberStatuses are the values of the statuses filter.
var memberStatuses = []string{store.MemberActive, store.MemberPending, store.MemberInvited, store.MemberDeleted}

// SearchMembers searches the Members of the given Organizations by
// member_ids, member_emails, member_email_fuzzy, member_is_breakglass,
// statuses, member_mfa_phone_numbers, member_mfa_phone_number_fuzzy,
// member_password_exists and member_roles. Deleted Members match only a
// statuses filter that names them. With a member session header, every
// Organization must be the caller's and its Roles must grant search on
// stytch.member.
func (s *Service) SearchMembers(orgRefs []string, operator string, operands []map[string]any, limit int, cursor string, caller B2BCaller) (*MemberSearchResult, error) {
	limit, err := searchLimit(limit)
	if err != nil {
		return nil, err
	}
	out := MemberSearchResult{Orgs: map[string]OrgView{}}
	err = s.Store.View(func(tx *store.Tx) error {
		if len(orgRefs) == 0 {
			return E(ErrMemberSearchOrganizationIDsEmpty, "organization_ids must name at least one Organization.")
		}
		orgs := map[string]*store.Organization{}
		var ids []string
		for _, ref := range orgRefs {
			o, err := b2bOrg(tx, ref)
			if err != nil {
				return err
			}
			if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceMember, Action: "search"}); err != nil {
				return err
			}
			if orgs[o.ID] == nil {
				orgs[o.ID] = o
				ids = append(ids, tx.B2B.OrganizationMemberIDs(o.ID)...)
			}
		}
		filters, wantDeleted, err := memberFilters(tx, orgs, operands)
		if err != nil {
			return err
		}
		var matches []*store.Member
		for _, id := range ids {
			m := tx.B2B.Members.Peek(id)
			if (m.Status != store.MemberDeleted || wantDeleted) && combine(operator, filters, m) {
				matches = append(matches, m)
			}
		}
		sortByCreated(matches, func(m *store.Member) (int64, string) { return m.CreatedAt.UnixNano(), m.ID })
		pg, next, err := page(matches, limit, cursor)
		if err != nil {
			return err
		}
		out.Total, out.NextCursor, out.Members = len(matches), next, make([]MemberView, 0, len(pg))
		for _, m := range pg {
			o := orgs[m.OrganizationID]
			out.Members = append(out.Members, s.memberView(tx, o, m))
			if _, ok := out.Orgs[o.ID]; !ok {
				out.Orgs[o.ID] = s.orgView(tx, o)
			}
		}
		return nil
	})
	return &out, err
}

func memberFilters(tx *store.Tx, orgs map[string]*store.Organization, operands []map[string]any) ([]searchFilter[store.Member], bool, error) {
	p := operandParser{prefix: "member_search"}
	var out []searchFilter[store.Member]
	wantDeleted := false
	for _, op := range operands {
		name, v, err := p.split(op)
		if err != nil {
			return nil, false, err
		}
		var f searchFilter[store.Member]
		switch name {
		case "member_ids", "member_emails", "statuses", "member_mfa_phone_numbers", "member_roles":
			want, err := p.strings(name, v)
			if err != nil {
				return nil, false, err
			}
			get := map[string]func(m *store.Member) []string{
				"member_ids": func(m *store.Member) []string {
					if m.ExternalID == "" {
						return []string{m.ID}
					}
					return []string{m.ID, m.ExternalID}
				},
				"member_emails":            func(m *store.Member) []string { return []string{m.EmailAddress} },
				"statuses":                 func(m *store.Member) []string { return []string{m.Status} },
				"member_mfa_phone_numbers": func(m *store.Member) []string { return []string{m.MFAPhoneNumber} },
				"member_roles":             func(m *store.Member) []string { return roleIDs(memberRoles(tx, orgs[m.OrganizationID], m)) },
			}[name]
			if name == "statuses" {
				for _, st := range want {
					if !slices.Contains(memberStatuses, st) {
						return nil, false, E(ErrSearchInvalidStatusFilter, "%q is not a Member status (active, pending, invited, deleted).", st)
					}
				}
				wantDeleted = wantDeleted || slices.Contains(want, store.MemberDeleted)
			}
			f = func(m *store.Member) bool { return containsFold(get(m), want) }
		case "member_email_fuzzy", "member_mfa_phone_number_fuzzy":
			want, err := p.fuzzy(name, v)
			if err != nil {
				return nil, false, err
			}
			if name == "member_email_fuzzy" {
				f = func(m *store.Member) bool { return fuzzyMatch([]string{m.EmailAddress}, want) }
			} else {
				f = func(m *store.Member) bool {
					return m.MFAPhoneNumber != "" && fuzzyMatch([]string{m.MFAPhoneNumber}, want)
				}
			}
		case "member_is_breakglass", "member_password_exists":
			want, err := p.boolean(name, v)
			if err != nil {
				return nil, false, err
			}
			if name == "member_is_breakglass" {
				f = func(m *store.Member) bool { return m.IsBreakglass == want }
			} else {
				f = func(m *store.Member) bool { return (m.Password != nil) == want }
			}
		default:
			return nil, false, p.err("filter_name_not_recognized", "Unknown Member search filter %q.", name)
		}
		out = append(out, f)
	}
	return out, wantDeleted, nil
}
