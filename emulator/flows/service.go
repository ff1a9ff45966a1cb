// Package flows holds the authentication rules of the Stytch emulator: who
// may log in with what, when tokens expire, what a session carries. Each
// operation runs inside one store transaction and reports failures as *Error
// (Stytch error_type + HTTP status + message); it knows nothing about HTTP
// bodies, which package httpapi builds.
package flows

import (
	"log/slog"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Service runs the flows against a store.
type Service struct {
	// Store is the emulator state.
	Store *store.Store
	// ProjectID is the project the emulator impersonates; it is the JWT
	// audience and part of the issuer.
	ProjectID string
	// Log receives diagnostic lines (never secrets).
	Log *slog.Logger
	// RedirectURL is the URL of the links in emails (magic links, invites,
	// password resets) when a request names none; New sets
	// DefaultRedirectURL.
	RedirectURL string
	// PublicToken is the project's public token, which the browser
	// endpoints (the OAuth and SSO start URLs) require; New sets
	// DefaultPublicToken(projectID).
	PublicToken string

	redirectMu   sync.RWMutex
	redirectURLs map[string]map[string]bool // redirect_urls.go: type ("": any) -> URL keys; nil: any URL

	sigs  sigCache
	certs sync.Map // kid -> DER certificate of the signing key (JWKS x5c)
}

// New returns a Service over st for projectID.
func New(st *store.Store, projectID string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{Store: st, ProjectID: projectID, Log: log, RedirectURL: DefaultRedirectURL,
		PublicToken: DefaultPublicToken(projectID)}
}

// DefaultPublicToken is the public token of a project the emulator makes up
// when none is configured: the project id's suffix after
// "public-token-", so project-test-<uuid> has public-token-test-<uuid>.
func DefaultPublicToken(projectID string) string {
	return "public-token-" + strings.TrimPrefix(projectID, "project-")
}

// CheckPublicToken checks the public_token of a browser request: a missing
// one is public_token_required, one that is not the project's is
// public_token_not_found.
func (s *Service) CheckPublicToken(token string) error {
	switch {
	case token == "":
		return ErrPublicTokenRequired.New()
	case token != s.PublicToken:
		return E(ErrPublicTokenNotFound, "The public_token is not this project's (the emulator's is in GET /emulator/v1/status).")
	}
	return nil
}

// Lockout policy. Stytch locks a user out after repeated failed
// authentication attempts (429 user_lock_limit_reached, with is_locked,
// lock_created_at and lock_expires_at on the user) but does not publish the
// numbers; the emulator uses 10 consecutive failures (wrong OTP codes,
// passwords, TOTP codes across all methods of the user) and a one-hour lock.
// A success clears the counter.
const (
	LockoutThreshold = 10
	LockoutDuration  = time.Hour
)

// Fail counts one failed attempt against u and locks it when the threshold
// is reached. Keep the returned error of the failed check: Fail only records,
// and what it records survives the rollback of that error
// (Tx.KeepOnError), so that failures add up to a lockout.
func (s *Service) Fail(tx *store.Tx, u *store.User) {
	id := u.ID
	tx.KeepOnError(func(tx *store.Tx) {
		u := tx.Users.Get(id)
		if u == nil {
			return
		}
		u.FailedAttempts++
		if u.FailedAttempts >= LockoutThreshold {
			now, until := tx.Now, tx.Now.Add(LockoutDuration)
			u.LockCreatedAt, u.LockExpiresAt = &now, &until
			u.FailedAttempts = 0
		}
	})
}

// Succeed clears the failure counter of u (a lock in force stays).
func (s *Service) Succeed(u *store.User) { u.FailedAttempts = 0 }

// checkLock answers user_lock_limit_reached while u is locked.
func checkLock(tx *store.Tx, u *store.User) error {
	if u.Locked(tx.Now) {
		return ErrUserLocked()
	}
	return nil
}

var (
	phonePattern      = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
	externalIDPattern = regexp.MustCompile(`^[A-Za-z0-9._|-]{1,128}$`)
)

// checkEmail answers invalid_email unless addr is a plain address
// (local@domain, with a dot in the domain).
func checkEmail(addr string) error {
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" {
		return E(ErrInvalidEmail, "The email address is invalid.")
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 1 || !strings.Contains(addr[at+1:], ".") {
		return E(ErrInvalidEmail, "The email address is invalid.")
	}
	return nil
}

// checkPhone answers invalid_phone_number unless number is E.164.
func checkPhone(number string) error {
	if !phonePattern.MatchString(number) {
		return E(ErrInvalidPhoneNumber, "The phone number is invalid; use E.164 format, e.g. +12025550123.")
	}
	return nil
}

// checkExternalID answers invalid_external_id unless id has 1-128 letters,
// digits, '.', '_', '-' or '|'.
func checkExternalID(id string) error {
	if !externalIDPattern.MatchString(id) {
		return E(ErrInvalidExternalID,
			"external_id must be 1 to 128 characters of letters, digits, '.', '_', '-' or '|'.")
	}
	return nil
}

// mergeMetadata applies an update to metadata: top-level keys in update
// replace those in dst, and a key set to null deletes it.
func mergeMetadata(dst, update map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range update {
		if v == nil {
			delete(dst, k)
		} else {
			dst[k] = v
		}
	}
	return dst
}
