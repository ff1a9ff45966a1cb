// Package projectauth checks the project's Basic credentials
// (project_id:secret), the one check shared by the emulated API and its
// control plane.
package projectauth

import (
	"crypto/subtle"
	"net/http"
)

// Realm is the realm of the WWW-Authenticate challenge the control plane
// sends with a 401, so that a browser prompts for the credentials.
const Realm = "Stytch emulator"

// Challenge is the WWW-Authenticate value of a 401 from the control plane.
const Challenge = `Basic realm="` + Realm + `", charset="UTF-8"`

// Credentials are the project id and secret a request must present. The
// zero value accepts nothing.
type Credentials struct {
	projectID, secret []byte
}

// New returns the credentials project id and secret make.
func New(projectID, secret string) Credentials {
	return Credentials{projectID: []byte(projectID), secret: []byte(secret)}
}

// Check reports whether r carries these credentials as HTTP Basic auth. Both
// parts are compared in constant time, whatever the first comparison says.
func (c Credentials) Check(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if !ok || len(c.projectID) == 0 {
		return false
	}
	u := subtle.ConstantTimeCompare([]byte(user), c.projectID)
	p := subtle.ConstantTimeCompare([]byte(pass), c.secret)
	return u&p == 1
}

// String names the credentials without the secret.
func (c Credentials) String() string {
	return "projectauth.Credentials{" + string(c.projectID) + ", secret redacted}"
}

// GoString is String, so that %#v never prints the secret either.
func (c Credentials) GoString() string { return c.String() }
