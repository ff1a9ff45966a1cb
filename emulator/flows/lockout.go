package flows

import (
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

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
// is reached. Keep the returned error of the failed check: Fail only records.
func (s *Service) Fail(tx *store.Tx, u *store.User) {
	u.FailedAttempts++
	if u.FailedAttempts >= LockoutThreshold {
		now, until := tx.Now, tx.Now.Add(LockoutDuration)
		u.LockCreatedAt, u.LockExpiresAt = &now, &until
		u.FailedAttempts = 0
	}
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
