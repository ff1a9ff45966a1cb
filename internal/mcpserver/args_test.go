package mcpserver

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

func parsed(t *testing.T, opID string, raw string) *args {
	t.Helper()
	a, err := parseArgs(loadSpec(t).Operation(opID), json.RawMessage(raw))
	require.NoError(t, err)
	return a
}

func TestDecodeBodyType(t *testing.T) {
	var p stytch.UsersCreateParams
	require.NoError(t, parsed(t, "UsersCreate", `{"email":"a@example.com","create_user_as_pending":false}`).decode(&p))
	require.NotNil(t, p.Email)
	assert.EqualValues(t, "a@example.com", *p.Email)
	require.NotNil(t, p.CreateUserAsPending, "an explicit false survives")
	assert.False(t, *p.CreateUserAsPending)
}

func TestDecodePathIDAndBody(t *testing.T) {
	var p stytch.UsersUpdateParams
	require.NoError(t, parsed(t, "UsersUpdate", `{"user_id":"user-test-1","external_id":"ext-1"}`).decode(&p))
	assert.Equal(t, "user-test-1", p.UserID)
	require.NotNil(t, p.Body.ExternalID)
	assert.Equal(t, "ext-1", *p.Body.ExternalID)
	b, err := json.Marshal(p.Body)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "user-test-1", "path ids never go into the body")
}

func TestDecodeQueryParameter(t *testing.T) {
	var p stytch.SessionsGetParams
	require.NoError(t, parsed(t, "SessionsGet", `{"user_id":"user-test-2"}`).decode(&p))
	assert.Equal(t, "user-test-2", p.UserID)
}

func TestParseArgsRejectsNonObjects(t *testing.T) {
	op := loadSpec(t).Operation("UsersCreate")
	for _, raw := range []string{`[]`, `"x"`, `{`} {
		_, err := parseArgs(op, json.RawMessage(raw))
		var te *ToolError
		require.ErrorAs(t, err, &te, raw)
		assert.Equal(t, ErrInvalidArguments, te.ErrorType)
	}
	a, err := parseArgs(op, nil)
	require.NoError(t, err, "absent arguments are {} (UsersCreate has no required field)")
	assert.Empty(t, a.m)
}
