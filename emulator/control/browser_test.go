package control_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/internal/softauthn"
	"github.com/stytchkit/stytchkit/stytch"
)

// Environment variables of the browser test.
const (
	// requireBrowserEnv=1 turns a missing Chromium into a failure (CI sets it).
	requireBrowserEnv = "STYTCHKIT_REQUIRE_BROWSER"
	// chromiumEnv names the browser binary; default: chromium on PATH.
	chromiumEnv = "STYTCHKIT_CHROMIUM"
	// screenshotsEnv, a directory, makes the test write PNGs of the UI's
	// views there (the README's pictures: docs/).
	screenshotsEnv = "STYTCHKIT_UI_SCREENSHOTS"
)

// chromium returns the browser to drive, or skips the test (fails it when
// requireBrowserEnv is 1) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	names := []string{"chromium", "chromium-browser", "google-chrome"}
	if p := os.Getenv(chromiumEnv); p != "" {
		names = []string{p}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium found (looked for %s): install it (apt-get install chromium) or name it in %s",
		strings.Join(names, ", "), chromiumEnv)
	if os.Getenv(requireBrowserEnv) == "1" {
		t.Fatalf("%s; %s=1 requires the browser test", msg, requireBrowserEnv)
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// context for its first tab; both end with the test.
func newBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser now, on the long-lived context (a deadline on the
	// first run would stop the browser with it).
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	return ctx
}

// landing is the app a magic link leads back to: it records each URL its
// /authenticate page is opened at and shows a page saying so.
type landing struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

func newLanding(t *testing.T) *landing {
	l := &landing{}
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/authenticate" {
			http.NotFound(w, r) // the browser asks for /favicon.ico too
			return
		}
		l.mu.Lock()
		l.hits = append(l.hits, r.URL.String())
		l.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>My app</title><h1 id="landed">Back in the app</h1>`)
	}))
	t.Cleanup(l.Close)
	return l
}

// step runs actions with a bound on how long they may take, so that a UI
// that never shows what the test waits for fails the test instead of
// hanging it.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	require.NoError(t, chromedp.Do(sctx, actions...), what)
}

// until waits for a JavaScript expression to be truthy, checking every
// 50ms rather than every animation frame. A poll that lost its JavaScript
// context to a navigation finishing under it starts again in the new one.
func until(expr string) chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond))
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		for {
			v, err := poll(ctx, tg)
			if err == nil || !contextReplaced(err) {
				return v, err
			}
			select {
			case <-ctx.Done():
				return v, errors.Join(err, ctx.Err())
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
}

// contextReplaced reports the DevTools errors of an evaluation in a
// JavaScript context that a navigation has just replaced.
func contextReplaced(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context with specified id") || strings.Contains(msg, "Execution context was destroyed")
}

// evaluate returns the value of a JavaScript expression in the tab of ctx.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

// TestUIInBrowser sends a magic link through the API, opens the UI in a
// real browser, finds the message in the outbox, clicks its link and lands
// on the app with the token, which then authenticates; it then revokes the
// new session from the Sessions view.
func TestUIInBrowser(t *testing.T) {
	exe := chromium(t)
	env := emutest.New(t)
	app := newLanding(t)
	client, err := stytch.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL))
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Close() })
	ctx := context.Background()

	callback := app.URL + "/authenticate"
	sent, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{
		Email: "ada@example.com", LoginMagicLinkURL: &callback, SignupMagicLinkURL: &callback})
	require.NoError(t, err)
	sendMagicLink(t, env, "alan@example.com") // another message, for the filter to hide
	outboxToken := env.LastMessage(t, "ada@example.com").Token

	browser := newBrowser(t, exe)
	step(t, browser, "open the outbox",
		chromedp.Navigate(env.URL+"/emulator/ui/"),
		chromedp.WaitVisible(chromedp.CSS(`#outbox-list li`)),
		until(`document.querySelectorAll('#outbox-list li').length === 2`),
	)
	step(t, browser, "filter by recipient and open the message",
		chromedp.SendKeys(chromedp.CSS(`#outbox-filter`), "ada@"),
		until(`document.querySelectorAll('#outbox-list li').length === 1 &&
			document.querySelector('#outbox-list li .to').textContent === 'ada@example.com'`),
		chromedp.Click(chromedp.CSS(`#outbox-list li`)),
		chromedp.WaitVisible(chromedp.CSS(`#message-link`)),
	)
	shown := evaluate[string](t, browser, `document.querySelector('#message .meta').textContent`)
	assert.Contains(t, shown, outboxToken, "the token is shown")

	opened := chromedp.WaitNewTarget(browser, func(i *target.Info) bool { return strings.HasPrefix(i.URL, app.URL) })
	step(t, browser, "click the link", chromedp.Click(chromedp.CSS(`#message-link`)))
	var tabID target.ID
	select {
	case tabID = <-opened:
	case <-time.After(time.Minute):
		t.Fatal("clicking the magic link opened no tab on the app")
	}
	tab, closeTab := chromedp.NewContext(browser, chromedp.WithTargetID(tabID))
	require.NoError(t, chromedp.Do(tab)) // attach on a context without a deadline: the tab lives as long as it
	step(t, tab, "land on the app", chromedp.WaitVisible(chromedp.CSS(`#landed`)))
	landedAt := evaluate[string](t, tab, `location.href`)
	closeTab()
	// Back to the UI's tab: a hidden tab paints nothing (no clicks, no
	// screenshots).
	_, err = chromedp.Call(browser, page.BringToFront, cdp.Empty{})
	require.NoError(t, err)
	u, err := url.Parse(landedAt)
	require.NoError(t, err)
	assert.Equal(t, "/authenticate", u.Path)
	assert.Equal(t, "magic_links", u.Query().Get("stytch_token_type"))
	assert.Equal(t, outboxToken, u.Query().Get("token"))
	app.mu.Lock()
	assert.Len(t, app.hits, 1, "the app was opened once")
	app.mu.Unlock()

	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{
		Token: u.Query().Get("token"), SessionDurationMinutes: new(int32(60))})
	require.NoError(t, err)
	assert.Equal(t, sent.UserID, auth.UserID)

	step(t, browser, "the link shows as used",
		chromedp.Click(chromedp.CSS(`#refresh`)),
		until(`document.querySelector('#message .meta .badge')?.textContent === 'used'`),
	)
	step(t, browser, "the user and its session",
		chromedp.Navigate(env.URL+"/emulator/ui/#users"),
		until(`[...document.querySelectorAll('#users-list .who')].some(e => e.textContent === 'ada@example.com')`),
		chromedp.Navigate(env.URL+"/emulator/ui/#sessions"),
		until(`document.querySelectorAll('#sessions-list tr').length === 1`),
	)
	step(t, browser, "revoke the session",
		chromedp.Navigate(env.URL+"/emulator/ui/#sessions"),
		chromedp.WaitVisible(chromedp.CSS(`#sessions-list button`)),
		chromedp.Click(chromedp.CSS(`#sessions-list button`)),
		until(`document.querySelectorAll('#sessions-list tr').length === 0`),
	)
	status, body := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": auth.SessionToken})
	assert.Equal(t, http.StatusNotFound, status, "the UI revoked the session: %v", body)

	if dir := os.Getenv(screenshotsEnv); dir != "" {
		screenshots(t, browser, env, dir)
	}
}

