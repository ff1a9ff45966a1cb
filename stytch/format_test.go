package stytch

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormattingNeverShowsTheSecret prints the client every way fmt can: the
// secret (and the Basic credential built from it) must never appear.
func TestFormattingNeverShowsTheSecret(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	defer c.Close()
	outputs := []string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		outputs = append(outputs,
			fmt.Sprintf(verb, c), fmt.Sprintf(verb, c.Users), fmt.Sprintf(verb, c.eng), fmt.Sprintf(verb, c.creds))
	}
	outputs = append(outputs, fmt.Sprintf("%+v", *c.eng), fmt.Sprintf("%#v", *c.eng)) //nolint:govet // printing a copy on purpose
	for _, out := range outputs {
		for _, s := range c.creds.redact {
			assert.NotContains(t, out, s)
		}
	}
	assert.Equal(t, "stytch.Client{project: "+testProjectID+", base URL: "+TestBaseURL+"}", c.String())
}
