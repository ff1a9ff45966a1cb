package b2b_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// The examples run against startFakeStytch, a small in-process stand-in for
// the Stytch B2B API (see fake_test.go) with its own clock and signing keys,
// so they need no keys and no network. Against Stytch, drop WithBaseURL and
// WithClock and pass the project's own id and secret.

// The client is created once per project and shared; NewClient does no I/O.
func Example() {
	srv := startFakeStytch()
	defer srv.Close()
	client, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()

	org, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{
		OrganizationName: "Acme Corp", OrganizationSlug: new("acme"),
	})
	if err != nil {
		log.Fatal(err)
	}
	member, err := client.Organizations.Members.Create(ctx, &b2b.OrganizationsMembersCreateParams{
		OrganizationID: org.Organization.OrganizationID,
		Body:           b2b.OrganizationsMembersCreateBody{EmailAddress: "ada@acme.example", Roles: []string{"stytch_admin"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(org.Organization.OrganizationID, "organization-test-"), org.Organization.OrganizationSlug)
	fmt.Println(member.Member.EmailAddress, member.Member.Roles[1].RoleID)
	// Output:
	// true acme
	// ada@acme.example stytch_admin
}

// An email magic link login to an Organization: send the email, then
// authenticate the token from the link (here read from the fake's outbox)
// to start a member session.
func ExampleMagicLinksEmailService_LoginOrSignup() {
	srv := startFakeStytch()
	defer srv.Close()
	client, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	org, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme Corp", OrganizationSlug: new("acme")})
	if err != nil {
		log.Fatal(err)
	}

	sent, err := client.MagicLinks.Email.LoginOrSignup(ctx, &b2b.MagicLinksEmailLoginOrSignupParams{
		OrganizationID: org.Organization.OrganizationID, EmailAddress: "grace@acme.example",
	})
	if err != nil {
		log.Fatal(err)
	}
	auth, err := client.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{
		MagicLinksToken: srv.LastMagicLink("grace@acme.example"), SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("new member:", sent.MemberCreated)
	fmt.Println("authenticated:", auth.MemberAuthenticated, auth.MemberID == sent.MemberID)
	fmt.Println("session lasts:", auth.MemberSession.ExpiresAt.Sub(auth.MemberSession.StartedAt))
	// Output:
	// new member: true
	// authenticated: true true
	// session lasts: 1h0m0s
}

// A member session JWT checked without a request, with an RBAC
// authorization check against the cached policies.
func ExampleSessionsService_AuthenticateJWTLocal() {
	srv := startFakeStytch()
	defer srv.Close()
	client, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL), stytch.WithClock(srv.Now))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	org, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme Corp", OrganizationSlug: new("acme")})
	if err != nil {
		log.Fatal(err)
	}
	orgID := org.Organization.OrganizationID
	if _, err := client.MagicLinks.Email.LoginOrSignup(ctx, &b2b.MagicLinksEmailLoginOrSignupParams{OrganizationID: orgID, EmailAddress: "ada@acme.example"}); err != nil {
		log.Fatal(err)
	}
	login, err := client.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: srv.LastMagicLink("ada@acme.example")})
	if err != nil {
		log.Fatal(err)
	}

	session, err := client.Sessions.AuthenticateJWTLocal(ctx, login.SessionJWT,
		b2b.WithMaxTokenAge(5*time.Minute),
		b2b.WithAuthorizationCheck(b2b.AuthorizationCheck{OrganizationID: orgID, ResourceID: "documents", Action: "read"}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("member:", session.MemberID == login.MemberID, "organization:", session.OrganizationSlug, "roles:", session.Roles)

	_, err = client.Sessions.AuthenticateJWTLocal(ctx, login.SessionJWT,
		b2b.WithAuthorizationCheck(b2b.AuthorizationCheck{OrganizationID: orgID, ResourceID: "documents", Action: "delete"}))
	var apiErr *stytch.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("delete:", apiErr.StatusCode, apiErr.ErrorType)
	}
	// Output:
	// member: true organization: acme roles: [stytch_member]
	// delete: 403 session_authorization_error
}

// AuthenticateJWT answers from the JWT while it is fresh and asks the API
// once it has expired; the API then issues a new JWT for the live session.
func ExampleSessionsService_AuthenticateJWT() {
	srv := startFakeStytch()
	defer srv.Close()
	client, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL), stytch.WithClock(srv.Now))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	org, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme Corp", OrganizationSlug: new("acme")})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.MagicLinks.Email.LoginOrSignup(ctx, &b2b.MagicLinksEmailLoginOrSignupParams{
		OrganizationID: org.Organization.OrganizationID, EmailAddress: "ada@acme.example"}); err != nil {
		log.Fatal(err)
	}
	login, err := client.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: srv.LastMagicLink("ada@acme.example")})
	if err != nil {
		log.Fatal(err)
	}

	jwt := login.SessionJWT
	r, err := client.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &jwt})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("locally:", r.RequestID == "", "same JWT:", r.SessionJWT == jwt)

	srv.Advance(6 * time.Minute) // the JWT expires; the session lives on
	r, err = client.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &jwt})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("locally:", r.RequestID == "", "same JWT:", r.SessionJWT == jwt)
	// Output:
	// locally: true same JWT: true
	// locally: false same JWT: false
}

// SearchAll walks every page of a search; breaking out of the loop stops
// the requests.
func ExampleOrganizationsService_SearchAll() {
	srv := startFakeStytch()
	defer srv.Close()
	client, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	for _, slug := range []string{"acme", "globex", "initech", "umbrella", "hooli"} {
		if _, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: slug, OrganizationSlug: &slug}); err != nil {
			log.Fatal(err)
		}
	}

	for org, err := range client.Organizations.SearchAll(ctx, &b2b.OrganizationsSearchParams{Limit: new(int32(2))}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(org.OrganizationSlug, " ")
	}
	fmt.Println()
	// Output: acme globex initech umbrella hooli
}
