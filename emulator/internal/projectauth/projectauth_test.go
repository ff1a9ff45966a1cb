package projectauth

import (
	"fmt"
	"net/http/httptest"
	"testing"
)

func TestCheck(t *testing.T) {
	c := New("project-test-a", "secret-test-b")
	for _, tc := range []struct {
		name       string
		user, pass string
		basic, ok  bool
	}{
		{"right", "project-test-a", "secret-test-b", true, true},
		{"wrong secret", "project-test-a", "secret-test-x", true, false},
		{"wrong project", "project-test-x", "secret-test-b", true, false},
		{"swapped", "secret-test-b", "project-test-a", true, false},
		{"prefix of the secret", "project-test-a", "secret-test-", true, false},
		{"empty", "", "", true, false},
		{"no header", "", "", false, false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if tc.basic {
			r.SetBasicAuth(tc.user, tc.pass)
		}
		if got := c.Check(r); got != tc.ok {
			t.Errorf("%s: Check = %v, want %v", tc.name, got, tc.ok)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.SetBasicAuth("", "")
	if (Credentials{}).Check(r) {
		t.Error("the zero Credentials accepted empty credentials")
	}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", c)} {
		if s != "projectauth.Credentials{project-test-a, secret redacted}" {
			t.Errorf("printed as %q", s)
		}
	}
}
