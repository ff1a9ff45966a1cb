package speccompare

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWaive(t *testing.T) {
	ds := []Difference{
		{Method: "POST", Path: "/v1/users", Side: SideResponse, Field: "user.name", Aspect: AspectRequiredOurs},
		{Method: "POST", Path: "/v1/users", Side: SideResponse, Field: "user.roles", Aspect: AspectRequiredTheirs},
		{Method: "POST", Path: "/v1/users", Side: SideResponse, Aspect: AspectStatus, Detail: "theirs 200, ours 201"},
	}
	explains := Evidence{
		Operation: "POST /v1/users", Side: SideResponse, Field: "user.name", Aspect: AspectRequiredOurs,
		Reason: "real responses always carry it", Source: "https://example.com/docs/user-object",
	}
	stale := Evidence{
		Operation: "POST /v1/users", Side: SideRequest, Field: "user.name", Aspect: AspectRequiredOurs,
		Reason: "the other side", Source: "https://example.com/docs/user-object",
	}
	unexplained, staleOut, err := Waive(ds, []Evidence{explains, stale})
	require.NoError(t, err)
	assert.Equal(t, ds[1:], unexplained)
	assert.Equal(t, []Evidence{stale}, staleOut)
	assert.Equal(t, "POST /v1/users required-ours request.user.name", stale.String())

	unexplained, staleOut, err = Waive(ds, nil)
	require.NoError(t, err)
	assert.Equal(t, ds, unexplained)
	assert.Empty(t, staleOut)
}

func TestWaiveRejectsFaultyEvidence(t *testing.T) {
	good := Evidence{
		Operation: "POST /v1/users", Side: SideResponse, Field: "user.name", Aspect: AspectRequiredOurs,
		Reason: "why", Source: "https://example.com/x",
	}
	for name, tc := range map[string]struct {
		edit func(*Evidence)
		want string
	}{
		"aspect":    {func(e *Evidence) { e.Aspect = AspectMissing }, "not a required-ness direction"},
		"operation": {func(e *Evidence) { e.Operation = "/v1/users" }, "is not \"METHOD /path\""},
		"side":      {func(e *Evidence) { e.Side = "" }, "neither request nor response"},
		"field":     {func(e *Evidence) { e.Field = "" }, "no field"},
		"reason":    {func(e *Evidence) { e.Reason = " " }, "no reason"},
		"source":    {func(e *Evidence) { e.Source = "stytch.com/docs" }, "not an http(s) URL"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := good
			tc.edit(&bad)
			u, s, err := Waive(nil, []Evidence{good, bad})
			var ee *EvidenceError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, bad, ee.Entry)
			assert.ErrorContains(t, err, tc.want)
			assert.Nil(t, u)
			assert.Nil(t, s)
		})
	}
	_, _, err := Waive(nil, []Evidence{good, good})
	assert.ErrorContains(t, err, "listed twice")
	var ee *EvidenceError
	require.ErrorAs(t, err, &ee)
	assert.NotNil(t, errors.Unwrap(ee))
}
