package stytch_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/stytch"
)

// Every example runs against the local emulator started in-process, so it
// needs no keys and no network. Against Stytch, drop WithBaseURL and pass
// the project's own id and secret.

// The client is created once per project and shared; NewClient does no I/O.
func Example() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	user, err := client.Users.Create(context.Background(), &stytch.UsersCreateParams{
		Email: new("ada@example.com"),
		Name:  &stytch.NameInput{FirstName: new("Ada")},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(user.UserID, "user-test-"), user.Status)
	// Output: true active
}

// A magic link login: send the email, then authenticate the token from the
// link (here read from the emulator's outbox) to start a session.
func ExampleMagicLinksEmailService_LoginOrCreate() {
	em := emulator.New(emulator.Config{})
	srv := httptest.NewServer(em)
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()

	sent, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: "grace@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	msg, _ := em.LastMessage("grace@example.com")
	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{
		Token: msg.Token, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("new user:", sent.UserCreated)
	fmt.Println("same user:", auth.UserID == sent.UserID)
	fmt.Println("factor:", auth.Session.AuthenticationFactors[0].Type)
	// Output:
	// new user: true
	// same user: true
	// factor: magic_link
}

// An SMS one-time passcode login.
func ExampleOTPsSmsService_LoginOrCreate() {
	em := emulator.New(emulator.Config{})
	srv := httptest.NewServer(em)
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()

	sent, err := client.OTPs.Sms.LoginOrCreate(ctx, &stytch.OTPsSMSLoginOrCreateParams{PhoneNumber: "+12025550123"})
	if err != nil {
		log.Fatal(err)
	}
	msg, _ := em.LastMessage("+12025550123")
	auth, err := client.OTPs.Authenticate(ctx, &stytch.OTPsAuthenticateParams{
		MethodID: sent.PhoneID, Code: msg.Code, SessionDurationMinutes: new(int32(30)),
	})
	if err != nil {
		log.Fatal(err)
	}
	f := auth.Session.AuthenticationFactors[0]
	fmt.Println(f.Type, f.DeliveryMethod, f.PhoneNumberFactor.PhoneNumber)
	// Output: otp sms +12025550123
}

// Password sign-up and login. A weak or breached password is refused
// (ErrorTypeWeakPassword, ErrorTypeBreachedPassword); StrengthCheck tells
// beforehand.
func ExamplePasswordsService_Create() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()

	_, err = client.Passwords.Create(ctx, &stytch.PasswordsCreateParams{Email: "alan@example.com", Password: "password1"})
	fmt.Println("refused:", stytch.HasErrorType(err, stytch.ErrorTypeWeakPassword) ||
		stytch.HasErrorType(err, stytch.ErrorTypeBreachedPassword))

	const password = "correct horse battery staple 1912"
	strength, err := client.Passwords.StrengthCheck(ctx, &stytch.PasswordsStrengthCheckParams{Password: password})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("valid:", strength.ValidPassword)
	created, err := client.Passwords.Create(ctx, &stytch.PasswordsCreateParams{
		Email: "alan@example.com", Password: password, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		log.Fatal(err)
	}
	login, err := client.Passwords.Authenticate(ctx, &stytch.PasswordsAuthenticateParams{
		Email: "alan@example.com", Password: password, SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("same user:", login.UserID == created.UserID, "factor:", login.Session.AuthenticationFactors[0].Type)

	_, err = client.Passwords.Authenticate(ctx, &stytch.PasswordsAuthenticateParams{Email: "alan@example.com", Password: "wrong " + password})
	fmt.Println("wrong password:", stytch.IsUnauthorized(err))
	// Output:
	// refused: true
	// valid: true
	// same user: true factor: password
	// wrong password: true
}

// Authenticating a session token asks the API each time and also returns a
// fresh session JWT.
func ExampleSessionsService_Authenticate() {
	em := emulator.New(emulator.Config{})
	srv := httptest.NewServer(em)
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	token := login(ctx, client, em, "lin@example.com").SessionToken

	r, err := client.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionToken: &token})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("user:", r.User.Emails[0].Email)
	fmt.Println("has JWT:", r.SessionJWT != "")

	if _, err := client.Sessions.Revoke(ctx, &stytch.SessionsRevokeParams{SessionToken: &token}); err != nil {
		log.Fatal(err)
	}
	_, err = client.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionToken: &token})
	fmt.Println("after revoke:", stytch.IsNotFound(err))
	// Output:
	// user: lin@example.com
	// has JWT: true
	// after revoke: true
}

