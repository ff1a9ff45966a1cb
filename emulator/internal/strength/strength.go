// Package strength implements the password checks behind
// POST /v1/passwords/strength_check for the local Stytch emulator.
//
// Check scores a password with zxcvbn (via github.com/ccojocar/zxcvbn-go),
// passing the user's email address and its local part as user inputs so a
// password built from them scores low. It also derives zxcvbn-style feedback
// (warning and suggestions, which the Go port does not produce itself), the
// LUDS requirements against Stytch's default LUDS policy, and a breach flag
// from a small embedded list of the most leaked passwords.
//
// Input size: zxcvbn-go's matchers are super-linear. Only the first
// MaxScoredRunes runes are scored, and the l33t-substitution matcher, whose
// cost grows exponentially with the number of distinct substitutable
// characters, runs only on passwords of at most L33tMaxRunes runes. LUDS and
// breach checks always see the whole password.
package strength

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	zxcvbn "github.com/ccojocar/zxcvbn-go"
	"github.com/ccojocar/zxcvbn-go/match"
	"github.com/ccojocar/zxcvbn-go/matching"
)

const (
	// MaxScoredRunes is how much of a password zxcvbn scores. Beyond it the
	// score is already 4 for anything but pathological repeats, and a
	// 256-rune input costs ~0.1 s without the l33t matcher.
	MaxScoredRunes = 256
	// L33tMaxRunes is the longest password the l33t matcher runs on: at 64
	// runes it costs tens of milliseconds, at 128 it can take seconds.
	L33tMaxRunes = 64
	// ValidScore is the lowest zxcvbn score Stytch accepts (0-4 scale).
	ValidScore = 3
)

// LUDSPolicy is a Lowercase/Uppercase/Digit/Symbol policy. Stytch lets a
// project set the minimum length in [8, 32] and the minimum number of
// character classes in [1, 4].
type LUDSPolicy struct {
	MinLength     int
	MinComplexity int
}

// DefaultLUDSPolicy is the policy Check reports against: at least 8
// characters drawn from at least 3 of the 4 classes.
var DefaultLUDSPolicy = LUDSPolicy{MinLength: 8, MinComplexity: 3}

// LUDSRequirements mirrors the luds_requirements object of a strength check.
type LUDSRequirements struct {
	HasLowerCase bool `json:"has_lower_case"`
	HasUpperCase bool `json:"has_upper_case"`
	HasDigit     bool `json:"has_digit"`
	HasSymbol    bool `json:"has_symbol"`
	// MissingComplexity is how many more character classes are needed.
	MissingComplexity int `json:"missing_complexity"`
	// MissingCharacters is the policy's minimum length minus the password's
	// length in characters (runes), floored at zero.
	MissingCharacters int `json:"missing_characters"`
}

// Valid reports whether the password met the LUDS policy it was checked against.
func (r LUDSRequirements) Valid() bool {
	return r.MissingComplexity == 0 && r.MissingCharacters == 0
}

// Result is the outcome of Check.
type Result struct {
	// Score is the zxcvbn score, 0 (weakest) to 4.
	Score int
	// ValidPassword is Score >= ValidScore, Stytch's zxcvbn acceptance rule.
	ValidPassword bool
	// Breached reports whether the password is on the embedded leaked list.
	// Stytch only runs its breach check when an email is supplied; callers
	// that mimic that should ignore this field when email is empty.
	Breached bool
	// Warning is zxcvbn-style feedback; empty when the password is valid.
	Warning string
	// Suggestions are zxcvbn-style hints; empty (non-nil) when valid.
	Suggestions []string
	// LUDS is computed against DefaultLUDSPolicy.
	LUDS LUDSRequirements
}

// Check scores password for the user with the given email (may be empty).
func Check(password, email string) Result {
	scored := truncateRunes(password, MaxScoredRunes)
	var filters []func(match.Matcher) bool
	if utf8.RuneCountInString(scored) > L33tMaxRunes {
		filters = append(filters, matching.FilterL33tMatcher)
	}
	z := zxcvbn.PasswordStrength(scored, UserInputs(email), filters...)
	warning, suggestions := feedback(scored, z.Score, z.MatchSequence)
	return Result{
		Score:         z.Score,
		ValidPassword: z.Score >= ValidScore,
		Breached:      Breached(password),
		Warning:       warning,
		Suggestions:   suggestions,
		LUDS:          CheckLUDS(password, DefaultLUDSPolicy),
	}
}

// UserInputs returns the zxcvbn user-input dictionary for an email: the
// address itself, its local part, and the local part's alphabetic pieces of
// three or more letters ("john.smith99" gives "john" and "smith"), all
// lowercased. An empty or unparseable email gives nil.
func UserInputs(email string) []string {
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, ok := strings.Cut(email, "@")
	if !ok || local == "" {
		if email == "" {
			return nil
		}
		return []string{email}
	}
	inputs := []string{email, local}
	for piece := range strings.FieldsFuncSeq(local, func(r rune) bool { return r < 'a' || r > 'z' }) {
		if len(piece) >= 3 && piece != local {
			inputs = append(inputs, piece)
		}
	}
	return inputs
}

// CheckLUDS evaluates password against p. Classes follow Stytch's wording:
// lowercase is a-z, uppercase A-Z, digits 0-9, and any other character
// (space, punctuation, emoji, non-Latin letters) counts as a symbol.
func CheckLUDS(password string, p LUDSPolicy) LUDSRequirements {
	var r LUDSRequirements
	n := 0
	for _, c := range password {
		n++
		switch {
		case c >= 'a' && c <= 'z':
			r.HasLowerCase = true
		case c >= 'A' && c <= 'Z':
			r.HasUpperCase = true
		case c >= '0' && c <= '9':
			r.HasDigit = true
		default:
			r.HasSymbol = true
		}
	}
	classes := 0
	for _, has := range []bool{r.HasLowerCase, r.HasUpperCase, r.HasDigit, r.HasSymbol} {
		if has {
			classes++
		}
	}
	r.MissingComplexity = max(0, p.MinComplexity-classes)
	r.MissingCharacters = max(0, p.MinLength-n)
	return r
}

// truncateRunes returns the first n runes of s.
func truncateRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

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
