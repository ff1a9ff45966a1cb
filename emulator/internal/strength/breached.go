package strength

import (
	_ "embed"
	"strings"
	"sync"
)

// breachedList is a hand-written list of about two hundred of the passwords
// most often seen in public breach corpora. The emulator runs offline, so it
// cannot ask HaveIBeenPwned as Stytch does; this list makes the obvious cases
// ("password", "123456", "qwerty123") behave like production.
//
//go:embed breached.txt
var breachedList string

// breachedSet is breachedList parsed into a lowercase set on first use.
var breachedSet = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 256)
	for line := range strings.Lines(breachedList) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[strings.ToLower(line)] = struct{}{}
	}
	return set
})

// Breached reports whether password, compared case-insensitively and after
// trimming surrounding whitespace, is on the embedded leaked-password list.
func Breached(password string) bool {
	_, ok := breachedSet()[strings.ToLower(strings.TrimSpace(password))]
	return ok
}

// BreachedCount returns the number of distinct entries on the embedded list,
// for diagnostics and tests.
func BreachedCount() int { return len(breachedSet()) }