// Checking a session JWT locally costs no request once the project's keys
// are cached. Options add a maximum token age or an RBAC permission check.
func ExampleSessionsService_AuthenticateJWTLocal() {
	em := emulator.New(emulator.Config{})
	srv := httptest.NewServer(em)
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	auth := login(ctx, client, em, "ken@example.com")

	s, err := client.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, stytch.WithMaxTokenAge(5*time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("session:", s.SessionID == auth.Session.SessionID)
	fmt.Println("factors:", len(s.AuthenticationFactors), s.AuthenticationFactors[0].Type)
	fmt.Println("JWT lifetime:", s.TokenExpiresAt.Sub(s.TokenIssuedAt))

	_, err = client.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, stytch.WithAuthorizationCheck("documents", "write"))
	fmt.Println("may write documents:", !stytch.IsPermissionDenied(err))
	// Output:
	// session: true
	// factors: 1 magic_link
	// JWT lifetime: 5m0s
	// may write documents: false
}

// AuthenticateJWT answers locally while the JWT is fresh and asks the API
// once it has expired: if the session is still alive, the answer carries a
// new JWT to hand back to the user.
func ExampleSessionsService_AuthenticateJWT() {
	em := emulator.New(emulator.Config{})
	srv := httptest.NewServer(em)
	defer srv.Close()
	// WithClock makes local checks follow the emulator's clock, which the
	// example moves forward.
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret,
		stytch.WithBaseURL(srv.URL), stytch.WithClock(em.Now))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	jwt := login(ctx, client, em, "barbara@example.com").SessionJWT

	r, err := client.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &stytch.SessionsAuthenticateParams{SessionJWT: &jwt})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("answered locally:", r.RequestID == "", "same JWT:", r.SessionJWT == jwt)

	if _, err := em.Advance(6 * time.Minute); err != nil {
		log.Fatal(err)
	}
	_, err = client.Sessions.AuthenticateJWTLocal(ctx, jwt)
	fmt.Println("expired:", errors.Is(err, stytch.ErrJWTExpired))
	r, err = client.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &stytch.SessionsAuthenticateParams{SessionJWT: &jwt})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("answered locally:", r.RequestID == "", "same JWT:", r.SessionJWT == jwt)
	// Output:
	// answered locally: true same JWT: true
	// expired: true
	// answered locally: false same JWT: false
}

// A machine-to-machine client gets an access token (cached and renewed by
// the client) and a service checks it locally with the scopes it requires.
func ExampleM2MService_AuthenticateToken() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	m2m, err := client.M2M.Clients.Create(ctx, &stytch.M2MClientsCreateParams{Scopes: []string{"read:invoices", "write:invoices"}})
	if err != nil {
		log.Fatal(err)
	}
	id, secret := m2m.M2MClient.ClientID, m2m.M2MClient.ClientSecret

	tok, err := client.M2M.Token(ctx, id, secret, []string{"read:invoices"})
	if err != nil {
		log.Fatal(err)
	}
	again, _ := client.M2M.Token(ctx, id, secret, []string{"read:invoices"})
	fmt.Println("cached:", again.AccessToken == tok.AccessToken, "expires in:", tok.ExpiresIn)

	res, err := client.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"read:invoices"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("client:", res.ClientID == id, "scopes:", res.Scopes)

	_, err = client.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"write:invoices"})
	var missing *stytch.ScopeError
	fmt.Println("missing scope:", errors.As(err, &missing) && missing.Missing == "write:invoices")
	// Output:
	// cached: true expires in: 3600
	// client: true scopes: [read:invoices]
	// missing scope: true
}

// API failures are *APIError values: match them with errors.As, or use the
// helpers for the common cases.
func ExampleAPIError() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	_, err = client.Users.Get(context.Background(), &stytch.UsersGetParams{UserID: "user-test-00000000-0000-0000-0000-000000000000"})
	var apiErr *stytch.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.ErrorType)
	}
	fmt.Println("not found:", stytch.IsNotFound(err))
	fmt.Println("user_not_found:", stytch.HasErrorType(err, stytch.ErrorTypeUserNotFound))
	// Output:
	// 404 user_not_found
	// not found: true
	// user_not_found: true
}

// login signs a new user in with a magic link and returns the session.
func login(ctx context.Context, client *stytch.Client, em *emulator.Server, email string) *stytch.MagicLinksAuthenticateResponse {
	if _, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: email}); err != nil {
		log.Fatal(err)
	}
	msg, _ := em.LastMessage(email)
	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: msg.Token, SessionDurationMinutes: new(int32(60))})
	if err != nil {
		log.Fatal(err)
	}
	return auth
}
