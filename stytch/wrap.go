package stytch

import (
	"net/http"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// init lets a client that wraps this one (package stytch/b2b) run its own
// local checks with this client's settings and lifetime, without either
// package exporting them.
func init() {
	apicall.LocalOf = func(client any) apicall.Local {
		c := client.(*Client)
		return apicall.Local{
			Now: c.auth.now, Leeway: c.auth.leeway, JWKSRefresh: c.auth.refresh, PolicyTTL: c.auth.policy.TTL(),
			Logger: c.auth.logger, CustomBaseURL: c.auth.customBase, OnClose: c.onClose, Refusal: refusal,
		}
	}
}

// refusal is the 403 *APIError of a local authorization check that failed.
func refusal(errorType, message string, cause error) error {
	return &APIError{StatusCode: http.StatusForbidden, ErrorType: errorType, ErrorMessage: message, cause: cause}
}
