package strength

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ccojocar/zxcvbn-go/frequency"
	"github.com/ccojocar/zxcvbn-go/match"
)

// Feedback strings. They follow the wording of the original zxcvbn library,
// which Stytch returns verbatim in feedback.warning and feedback.suggestions.
const (
	warnTop10          = "This is a top-10 common password."
	warnTop100         = "This is a top-100 common password."
	warnVeryCommon     = "This is a very common password."
	warnSimilar        = "This is similar to a commonly used password."
	warnWordByItself   = "A word by itself is easy to guess."
	warnNamesAlone     = "Names and surnames by themselves are easy to guess."
	warnNamesCommon    = "Common names and surnames are easy to guess."
	warnStraightRow    = "Straight rows of keys are easy to guess."
	warnShortKeyboard  = "Short keyboard patterns are easy to guess."
	warnRepeatChar     = `Repeats like "aaa" are easy to guess.`
	warnRepeatWord     = `Repeats like "abcabcabc" are only slightly harder to guess than "abc".`
	warnSequence       = "Sequences like abc or 6543 are easy to guess."
	warnDates          = "Dates are often easy to guess."
	suggestAddWord     = "Add another word or two. Uncommon words are better."
	suggestFewWords    = "Use a few words, avoid common phrases."
	suggestNoSymbols   = "No need for symbols, digits, or uppercase letters."
	suggestCaps        = "Capitalization doesn't help very much."
	suggestAllCaps     = "All-uppercase is almost as easy to guess as all-lowercase."
	suggestL33t        = "Predictable substitutions like '@' instead of 'a' don't help very much."
	suggestKeyboard    = "Use a longer keyboard pattern with more turns."
	suggestRepeats     = "Avoid repeated words and characters."
	suggestSequences   = "Avoid sequences."
	suggestAvoidDates  = "Avoid dates and years that are associated with you."
	keyboardStraightRs = "qwertyuiop asdfghjkl zxcvbnm 1234567890 poiuytrewq lkjhgfdsa mnbvcxz 0987654321"
)

// passwordRanks maps each entry of zxcvbn-go's common-password list to its
// 1-based rank, built once on first use.
var passwordRanks = sync.OnceValue(func() map[string]int {
	list := frequency.Lists["Passwords"].List
	ranks := make(map[string]int, len(list))
	for i, w := range list {
		if _, dup := ranks[strings.ToLower(w)]; !dup {
			ranks[strings.ToLower(w)] = i + 1
		}
	}
	return ranks
})

// feedback derives a warning and suggestions from the zxcvbn match sequence,
// following zxcvbn's rules: nothing for a strong password, generic advice for
// an empty one, otherwise advice about the longest recognised pattern.
func feedback(password string, score int, seq []match.Match) (string, []string) {
	if password == "" {
		return "", []string{suggestFewWords, suggestNoSymbols}
	}
	if score >= ValidScore {
		return "", []string{}
	}
	var longest *match.Match
	patterns := 0
	for i := range seq {
		if seq[i].Pattern == "bruteforce" {
			continue
		}
		patterns++
		if longest == nil || utf8.RuneCountInString(seq[i].Token) > utf8.RuneCountInString(longest.Token) {
			longest = &seq[i]
		}
	}
	suggestions := []string{suggestAddWord}
	if longest == nil {
		return "", suggestions
	}
	sole := patterns == 1 && len(seq) == 1
	warning, extra := matchFeedback(password, *longest, sole)
	return warning, append(suggestions, extra...)
}

// matchFeedback is the per-pattern part of feedback.
func matchFeedback(password string, m match.Match, sole bool) (string, []string) {
	switch m.Pattern {
	case "dictionary":
		return dictionaryFeedback(password, m, sole)
	case "spatial":
		if strings.Contains(keyboardStraightRs, strings.ToLower(m.Token)) {
			return warnStraightRow, []string{suggestKeyboard}
		}
		return warnShortKeyboard, []string{suggestKeyboard}
	case "repeat":
		if r, _ := utf8.DecodeRuneInString(m.Token); strings.Trim(m.Token, string(r)) == "" {
			return warnRepeatChar, []string{suggestRepeats}
		}
		return warnRepeatWord, []string{suggestRepeats}
	case "sequence":
		return warnSequence, []string{suggestSequences}
	case "date":
		return warnDates, []string{suggestAvoidDates}
	}
	return "", nil
}

// dictionaryFeedback handles matches against the password, English, name and
// user-input dictionaries.
func dictionaryFeedback(password string, m match.Match, sole bool) (string, []string) {
	// zxcvbn-go reports l33t matches with the de-substituted token (case
	// otherwise kept), so a token absent from the password means
	// substitutions were undone.
	l33t := !strings.Contains(strings.ToLower(password), strings.ToLower(m.Token))
	var warning string
	switch dict := strings.TrimSuffix(m.DictionaryName, "_3117"); dict {
	case "Passwords":
		switch rank := passwordRanks()[strings.ToLower(m.Token)]; {
		case rank > 0 && rank <= 10:
			warning = warnTop10
		case rank > 0 && rank <= 100:
			warning = warnTop100
		case sole && !l33t:
			warning = warnVeryCommon
		default:
			warning = warnSimilar
		}
	case "English":
		if sole {
			warning = warnWordByItself
		}
	case "MaleNames", "FemaleNames", "Surname":
		warning = warnNamesCommon
		if sole {
			warning = warnNamesAlone
		}
	}
	var suggestions []string
	switch {
	case isAllUpper(m.Token):
		suggestions = append(suggestions, suggestAllCaps)
	case startsUpper(m.Token):
		suggestions = append(suggestions, suggestCaps)
	}
	if l33t {
		suggestions = append(suggestions, suggestL33t)
	}
	return warning, suggestions
}

// startsUpper reports whether s begins with an uppercase letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAllUpper reports whether s has letters and none of them is lowercase.
func isAllUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters && utf8.RuneCountInString(s) > 1
}
