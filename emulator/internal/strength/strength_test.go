package strength

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckScoresAndValidity(t *testing.T) {
	cases := []struct {
		password string
		maxScore int
		minScore int
		valid    bool
	}{
		{"password", 0, 0, false},
		{"qwerty", 0, 0, false},
		{"aaaaaaaa", 1, 0, false},
		{"correct horse battery staple", 4, 3, true},
		{"kX9#mP2$vL7!qR", 4, 3, true},
	}
	for _, tc := range cases {
		t.Run(tc.password, func(t *testing.T) {
			r := Check(tc.password, "")
			assert.GreaterOrEqual(t, r.Score, tc.minScore)
			assert.LessOrEqual(t, r.Score, tc.maxScore)
			assert.Equal(t, tc.valid, r.ValidPassword)
			assert.Equal(t, r.Score >= ValidScore, r.ValidPassword)
			if r.ValidPassword {
				assert.Empty(t, r.Warning)
				assert.NotNil(t, r.Suggestions)
				assert.Empty(t, r.Suggestions)
			} else {
				assert.NotEmpty(t, r.Suggestions)
			}
		})
	}
}

func TestCheckUsesEmailAsUserInput(t *testing.T) {
	const pw = "xylophonist.quarrel"
	without := Check(pw, "")
	with := Check(pw, "xylophonist.quarrel@example.com")
	assert.Less(t, with.Score, without.Score, "a password equal to the email's local part must score lower")
	assert.False(t, with.ValidPassword)
}

func TestUserInputs(t *testing.T) {
	assert.Nil(t, UserInputs(""))
	assert.Equal(t, []string{"nolocal"}, UserInputs("NoLocal"))
	assert.Equal(t,
		[]string{"john.smith99@example.com", "john.smith99", "john", "smith"},
		UserInputs(" John.Smith99@Example.com "))
	assert.Equal(t, []string{"al@x.io", "al"}, UserInputs("al@x.io"))
}

func TestCheckLUDS(t *testing.T) {
	cases := []struct {
		password string
		want     LUDSRequirements
	}{
		{"", LUDSRequirements{MissingComplexity: 3, MissingCharacters: 8}},
		{"abc", LUDSRequirements{HasLowerCase: true, MissingComplexity: 2, MissingCharacters: 5}},
		{"abcDEF12", LUDSRequirements{HasLowerCase: true, HasUpperCase: true, HasDigit: true, MissingComplexity: 0, MissingCharacters: 0}},
		{"abc def!", LUDSRequirements{HasLowerCase: true, HasSymbol: true, MissingComplexity: 1}},
		// Non-ASCII letters and emoji count as symbols; length is in runes.
		{"ééééé🔑A1", LUDSRequirements{HasUpperCase: true, HasDigit: true, HasSymbol: true}},
		{"aB3$aB3$aB3$", LUDSRequirements{HasLowerCase: true, HasUpperCase: true, HasDigit: true, HasSymbol: true}},
	}
	for _, tc := range cases {
		t.Run(tc.password, func(t *testing.T) {
			got := CheckLUDS(tc.password, DefaultLUDSPolicy)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, got.MissingCharacters == 0 && got.MissingComplexity == 0, got.Valid())
		})
	}
	strict := CheckLUDS("abcDEF12", LUDSPolicy{MinLength: 12, MinComplexity: 4})
	assert.Equal(t, 1, strict.MissingComplexity)
	assert.Equal(t, 4, strict.MissingCharacters)
	assert.False(t, strict.Valid())
}

func TestCheckReportsLUDSAndBreach(t *testing.T) {
	r := Check("Password1", "a@b.co")
	assert.True(t, r.Breached)
	assert.True(t, r.LUDS.HasUpperCase && r.LUDS.HasLowerCase && r.LUDS.HasDigit)
	assert.Equal(t, 0, r.LUDS.MissingComplexity)
	assert.False(t, r.ValidPassword)
}

