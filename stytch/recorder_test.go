package stytch_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/internal/recording"
	"github.com/stytchkit/stytchkit/stytch"
)

// recordedFiles reads every recording under dir, keyed by path relative to
// dir, and fails the test on a file that is not a valid recording.
func recordedFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		_, perr := recording.Parse(rel, data)
		require.NoError(t, perr)
		files[filepath.ToSlash(rel)] = data
		return nil
	}))
	return files
}

// opsOf lists the operation directory of every file, in file-name order.
func opsOf(files map[string][]byte) map[string]int {
	ops := map[string]int{}
	for name := range files {
		ops[strings.SplitN(name, "/", 2)[0]]++
	}
	return ops
}

func TestWithRecorderWritesRedactedExchanges(t *testing.T) {
	env := emutest.New(t)
	dir := t.TempDir()
	ctx := context.Background()
	c, err := stytch.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL), stytch.WithRecorder(dir))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })

	const password = "correct-horse-battery-staple-42"
	created, err := c.Passwords.Create(ctx, &stytch.PasswordsCreateParams{Email: "rec@example.com", Password: password,
		SessionDurationMinutes: new(int32(60))})
	require.NoError(t, err)
	require.NotEmpty(t, created.SessionToken)
	require.Len(t, strings.Split(created.SessionJWT, "."), 3, "the caller gets the real JWT")

	_, err = c.MagicLinks.Email.Send(ctx, &stytch.MagicLinksEmailSendParams{Email: "rec@example.com"})
	require.NoError(t, err)
	link := env.LastMessage(t, "rec@example.com")
	require.NotEmpty(t, link.Token)
	auth, err := c.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: link.Token,
		SessionToken: &created.SessionToken})
	require.NoError(t, err)
	assert.Equal(t, created.UserID, auth.UserID)

	sess, err := c.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionJWT: &auth.SessionJWT})
	require.NoError(t, err)
	assert.Equal(t, created.UserID, sess.Session.UserID)

	_, err = c.Passwords.Authenticate(ctx, &stytch.PasswordsAuthenticateParams{Email: "rec@example.com", Password: "wrong-" + password})
	require.Error(t, err)
	assert.Equal(t, http.StatusUnauthorized, stytch.StatusCode(err), "an error answer is recorded too")

	files := recordedFiles(t, dir)
	assert.Equal(t, map[string]int{"PasswordsCreate": 1, "MagicLinksEmailSend": 1, "MagicLinksAuthenticate": 1,
		"SessionsAuthenticate": 1, "PasswordsAuthenticate": 1}, opsOf(files), "one file per call, under its operation")

	secrets := map[string]string{
		"project secret":    env.Server.Secret(),
		"basic credentials": base64.StdEncoding.EncodeToString([]byte(env.Server.ProjectID() + ":" + env.Server.Secret())),
		"password":          password,
		"magic link token":  link.Token,
		"session token":     created.SessionToken,
		"session JWT":       created.SessionJWT,
		"second JWT":        auth.SessionJWT,
		"JWT signature":     auth.SessionJWT[strings.LastIndexByte(auth.SessionJWT, '.')+1:],
	}
	for name, data := range files {
		for what, v := range secrets {
			assert.False(t, bytes.Contains(data, []byte(v)), "%s holds the %s", name, what)
		}
	}
	var withPlaceholder int
	for _, data := range files {
		if bytes.Contains(data, []byte(recording.Placeholder)) {
			withPlaceholder++
		}
	}
	assert.GreaterOrEqual(t, withPlaceholder, 4, "secrets are replaced, not dropped")
}

// doerFunc is a caller-supplied HTTP doer.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

func TestWithRecorderRecordsWhatTheCallersDoerReturns(t *testing.T) {
	const body = `{"request_id":"request-id-test-from-doer","status_code":200,"project_id":"project-test-from-doer"}`
	for _, order := range []string{"WithHTTPClient first", "WithRecorder first"} {
		t.Run(order, func(t *testing.T) {
			dir := t.TempDir()
			var calls atomic.Int32
			canned := doerFunc(func(req *http.Request) (*http.Response, error) {
				calls.Add(1)
				return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
			})
			opts := []stytch.Option{stytch.WithHTTPClient(canned), stytch.WithRecorder(dir)}
			if order == "WithRecorder first" {
				opts[0], opts[1] = opts[1], opts[0]
			}
			c, err := stytch.NewClient("project-test-11111111", "secret-test-SuperSecretValue_123=",
				append([]stytch.Option{stytch.WithBaseURL("https://stytch.invalid/prefix")}, opts...)...)
			require.NoError(t, err)
			t.Cleanup(func() { _ = c.Close() })

			who, err := c.Debug.Whoami(context.Background())
			require.NoError(t, err)
			assert.Equal(t, "project-test-from-doer", who.ProjectID)
			assert.Equal(t, int32(1), calls.Load(), "the caller's doer sends the request")

			files := recordedFiles(t, dir)
			require.Len(t, files, 1, "recorded whatever the option order")
			for name, data := range files {
				assert.True(t, strings.HasPrefix(name, "DebugWhoami/"), name)
				ex, err := recording.Parse(name, data)
				require.NoError(t, err)
				assert.Equal(t, "/v1/debug/whoami", ex.Path, "the base URL's prefix is not part of the recorded path")
				assert.JSONEq(t, body, string(ex.Body))
				assert.NotContains(t, string(data), "SuperSecretValue")
			}
		})
	}
}

func TestWithRecorderRejectsBadSettings(t *testing.T) {
	var cfgErr *stytch.ConfigError
	_, err := stytch.NewClient("project-test-11111111", "secret-test-SuperSecretValue_123=", stytch.WithRecorder(" "))
	require.True(t, errors.As(err, &cfgErr), "%v", err)
	assert.Equal(t, "WithRecorder", cfgErr.Setting)

	dir := t.TempDir()
	_, err = stytch.NewClient("project-test-11111111", "secret-test-SuperSecretValue_123=", stytch.WithRecorder(dir), stytch.WithRecorder(dir))
	require.True(t, errors.As(err, &cfgErr), "%v", err)
	assert.Contains(t, cfgErr.Reason, "twice")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "no I/O before the first call")
}