// screenshots fills the emulator with a few users of every kind and writes
// the outbox, users and sessions views to dir.
func screenshots(t *testing.T, browser context.Context, env *emutest.Env, dir string) {
	t.Helper()
	seed(t, env)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	shoot := func(name, hash, ready string, extra ...chromedp.Action[chromedp.Void]) {
		actions := append([]chromedp.Action[chromedp.Void]{
			chromedp.EmulateViewport(1280, 800),
			chromedp.Navigate("about:blank"), // a fresh page: no filter left from before
			chromedp.Navigate(env.URL + "/emulator/ui/" + hash),
			until(ready),
		}, extra...)
		start := time.Now()
		step(t, browser, "prepare "+name, actions...)
		t.Logf("%s ready in %s", name, time.Since(start).Round(time.Millisecond))
		png, err := chromedp.Run(browser, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
	}
	shoot("ui-outbox.png", "#outbox", `document.querySelectorAll('#outbox-list li').length >= 6`,
		until(`(() => { [...document.querySelectorAll('#outbox-list li')]
			.find(e => e.querySelector('.to').textContent === 'grace@example.com').click(); return true })()`),
		chromedp.WaitVisible(chromedp.CSS(`#message .email`)))
	shoot("ui-users.png", "#users", `document.querySelectorAll('#users-list details').length >= 6`,
		until(`(() => { const d = [...document.querySelectorAll('#users-list details')]
			.find(e => e.querySelector('.who').textContent === 'grace@example.com'); d.open = true; return d.open })()`))
	shoot("ui-sessions.png", "#sessions", `document.querySelectorAll('#sessions-list tr').length >= 3`)
	shoot("ui-organizations.png", "#organizations", `document.querySelectorAll('#organizations-list details').length >= 2`,
		until(`(() => { const d = [...document.querySelectorAll('#organizations-list details')]
			.find(e => e.querySelector('.who').textContent === 'Initech'); d.open = true; return d.open })()`))
}

// seed signs people up the way an app would, through the API: a password
// user with a TOTP and a passkey, a phone user, a Google user, an invitation, a password
// reset and a passcode by email.
func seed(t *testing.T, env *emutest.Env) {
	t.Helper()
	call := func(path string, body map[string]any) map[string]any {
		t.Helper()
		status, m := env.DoJSON(t, http.MethodPost, path, body)
		require.Less(t, status, 300, "%s: %v", path, m)
		return m
	}
	grace := call("/v1/passwords", map[string]any{"email": "grace@example.com", "password": "correct-horse-battery-staple-42",
		"session_duration_minutes": 600, "name": map[string]any{"first_name": "Grace", "last_name": "Hopper"}})
	call("/v1/totps", map[string]any{"user_id": grace["user_id"]})
	key := softauthn.New() // a passkey
	start := call("/v1/webauthn/register/start", map[string]any{"user_id": grace["user_id"], "domain": "example.com",
		"authenticator_type": "platform", "user_agent": "Mozilla/5.0 (Macintosh) Safari/17"})
	cred, err := key.Register([]byte(start["public_key_credential_creation_options"].(string)), "https://example.com")
	require.NoError(t, err)
	call("/v1/webauthn/register", map[string]any{"user_id": grace["user_id"], "public_key_credential": string(cred)})
	call("/v1/passwords/email/reset/start", map[string]any{"email": "grace@example.com"})

	call("/v1/otps/sms/login_or_create", map[string]any{"phone_number": "+12025550143"})
	code := env.LastMessage(t, "+12025550143")
	call("/v1/otps/authenticate", map[string]any{"method_id": code.MethodID, "code": code.Code, "session_duration_minutes": 120})

	call("/v1/otps/email/login_or_create", map[string]any{"email": "margaret@example.com"})
	call("/v1/magic_links/email/invite", map[string]any{"email": "katherine@example.com",
		"name": map[string]any{"first_name": "Katherine"}})

	q := url.Values{"public_token": {"public-token-test-00000000-0000-0000-0000-000000000000"}, "login_redirect_url": {"http://localhost:3000/authenticate"},
		"test_identity": {"linus@example.com"}}
	req, err := http.NewRequest(http.MethodGet, env.URL+"/v1/public/oauth/google/start?"+q.Encode(), nil)
	require.NoError(t, err)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	back, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	call("/v1/oauth/authenticate", map[string]any{"token": back.Query().Get("token"), "session_duration_minutes": 60})

	// Two B2B Organizations: one with an admin who signed in, a Member with
	// a password and a pending invitation.
	call("/v1/b2b/organizations", map[string]any{"organization_name": "Globex", "organization_slug": "globex"})
	org := call("/v1/b2b/organizations", map[string]any{"organization_name": "Initech", "organization_slug": "initech",
		"email_allowed_domains": []string{"initech.com"}, "mfa_policy": "OPTIONAL"})
	oid := org["organization"].(map[string]any)["organization_id"].(string)
	call("/v1/b2b/magic_links/email/invite", map[string]any{"organization_id": oid, "email_address": "peter@initech.com",
		"name": "Peter Gibbons", "roles": []string{"stytch_admin"}})
	link, err := url.Parse(env.LastMessage(t, "peter@initech.com").Link)
	require.NoError(t, err)
	call("/v1/b2b/magic_links/authenticate", map[string]any{"magic_links_token": link.Query().Get("token"), "session_duration_minutes": 60})
	call("/v1/b2b/passwords/migrate", map[string]any{"organization_id": oid, "email_address": "milton@initech.com",
		"hash": "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "hash_type": "bcrypt", "name": "Milton Waddams"})
	call("/v1/b2b/magic_links/email/invite", map[string]any{"organization_id": oid, "email_address": "samir@initech.com"})
}

// TestUIOrganizationsInBrowser: a B2B Organization created through the API
// shows in the Organizations view with its Member, the Member's Role and
// live session; the view's button revokes the session.
func TestUIOrganizationsInBrowser(t *testing.T) {
	exe := chromium(t)
	env := emutest.New(t)
	call := func(path string, body map[string]any) map[string]any {
		t.Helper()
		status, m := env.DoJSON(t, http.MethodPost, path, body)
		require.Less(t, status, 300, "%s: %v", path, m)
		return m
	}
	org := call("/v1/b2b/organizations", map[string]any{"organization_name": "Acme Corp", "organization_slug": "acme-corp"})
	oid := org["organization"].(map[string]any)["organization_id"].(string)
	call("/v1/b2b/organizations", map[string]any{"organization_name": "Globex", "organization_slug": "globex"})
	call("/v1/b2b/magic_links/email/invite", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"roles": []string{"stytch_admin"}})
	link, err := url.Parse(env.LastMessage(t, "ada@acme.com").Link)
	require.NoError(t, err)
	auth := call("/v1/b2b/magic_links/authenticate", map[string]any{"magic_links_token": link.Query().Get("token"),
		"session_duration_minutes": 60})

	browser := newBrowser(t, exe)
	step(t, browser, "the organizations, newest first",
		chromedp.Navigate(env.URL+"/emulator/ui/#organizations"),
		until(`document.querySelectorAll('#organizations-list details').length === 2`),
		until(`document.querySelector('#count-organizations').textContent === '2'`),
	)
	step(t, browser, "search and open Acme",
		chromedp.SendKeys(chromedp.CSS(`#organizations-filter`), "ada@acme"),
		until(`document.querySelectorAll('#organizations-list details').length === 1 &&
			document.querySelector('#organizations-list .who').textContent === 'Acme Corp'`),
		chromedp.Click(chromedp.CSS(`#organizations-list summary`)),
		chromedp.WaitVisible(chromedp.CSS(`#organizations-list table.mini`)),
	)
	row := evaluate[string](t, browser, `document.querySelector('#organizations-list table.mini tbody tr').textContent`)
	assert.Contains(t, row, "ada@acme.com")
	assert.Contains(t, row, "active")
	assert.Contains(t, row, "stytch_member, stytch_admin")
	assert.Contains(t, row, auth["member_id"].(string))
	step(t, browser, "revoke the member's sessions",
		chromedp.Click(chromedp.CSS(`#organizations-list table.mini button`)),
		until(`!document.querySelector('#organizations-list table.mini button')`),
	)
	status, body := env.DoJSON(t, http.MethodPost, "/v1/b2b/sessions/authenticate", map[string]any{"session_token": auth["session_token"]})
	assert.Equal(t, http.StatusNotFound, status, "the UI revoked the session: %v", body)
}
