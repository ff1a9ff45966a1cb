// Command quickstart runs a real Stytch sign-in flow and explains each step:
// it creates a user, signs her in with an email magic link and checks the
// session JWT locally, signs a second person in with an SMS passcode, signs a
// third up and in with a password, then revokes a session.
//
// By default it starts the local Stytch emulator in-process: no keys, no
// network, and every email or SMS lands in the emulator's outbox, where the
// quickstart reads the link or code, as a person would in their inbox.
//
//	go run ./examples/quickstart
//
// With -stytch it talks to a Stytch TEST project instead, taking its
// credentials from STYTCH_PROJECT_ID and STYTCH_SECRET, and uses Stytch's
// documented sandbox addresses, tokens and codes where an inbox is needed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/stytch"
)

func main() {
	live := flag.Bool("stytch", false, "run against a Stytch TEST project (STYTCH_PROJECT_ID, STYTCH_SECRET) instead of the emulator")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, *live); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// inbox is where the quickstart reads what Stytch "sent" to a person.
type inbox interface {
	// magicLink returns the link of the newest email to an address, and its token.
	magicLink(to string) (link, token string, err error)
	// otpCode returns the newest passcode texted to a number.
	otpCode(to string) (string, error)
	// address returns a fresh email address or phone number for one person.
	address(who string, email bool) string
}

// printer numbers the steps and indents their details.
type printer struct {
	out io.Writer
	n   int
}

func (p *printer) step(format string, args ...any) {
	p.n++
	fmt.Fprintf(p.out, "\n%d. "+format+"\n", append([]any{p.n}, args...)...)
}

func (p *printer) detail(format string, args ...any) { fmt.Fprintf(p.out, "   "+format+"\n", args...) }

// run performs the whole flow and explains each step on out.
func run(ctx context.Context, out io.Writer, live bool) error {
	client, box, stop, err := setup(out, live)
	if err != nil {
		return err
	}
	defer stop()
	defer client.Close()
	p := &printer{out: out}

	// Ada: created by the backend, then signs in with an email magic link.
	ada := box.address("ada", true)
	p.step("Create a user for Ada (POST /v1/users)")
	created, err := client.Users.Create(ctx, &stytch.UsersCreateParams{
		Email: new(ada),
		Name:  &stytch.NameInput{FirstName: new("Ada"), LastName: new("Lovelace")},
	})
	switch {
	case stytch.HasErrorType(err, stytch.ErrorTypeDuplicateEmail):
		p.detail("%s already has a user (sandbox address): continuing with it", ada)
	case err != nil:
		return fmt.Errorf("create user: %w", err)
	default:
		p.detail("user %s, email %s, status %s", created.UserID, ada, created.Status)
	}

	p.step("Email Ada a magic link (POST /v1/magic_links/email/login_or_create)")
	sent, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: ada})
	if err != nil {
		return fmt.Errorf("send magic link: %w", err)
	}
	p.detail("Stytch emailed %s (email_id %s); user_created is %v because Ada's user exists, so this is a login link",
		ada, sent.EmailID, sent.UserCreated)
	link, token, err := box.magicLink(ada)
	if err != nil {
		return err
	}
	p.detail("in the inbox: %s", link)

	p.step("Ada clicks the link; your app authenticates its token (POST /v1/magic_links/authenticate)")
	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{
		Token: token, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return fmt.Errorf("authenticate magic link: %w", err)
	}
	p.detail("session %s for Ada (user %s), expires %s", auth.Session.SessionID, auth.UserID,
		auth.Session.ExpiresAt.Format(time.RFC3339))

	p.step("Check Ada's session JWT locally, with no API call (Sessions.AuthenticateJWTLocal)")
	local, err := client.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	if err != nil {
		return fmt.Errorf("local JWT check: %w", err)
	}
	p.detail("valid: session %s, user %s, %d authentication factor(s), verified against the project's JWKS",
		local.SessionID, local.UserID, len(local.AuthenticationFactors))

	// Bob: a new person, signed up and in by an SMS passcode.
	bob := box.address("bob", false)
	p.step("Text Bob a one-time passcode (POST /v1/otps/sms/login_or_create)")
	otp, err := client.OTPs.Sms.LoginOrCreate(ctx, &stytch.OTPsSMSLoginOrCreateParams{PhoneNumber: bob})
	if err != nil {
		return fmt.Errorf("send OTP: %w", err)
	}
	code, err := box.otpCode(bob)
	if err != nil {
		return err
	}
	p.detail("Stytch texted %s (phone_id %s; a new user for Bob: %v); the code in the inbox is %s",
		bob, otp.PhoneID, otp.UserCreated, code)
	otpAuth, err := client.OTPs.Authenticate(ctx, &stytch.OTPsAuthenticateParams{
		MethodID: otp.PhoneID, Code: code, SessionDurationMinutes: new(int32(30)),
	})
	if err != nil {
		return fmt.Errorf("authenticate OTP: %w", err)
	}
	p.detail("Bob entered the code: user %s, session %s", otpAuth.UserID, otpAuth.Session.SessionID)

	// Grace: signs up with a password, then logs in with it.
	grace, password := box.address("grace", true), "correct horse battery staple 1906"
	if _, ok := box.(sandbox); ok {
		grace = "sandbox@stytch.com"
	}
	p.step("Grace signs up with a password (POST /v1/passwords/strength_check, then /v1/passwords)")
	strength, err := client.Passwords.StrengthCheck(ctx, &stytch.PasswordsStrengthCheckParams{Password: password})
	if err != nil {
		return fmt.Errorf("strength check: %w", err)
	}
	p.detail("strength: score %d/4, valid %v", strength.Score, strength.ValidPassword)
	signup, err := client.Passwords.Create(ctx, &stytch.PasswordsCreateParams{
		Email: grace, Password: password, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return fmt.Errorf("password sign-up: %w", err)
	}
	p.detail("user %s for %s", signup.UserID, grace)

	p.step("Grace logs in with her password (POST /v1/passwords/authenticate)")
	login, err := client.Passwords.Authenticate(ctx, &stytch.PasswordsAuthenticateParams{
		Email: grace, Password: password, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return fmt.Errorf("password login: %w", err)
	}
	p.detail("session %s", login.Session.SessionID)

	p.step("Grace logs out: revoke her session (POST /v1/sessions/revoke)")
	if _, err := client.Sessions.Revoke(ctx, &stytch.SessionsRevokeParams{SessionToken: new(login.SessionToken)}); err != nil {
		return fmt.Errorf("revoke: %w", err)
	}
	_, err = client.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionToken: new(login.SessionToken)})
	var apiErr *stytch.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Errorf("a revoked session still authenticates (err %v)", err)
	}
	p.detail("authenticating the revoked session now fails with %s (%d), as it should", apiErr.ErrorType, apiErr.StatusCode)

	fmt.Fprintln(out, "\nDone: three people signed in three ways.")
	if _, ok := box.(outbox); ok {
		fmt.Fprint(out, `
Next:
  go run ./cmd/stytch-emulator     a standalone emulator, with its web UI at /emulator/ui/
  go test ./stytch -run Example    runnable examples of every main flow
  README.md                        the client, the emulator in your own tests, and a curl walkthrough
`)
	}
	return nil
}

