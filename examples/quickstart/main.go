// Command quickstart runs a real Stytch sign-in flow and prints each step:
// create a user, email magic link, read it from the outbox, authenticate,
// check the session JWT locally, OTP login by SMS, password sign-up and login,
// then revoke the session.
//
// By default it starts the local Stytch emulator in-process, so it needs no
// keys and no network. With STYTCH_PROJECT_ID and STYTCH_SECRET set (a TEST
// project), it talks to Stytch instead and uses Stytch's documented sandbox
// values where a real inbox would be needed.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/stytch"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// inbox is where the quickstart reads what Stytch "sent" to a person.
type inbox interface {
	magicLinkToken(to string) (string, error)
	otpCode(to string) (string, error)
	// address returns the email or phone number the flows should use.
	address(email bool) string
}

// run performs the whole flow and prints each step to out.
func run(ctx context.Context, out io.Writer) error {
	client, box, stop, err := setup()
	if err != nil {
		return err
	}
	defer stop()
	defer client.Close()
	step := func(format string, args ...any) { fmt.Fprintf(out, "==> "+format+"\n", args...) }

	email := box.address(true)
	created, err := client.Users.Create(ctx, &stytch.UsersCreateParams{
		Email: new(email),
		Name:  &stytch.NameInput{FirstName: new("Ada"), LastName: new("Lovelace")},
	})
	switch {
	case stytch.HasErrorType(err, stytch.ErrorTypeDuplicateEmail):
		step("user %s already exists", email)
	case err != nil:
		return fmt.Errorf("create user: %w", err)
	default:
		step("created user %s (%s, status %s)", created.UserID, email, created.Status)
	}

	sent, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: email})
	if err != nil {
		return fmt.Errorf("send magic link: %w", err)
	}
	step("emailed a magic link to %s (email_id %s, new user: %v)", email, sent.EmailID, sent.UserCreated)

	token, err := box.magicLinkToken(email)
	if err != nil {
		return err
	}
	step("read the magic link from the outbox")

	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{
		Token: token, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return fmt.Errorf("authenticate magic link: %w", err)
	}
	step("authenticated: session %s for user %s, expires %s", auth.Session.SessionID, auth.UserID,
		auth.Session.ExpiresAt.Format(time.RFC3339))

	local, err := client.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	if err != nil {
		return fmt.Errorf("local JWT check: %w", err)
	}
	step("checked the session JWT locally (no API call): session %s, user %s, factors %d",
		local.SessionID, local.UserID, len(local.AuthenticationFactors))

	phone := box.address(false)
	otp, err := client.OTPs.Sms.LoginOrCreate(ctx, &stytch.OTPsSMSLoginOrCreateParams{PhoneNumber: phone})
	if err != nil {
		return fmt.Errorf("send OTP: %w", err)
	}
	code, err := box.otpCode(phone)
	if err != nil {
		return err
	}
	step("texted a one-time passcode to %s (phone_id %s)", phone, otp.PhoneID)
	otpAuth, err := client.OTPs.Authenticate(ctx, &stytch.OTPsAuthenticateParams{
		MethodID: otp.PhoneID, Code: code, SessionDurationMinutes: new(int32(30)),
	})
	if err != nil {
		return fmt.Errorf("authenticate OTP: %w", err)
	}
	step("OTP login: user %s, session %s", otpAuth.UserID, otpAuth.Session.SessionID)

	pwEmail, password := "grace+"+suffix()+"@example.com", "correct horse battery staple 1906"
	if _, ok := box.(sandbox); ok {
		pwEmail = "sandbox@stytch.com"
	}
	strength, err := client.Passwords.StrengthCheck(ctx, &stytch.PasswordsStrengthCheckParams{Password: password})
	if err != nil {
		return fmt.Errorf("strength check: %w", err)
	}
	step("password strength: score %d/4, valid %v", strength.Score, strength.ValidPassword)
	signup, err := client.Passwords.Create(ctx, &stytch.PasswordsCreateParams{
		Email: pwEmail, Password: password, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return fmt.Errorf("password sign-up: %w", err)
	}
	step("password sign-up: user %s", signup.UserID)
	login, err := client.Passwords.Authenticate(ctx, &stytch.PasswordsAuthenticateParams{
		Email: pwEmail, Password: password, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return fmt.Errorf("password login: %w", err)
	}
	step("password login: session %s", login.Session.SessionID)

	if _, err := client.Sessions.Revoke(ctx, &stytch.SessionsRevokeParams{SessionToken: new(login.SessionToken)}); err != nil {
		return fmt.Errorf("revoke: %w", err)
	}
	_, err = client.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionToken: new(login.SessionToken)})
	var apiErr *stytch.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Errorf("a revoked session still authenticates (err %v)", err)
	}
	step("revoked the session; authenticating it now fails with %s (%d)", apiErr.ErrorType, apiErr.StatusCode)
	step("done")
	return nil
}

// setup builds the client: against real Stytch when keys are in the
// environment, else against an in-process emulator on a loopback port.
func setup() (*stytch.Client, inbox, func(), error) {
	if id, secret := os.Getenv("STYTCH_PROJECT_ID"), os.Getenv("STYTCH_SECRET"); id != "" || secret != "" {
		var opts []stytch.Option
		if base := os.Getenv("STYTCH_BASE_URL"); base != "" {
			opts = append(opts, stytch.WithBaseURL(base))
		}
		c, err := stytch.NewClient(id, secret, opts...)
		return c, sandbox{}, func() {}, err
	}
	srv := emulator.New(emulator.Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	fmt.Printf("local Stytch emulator on %s (project %s)\n", base, emulator.DefaultProjectID)
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

func (o outbox) magicLinkToken(to string) (string, error) {
	m, ok := o.srv.LastMessage(to)
	if !ok || m.Token == "" {
		return "", fmt.Errorf("no magic link was sent to %s", to)
	}
	return m.Token, nil
}

func (o outbox) otpCode(to string) (string, error) {
	m, ok := o.srv.LastMessage(to)
	if !ok || m.Code == "" {
		return "", fmt.Errorf("no passcode was sent to %s", to)
	}
	return m.Code, nil
}

func (outbox) address(email bool) string {
	if email {
		return "ada+" + suffix() + "@example.com"
	}
	return "+1202555" + suffix()[:4]
}

// sandbox answers with Stytch's documented TEST sandbox values: no message is
// really sent to these addresses, and these tokens and codes always work.
type sandbox struct{}

func (sandbox) magicLinkToken(string) (string, error) {
	return "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=", nil
}
func (sandbox) otpCode(string) (string, error) { return "000000", nil }
func (sandbox) address(email bool) string {
	if email {
		return "sandbox@stytch.com"
	}
	return "+10000000000"
}

// suffix makes addresses unique per run (digits only, for phone numbers).
func suffix() string { return fmt.Sprintf("%08d", time.Now().UnixNano()%100000000) }
