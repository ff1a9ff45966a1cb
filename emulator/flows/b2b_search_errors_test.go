package flows

import (
	"os"
	"regexp"
	"testing"
)

// TestSearchErrorTypesAreInTheTable: operandParser builds its error types
// from a search's prefix and a suffix; every one it can build must be a row
// of the table, or it would fall back to bad_request.
func TestSearchErrorTypesAreInTheTable(t *testing.T) {
	src, err := os.ReadFile("b2b_search.go")
	if err != nil {
		t.Fatal(err)
	}
	suffixes := map[string]bool{}
	for _, m := range regexp.MustCompile(`p\.err\("([a-z_]+)"`).FindAllSubmatch(src, -1) {
		suffixes[string(m[1])] = true
	}
	for _, m := range regexp.MustCompile(`"([a-z_]+)_fuzzy"`).FindAllSubmatch(src, -1) {
		suffixes[string(m[1])+"_fuzzy_too_short"] = true
	}
	if len(suffixes) < 8 {
		t.Fatalf("found only %d suffixes in b2b_search.go", len(suffixes))
	}
	organizationOnly := map[string]bool{"organization_name_fuzzy_too_short": true,
		"organization_slug_fuzzy_too_short": true, "allowed_domain_fuzzy_too_short": true}
	for s := range suffixes {
		prefixes := []string{"organization_search", "member_search"}
		if organizationOnly[s] {
			prefixes = prefixes[:1]
		}
		if s == "member_mfa_phone_number_fuzzy_too_short" {
			prefixes = prefixes[1:]
		}
		for _, p := range prefixes {
			if _, ok := LookupErrorType(p + "_" + s); !ok {
				t.Errorf("%s_%s is not in the table of error types", p, s)
			}
		}
	}
}
