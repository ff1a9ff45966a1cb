package stytch

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingDoer answers every request with a canned success and counts them.
type countingDoer struct{ n atomic.Int32 }

func (d *countingDoer) Do(r *http.Request) (*http.Response, error) {
	d.n.Add(1)
	return &http.Response{StatusCode: 200, Header: http.Header{}, Request: r,
		Body: io.NopCloser(strings.NewReader(`{"request_id":"r","status_code":200}`))}, nil
}

// nilOK lists the operations whose params are all optional: nil means empty.
var nilOK = map[string]bool{
	"Users.Search": true, "M2M.Clients.Search": true, "ConnectedApp.Clients.Search": true,
	"Fraud.Rules.List": true, "Fraud.VerdictReasons.List": true,
}

func TestNilParamsIsValidationErrorBeforeIO(t *testing.T) {
	d := &countingDoer{}
	c, err := NewClient(testProjectID, testSecret, WithHTTPClient(d))
	require.NoError(t, err)
	ctx := reflect.ValueOf(context.Background())
	for _, name := range opMethods {
		m, ok := resolveMethod(c, name)
		require.True(t, ok)
		if m.Type().NumIn() != 2 || m.Type().In(0) != reflect.TypeFor[context.Context]() {
			continue // no input (Whoami …), M2M.Token's strings, OAuth.StartURL (no I/O)
		}
		for _, claims := range []bool{false, true} {
			call, name := m, name
			args := []reflect.Value{ctx, reflect.Zero(m.Type().In(1))}
			if claims {
				if call, ok = resolveMethod(c, name+"WithClaims"); !ok {
					continue
				}
				name += "WithClaims"
				args = append(args, reflect.ValueOf(&map[string]any{}))
			}
			before := d.n.Load()
			out := call.Call(args)
			if nilOK[name] {
				assert.Nil(t, out[1].Interface(), "%s: nil params means empty", name)
				continue
			}
			assert.True(t, out[0].IsNil(), name)
			var ve *ValidationError
			require.ErrorAs(t, out[1].Interface().(error), &ve, name)
			assert.Equal(t, "params", ve.Field, name)
			assert.Equal(t, before, d.n.Load(), "%s: no I/O", name)
		}
	}
}

func TestEmptyPathIDIsValidationErrorBeforeIO(t *testing.T) {
	d := &countingDoer{}
	c, err := NewClient(testProjectID, testSecret, WithHTTPClient(d))
	require.NoError(t, err)
	checked := 0
	for _, name := range opMethods {
		m, _ := resolveMethod(c, name)
		if m.Type().NumIn() != 2 || m.Type().In(1).Elem().Kind() != reflect.Struct {
			continue
		}
		pt := m.Type().In(1).Elem()
		var idField string
		for i := range pt.NumField() {
			if _, ok := pt.Field(i).Tag.Lookup("path"); ok && idField == "" {
				idField = pt.Field(i).Name
			}
			if _, ok := pt.Field(i).Tag.Lookup("query"); ok && idField == "" {
				idField = pt.Field(i).Name
			}
		}
		if idField == "" {
			continue
		}
		checked++
		out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), reflect.New(pt)})
		var ve *ValidationError
		require.ErrorAs(t, out[1].Interface().(error), &ve, name)
		assert.Equal(t, idField, ve.Field, name)
		assert.True(t, out[0].IsNil(), name)
	}
	assert.Equal(t, 31, checked, "operations with path ids or required query params")
	assert.Zero(t, d.n.Load(), "no I/O")
}

func TestPathIDsAreEscaped(t *testing.T) {
	seen := make(chan seenRequest, 4)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		seen <- record(r)
		_, _ = w.Write([]byte(`{"request_id":"r","status_code":200}`))
	})
	ctx := context.Background()
	_, err := c.Users.Get(ctx, &UsersGetParams{UserID: "user/../x?admin=1#frag"})
	require.NoError(t, err)
	got := <-seen
	assert.Equal(t, testPrefix+"/v1/users/user%2F..%2Fx%3Fadmin=1%23frag", got.path)
	assert.Empty(t, got.query, "a ? in an id never becomes a query")

	_, err = c.WebAuthn.ListCredentials(ctx, &WebAuthnListCredentialsParams{UserID: "u 1", Domain: "a/b"})
	require.NoError(t, err)
	assert.Equal(t, testPrefix+"/v1/webauthn/credentials/u%201/a%2Fb", (<-seen).path)

	_, err = c.Sessions.Get(ctx, &SessionsGetParams{UserID: "u&x=1"})
	require.NoError(t, err)
	got = <-seen
	assert.Equal(t, testPrefix+"/v1/sessions", got.path)
	assert.Equal(t, "user_id=u%26x%3D1", got.query)
}

func TestExplicitZeroValuesAreSent(t *testing.T) {
	seen := make(chan seenRequest, 2)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		seen <- record(r)
		_, _ = w.Write([]byte(`{"request_id":"r","status_code":201}`))
	})
	ctx := context.Background()
	_, err := c.Users.Create(ctx, &UsersCreateParams{
		Email:               new("ada@example.com"),
		CreateUserAsPending: new(false),
		ExternalID:          new(""),
		Name:                &NameInput{FirstName: new("Ada"), MiddleName: new("")},
	})
	require.NoError(t, err)
	// The explicit "" is sent; the last name, not given, is not (so it is never blanked).
	assert.JSONEq(t, `{"email":"ada@example.com","create_user_as_pending":false,"external_id":"","name":{"first_name":"Ada","middle_name":""}}`, (<-seen).body)

	_, err = c.M2M.Clients.Update(ctx, &M2MClientsUpdateParams{ClientID: "m2m-client-test-1",
		Body: M2MClientsUpdateBody{ClientName: new(""), Scopes: []string{}}})
	require.NoError(t, err)
	got := <-seen
	assert.JSONEq(t, `{"client_name":"","scopes":[]}`, got.body, "path id is not in the body")
	assert.NotContains(t, got.body, "client_id")
}