func TestBreached(t *testing.T) {
	for _, pw := range []string{"password", "123456", "qwerty123", "PASSWORD", " iloveyou ", "P@ssw0rd"} {
		assert.True(t, Breached(pw), pw)
	}
	for _, pw := range []string{"", "correct horse battery staple", "kX9#mP2$vL7!", "password0000x"} {
		assert.False(t, Breached(pw), pw)
	}
	assert.GreaterOrEqual(t, BreachedCount(), 200)
}

func TestTruncateRunes(t *testing.T) {
	assert.Equal(t, "héé", truncateRunes("héé🔑x", 3))
	assert.Equal(t, "ab", truncateRunes("ab", 5))
	assert.Empty(t, truncateRunes("ab", 0))
}

// Long inputs are capped, so even hostile ones finish quickly; without the
// caps a 256-rune password dense in l33t characters takes many seconds.
func TestCheckLongInputIsBounded(t *testing.T) {
	hostile := strings.Repeat("4@1|0$3!7+(", 200)
	start := time.Now()
	r := Check(hostile, "someone@example.com")
	elapsed := time.Since(start)
	require.Less(t, elapsed, 5*time.Second, "scoring must stay bounded")
	assert.Equal(t, 0, r.LUDS.MissingCharacters)
	assert.True(t, r.LUDS.HasDigit && r.LUDS.HasSymbol)
}

func FuzzCheck(f *testing.F) {
	for _, seed := range []string{"", "password", "p@ssw0rd", "Tr0ub4dor&3", "\xff\xfe", "İstanbul", "2019-01-02", "aaaa", "abcabc"} {
		f.Add(seed, "user@example.com")
	}
	f.Fuzz(func(t *testing.T, password, email string) {
		if len(password) > 96 {
			password = password[:96] // keep each fuzz iteration cheap
		}
		r := Check(password, email)
		assert.GreaterOrEqual(t, r.Score, 0)
		assert.LessOrEqual(t, r.Score, 4)
		assert.GreaterOrEqual(t, r.LUDS.MissingCharacters, 0)
	})
}

func TestFeedback(t *testing.T) {
	cases := []struct {
		password, warning string
		contains          []string
	}{
		{"password", warnTop10, []string{suggestAddWord}},
		{"Password", warnTop10, []string{suggestAddWord, suggestCaps}},
		{"PASSWORD", warnTop10, []string{suggestAddWord, suggestAllCaps}},
		{"p@ssword", warnTop10, []string{suggestAddWord, suggestL33t}},
		{"jennifer", warnNamesAlone, []string{suggestAddWord}},
		{"aaaaaaa", warnRepeatChar, []string{suggestAddWord, suggestRepeats}},
		{"abcdefg", warnSequence, []string{suggestAddWord, suggestSequences}},
		{"zxcvbnm,./", "", []string{suggestAddWord}},
	}
	for _, tc := range cases {
		t.Run(tc.password, func(t *testing.T) {
			r := Check(tc.password, "")
			assert.False(t, r.ValidPassword)
			if tc.warning != "" {
				assert.Equal(t, tc.warning, r.Warning)
			}
			assert.Equal(t, suggestAddWord, r.Suggestions[0], "the generic suggestion comes first")
			for _, s := range tc.contains {
				assert.Contains(t, r.Suggestions, s)
			}
		})
	}
}

func TestFeedbackEmptyPassword(t *testing.T) {
	r := Check("", "")
	assert.Equal(t, 0, r.Score)
	assert.Empty(t, r.Warning)
	assert.Equal(t, []string{suggestFewWords, suggestNoSymbols}, r.Suggestions)
}

func TestFeedbackStrongPasswordIsSilent(t *testing.T) {
	r := Check("correct horse battery staple", "")
	assert.True(t, r.ValidPassword)
	assert.Empty(t, r.Warning)
	assert.Empty(t, r.Suggestions)
}

func TestHelpers(t *testing.T) {
	assert.True(t, startsUpper("Word"))
	assert.False(t, startsUpper("word"))
	assert.False(t, startsUpper(""))
	assert.True(t, isAllUpper("WORD1"))
	assert.False(t, isAllUpper("A"))
	assert.False(t, isAllUpper("123"))
	assert.False(t, isAllUpper("WoRD"))
	assert.Equal(t, 1, passwordRanks()["password"])
}
