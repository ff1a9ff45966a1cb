package strength

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

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