// setup builds the client: against the Stytch TEST project of the
// environment when live, else against an in-process emulator on a loopback
// port. It says which on out, loudly.
func setup(out io.Writer, live bool) (*stytch.Client, inbox, func(), error) {
	id, secret := os.Getenv("STYTCH_PROJECT_ID"), os.Getenv("STYTCH_SECRET")
	if live {
		if id == "" || secret == "" {
			return nil, nil, nil, errors.New("-stytch needs STYTCH_PROJECT_ID and STYTCH_SECRET of a TEST project")
		}
		if !strings.HasPrefix(id, "project-test-") {
			return nil, nil, nil, errors.New("-stytch runs only against a TEST project (project-test-...): it creates users")
		}
		var opts []stytch.Option
		if base := os.Getenv("STYTCH_BASE_URL"); base != "" {
			opts = append(opts, stytch.WithBaseURL(base))
		}
		c, err := stytch.NewClient(id, secret, opts...)
		if err != nil {
			return nil, nil, nil, err
		}
		fmt.Fprintf(out, "*** REAL STYTCH: project %s at %s ***\n"+
			"*** This creates users in that project and uses Stytch's sandbox addresses, tokens and codes. ***\n",
			id, c.BaseURL())
		return c, sandbox{}, func() {}, nil
	}
	if id != "" || secret != "" {
		fmt.Fprintln(out, "note: STYTCH_PROJECT_ID/STYTCH_SECRET are set but ignored; run with -stytch to use them.")
	}
	srv := emulator.New(emulator.Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "Local Stytch emulator at %s (project %s): no keys, nothing leaves this machine.\n"+
		"Emails and texts go to its outbox; its web UI is %s/emulator/ui/ while this runs.\n",
		base, emulator.DefaultProjectID, base)
	c, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(base))
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}
	return c, outbox{srv}, stop, err
}

// outbox reads the emulator's sent messages.
type outbox struct{ srv *emulator.Server }

func (o outbox) magicLink(to string) (string, string, error) {
	m, ok := o.srv.LastMessage(to)
	if !ok || m.Token == "" {
		return "", "", fmt.Errorf("no magic link was sent to %s", to)
	}
	return m.Link, m.Token, nil
}

func (o outbox) otpCode(to string) (string, error) {
	m, ok := o.srv.LastMessage(to)
	if !ok || m.Code == "" {
		return "", fmt.Errorf("no passcode was sent to %s", to)
	}
	return m.Code, nil
}

func (outbox) address(who string, email bool) string {
	if email {
		return who + "+" + suffix() + "@example.com"
	}
	return "+1202555" + suffix()[:4]
}

// sandbox answers with Stytch's documented TEST sandbox values: no message is
// really sent to these addresses, and these tokens and codes always work.
type sandbox struct{}

func (sandbox) magicLink(string) (string, string, error) {
	const token = "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94="
	return "(sandbox: no email is sent; Stytch's documented sandbox token is used)", token, nil
}
func (sandbox) otpCode(string) (string, error) { return "000000", nil }
func (sandbox) address(_ string, email bool) string {
	if email {
		return "sandbox@stytch.com"
	}
	return "+10000000000"
}

// suffix makes addresses unique per run (digits only, for phone numbers).
func suffix() string { return fmt.Sprintf("%08d", time.Now().UnixNano()%100000000) }
