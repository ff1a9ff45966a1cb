// Command b2b-quickstart runs a B2B sign-in flow against the local Stytch
// emulator and explains each step: it creates an Organization, invites its
// first admin and a member by email, logs them in with the magic links read
// from the emulator's outbox, checks a member session JWT locally (with an
// RBAC check against the cached policies), and shows RBAC allowing the admin
// and refusing the member.
//
//	go run ./examples/b2b-quickstart
//
// It needs no keys and no network: the emulator runs in-process.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "b2b-quickstart:", err)
		os.Exit(1)
	}
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
func run(ctx context.Context, out io.Writer) error {
	srv := emulator.New(emulator.Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "Local Stytch emulator at %s (project %s): no keys, nothing leaves this machine.\n"+
		"Emails go to its outbox; its web UI is %s/emulator/ui/ while this runs.\n",
		base, emulator.DefaultProjectID, base)
	client, err := b2b.NewClient(emulator.DefaultProjectID, emulator.DefaultSecret, stytch.WithBaseURL(base))
	if err != nil {
		return err
	}
	defer client.Close()
	p := &printer{out: out}

	p.step("Create an Organization (POST /v1/b2b/organizations)")
	org, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{
		OrganizationName: "Acme", OrganizationSlug: new("acme-" + suffix()),
	})
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	oid := org.Organization.OrganizationID
	p.detail("organization %s, slug %s", oid, org.Organization.OrganizationSlug)

	admin := "ada@acme.example"
	p.step("Invite Ada as the first admin (POST /v1/b2b/magic_links/email/invite, roles [stytch_admin])")
	if _, err := client.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{Body: b2b.MagicLinksEmailInviteBody{
		OrganizationID: oid, EmailAddress: admin, Roles: []string{"stytch_admin"},
		InviteRedirectURL: new("http://localhost:3000/invite"),
	}}); err != nil {
		return fmt.Errorf("invite admin: %w", err)
	}
	ada, err := acceptInvite(ctx, p, srv, client, admin)
	if err != nil {
		return err
	}
	p.detail("Ada is member %s with roles %v, session %s", ada.MemberID, ada.MemberSession.Roles,
		ada.MemberSession.MemberSessionID)

	member := "bob@acme.example"
	p.step("Ada invites Bob, acting with her session (X-Stytch-Member-Session: RBAC lets an admin invite)")
	if _, err := client.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{MemberSessionToken: ada.SessionToken,
		Body: b2b.MagicLinksEmailInviteBody{OrganizationID: oid, EmailAddress: member,
			InviteRedirectURL: new("http://localhost:3000/invite")}}); err != nil {
		return fmt.Errorf("invite member: %w", err)
	}
	bob, err := acceptInvite(ctx, p, srv, client, member)
	if err != nil {
		return err
	}
	p.detail("Bob is member %s with roles %v", bob.MemberID, bob.MemberSession.Roles)

	p.step("Check Bob's session JWT locally, with no API call (Sessions.AuthenticateJWTLocal)")
	local, err := client.Sessions.AuthenticateJWTLocal(ctx, bob.SessionJWT)
	if err != nil {
		return fmt.Errorf("local JWT check: %w", err)
	}
	p.detail("valid: member %s of organization %s (%s), verified against the project's B2B JWKS",
		local.MemberID, local.OrganizationID, local.OrganizationSlug)
	_, err = client.Sessions.AuthenticateJWTLocal(ctx, bob.SessionJWT, b2b.WithAuthorizationCheck(b2b.AuthorizationCheck{
		OrganizationID: oid, ResourceID: "stytch.organization", Action: "update.info.name"}))
	if !stytch.IsPermissionDenied(err) {
		return fmt.Errorf("a member may rename the organization (err %v)", err)
	}
	p.detail("with an RBAC check: may Bob rename the organization? no (%s), decided from the cached policies", errorType(err))

	p.step("Bob tries to invite someone (refused by RBAC), Ada renames the organization (allowed)")
	_, err = client.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{MemberSessionToken: bob.SessionToken,
		Body: b2b.MagicLinksEmailInviteBody{OrganizationID: oid, EmailAddress: "eve@acme.example"}})
	if !stytch.IsPermissionDenied(err) {
		return fmt.Errorf("a member may invite (err %v)", err)
	}
	p.detail("Bob's invite: %s (403)", errorType(err))
	renamed, err := client.Organizations.Update(ctx, &b2b.OrganizationsUpdateParams{OrganizationID: oid,
		MemberSessionToken: ada.SessionToken, Body: b2b.OrganizationsUpdateBody{OrganizationName: new("Acme Inc")}})
	if err != nil {
		return fmt.Errorf("rename organization: %w", err)
	}
	p.detail("Ada renamed the organization to %q", renamed.Organization.OrganizationName)

	fmt.Fprint(out, `
Done: an Organization, an admin and a member, signed in by magic link, checked locally and by RBAC.

Next:
  go run ./examples/quickstart       the Consumer flows (magic links, OTP, passwords)
  go test ./stytch/b2b -run Example  runnable examples of the B2B client
`)
	return nil
}

// acceptInvite reads the invite from the outbox and authenticates its token,
// as the person clicking the link and the app's redirect page would.
func acceptInvite(ctx context.Context, p *printer, srv *emulator.Server, client *b2b.Client, to string) (*b2b.MagicLinksAuthenticateResponse, error) {
	msg, ok := srv.LastMessage(to)
	if !ok || msg.Link == "" {
		return nil, fmt.Errorf("no invite was sent to %s", to)
	}
	p.detail("in %s's inbox: %s", to, msg.Link)
	link, err := url.Parse(msg.Link)
	if err != nil {
		return nil, err
	}
	res, err := client.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{
		MagicLinksToken: link.Query().Get("token"), SessionDurationMinutes: new(int32(60)),
	})
	if err != nil {
		return nil, fmt.Errorf("authenticate %s's invite: %w", to, err)
	}
	return res, nil
}

// errorType is the Stytch error type of err, or its text.
func errorType(err error) string {
	var ae *stytch.APIError
	if errors.As(err, &ae) {
		return ae.ErrorType
	}
	return err.Error()
}

// suffix makes the slug unique per run.
func suffix() string { return fmt.Sprintf("%06d", time.Now().UnixNano()%1000000) }
