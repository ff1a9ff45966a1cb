package controlclient_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/controlclient"
	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch"
)

// Each example runs an emulator in-process behind httptest; against a
// standalone one (cmd/stytch-emulator, a container) pass its URL instead.

// Read the outbox: the message the emulator "sent" carries the token and
// the link an email would.
func Example() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	ctx := context.Background()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	cc, err := controlclient.New(srv.URL, emulator.DefaultProjectID, emulator.DefaultSecret)
	if err != nil {
		log.Fatal(err)
	}

	redirect := "http://localhost:3000/authenticate"
	if _, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{
		Email: "ada@example.com", SignupMagicLinkURL: &redirect}); err != nil {
		log.Fatal(err)
	}
	msg, err := cc.LastMessage(ctx, "ada@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.Kind, msg.Status)
	fmt.Println(msg.Subject)
	fmt.Println(strings.HasPrefix(msg.Link, redirect+"?"), strings.Contains(msg.Link, "token="))

	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: msg.Token})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.StatusCode)
	// Output:
	// magic_link active
	// Finish creating your account
	// true true
	// 200
}

// Wait for a message that another part of the system sends.
func ExampleClient_WaitForMessage() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	cc, err := controlclient.New(srv.URL, emulator.DefaultProjectID, emulator.DefaultSecret)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	sent := make(chan error, 1)
	go func() { // the app under test sends a code
		_, err := client.OTPs.Sms.LoginOrCreate(ctx, &stytch.OTPsSMSLoginOrCreateParams{PhoneNumber: "+12025550143"})
		sent <- err
	}()
	msg, err := cc.WaitForMessage(ctx, "+12025550143", func(m controlclient.Message) bool { return m.Kind == "otp" })
	if err != nil {
		log.Fatal(err)
	}
	if err := <-sent; err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.Channel, msg.Kind, len(msg.Code))
	fmt.Println(msg) // String leaves the code out
	// Output:
	// sms otp 6
	// Message{sms otp to +12025550143, active}
}

// Move the clock forward so that a code expires without waiting.
func ExampleClient_Advance() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	ctx := context.Background()
	cc, err := controlclient.New(srv.URL, emulator.DefaultProjectID, emulator.DefaultSecret)
	if err != nil {
		log.Fatal(err)
	}
	before, err := cc.Now(ctx)
	if err != nil {
		log.Fatal(err)
	}
	after, err := cc.Advance(ctx, 2*time.Hour)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(after.Sub(before).Round(time.Hour))
	// Output: 2h0m0s
}

// Make the next request to an endpoint fail, to test how the app copes.
func ExampleClient_InjectFault() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	ctx := context.Background()
	client, err := stytch.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret,
		stytch.WithBaseURL(srv.URL), stytch.WithoutRetries())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	cc, err := controlclient.New(srv.URL, emulator.DefaultProjectID, emulator.DefaultSecret)
	if err != nil {
		log.Fatal(err)
	}

	if err := cc.InjectFault(ctx, controlclient.Fault{Path: "/v1/users", Method: http.MethodPost,
		Status: http.StatusServiceUnavailable, RetryAfter: "1"}); err != nil {
		log.Fatal(err)
	}
	pending, err := cc.Faults(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(pending), "fault queued")

	_, err = client.Users.Create(ctx, &stytch.UsersCreateParams{})
	var apiErr *stytch.APIError
	fmt.Println(errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusServiceUnavailable)
	_, err = client.Users.Create(ctx, &stytch.UsersCreateParams{})
	fmt.Println(err == nil, "(the fault is used up)")
	// Output:
	// 1 fault queued
	// true
	// true (the fault is used up)
}

// Start each test from an empty emulator.
func ExampleClient_Reset() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	ctx := context.Background()
	cc, err := controlclient.New(srv.URL, emulator.DefaultProjectID, emulator.DefaultSecret)
	if err != nil {
		log.Fatal(err)
	}
	if err := cc.Reset(ctx); err != nil {
		log.Fatal(err)
	}
	_, err = cc.LastMessage(ctx, "")
	fmt.Println(errors.Is(err, controlclient.ErrNoMessage))
	// Output: true
}

// Define the project's B2B RBAC policy, as Stytch's Dashboard would: a
// Resource of your app and a Role that may act on it. Stytch's default
// Roles and stytch.* Resources stay.
func ExampleClient_SetB2BRBACPolicy() {
	srv := httptest.NewServer(emulator.New(emulator.Config{}))
	defer srv.Close()
	cc, err := controlclient.New(srv.URL, emulator.DefaultProjectID, emulator.DefaultSecret)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	policy, err := cc.SetB2BRBACPolicy(ctx, gen.Policy{
		Resources: []gen.PolicyResource{{ResourceID: "documents", Description: "Shared documents.", Actions: []string{"read", "write"}}},
		Roles: []gen.PolicyRole{{RoleID: "editor", Description: "Edits documents.",
			Permissions: []gen.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"*"}}}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range policy.Roles {
		fmt.Println(r.RoleID)
	}
	fmt.Println(len(policy.Resources) > 1, policy.Resources[0].ResourceID)

	// A permission on a Resource the policy does not define is refused.
	_, err = cc.SetB2BRBACPolicy(ctx, gen.Policy{Roles: []gen.PolicyRole{{RoleID: "viewer",
		Permissions: []gen.PolicyRolePermission{{ResourceID: "reports", Actions: []string{"read"}}}}}})
	var e *controlclient.Error
	fmt.Println(errors.As(err, &e), e.ErrorType)
	// Output:
	// editor
	// stytch_member
	// stytch_admin
	// true documents
	// true invalid_permission_resource
}
