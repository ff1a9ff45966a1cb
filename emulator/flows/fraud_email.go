package flows

import (
	"net/mail"
	"strings"
)

// disposableDomains are well-known throwaway-mail providers; subdomains of
// them count too.
var disposableDomains = []string{
	"mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "10minutemail.com",
	"temp-mail.org", "tempmail.com", "yopmail.com", "trashmail.com", "getnada.com", "dispostable.com",
	"maildrop.cc", "throwawaymail.com", "fakeinbox.com", "mintemail.com", "mohmal.com", "emailondeck.com",
	"spamgourmet.com", "mailnesia.com", "tempr.email", "discard.email", "mailcatch.com", "tempmailo.com",
}

// roleLocalParts are mailbox names that usually reach a team, not a person.
var roleLocalParts = []string{
	"abuse", "admin", "administrator", "billing", "contact", "help", "hello", "hostmaster", "hr", "info",
	"jobs", "marketing", "noc", "no-reply", "noreply", "office", "postmaster", "root", "sales", "security",
	"support", "team", "webmaster",
}

// noMailTLDs are reserved top-level domains (RFC 2606, RFC 6761) that never
// receive mail.
var noMailTLDs = []string{"test", "example", "invalid", "localhost", "local"}

// EmailRisk is the computed risk of an email address.
type EmailRisk struct {
	ValidSyntax, RoleAddress, Disposable, HasMX, KnownBounces bool
	// Normalized is the address lower-cased, without a +tag, and, for Gmail,
	// without dots in the local part.
	Normalized string
	// Tumbling counts the characters normalisation removed (a +tag, Gmail
	// dots): the usual way to make many accounts from one inbox.
	Tumbling int
	Score    int    // 0 (none) to 100
	Action   string // ALLOW, CHALLENGE or BLOCK
}

// AssessEmail scores an address from what can be computed offline: syntax,
// disposable domain, role mailbox, tumbling and reserved domains. The score
// adds 60 for a disposable domain, 40 for a domain without mail, 20 for a
// role address and 10 per tumbling character (at most 30); 100 for bad
// syntax. 70 or more recommends BLOCK, 30 or more CHALLENGE, else ALLOW.
// The emulator knows of no bounces.
func AssessEmail(address string) EmailRisk {
	local, domain, ok := splitAddress(address)
	if !ok {
		return EmailRisk{Normalized: strings.ToLower(strings.TrimSpace(address)), Score: 100, Action: "BLOCK"}
	}
	r := EmailRisk{ValidSyntax: true}
	norm := local
	if i := strings.IndexByte(norm, '+'); i > 0 {
		norm = norm[:i]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		norm = strings.ReplaceAll(norm, ".", "")
	}
	r.Tumbling = len(local) - len(norm)
	r.Normalized = norm + "@" + domain
	for _, d := range disposableDomains {
		r.Disposable = r.Disposable || domain == d || strings.HasSuffix(domain, "."+d)
	}
	for _, p := range roleLocalParts {
		r.RoleAddress = r.RoleAddress || norm == p
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	r.HasMX = true
	for _, t := range noMailTLDs {
		r.HasMX = r.HasMX && tld != t
	}
	if r.Disposable {
		r.Score += 60
	}
	if !r.HasMX {
		r.Score += 40
	}
	if r.RoleAddress {
		r.Score += 20
	}
	r.Score = min(r.Score+min(10*r.Tumbling, 30), 100)
	switch {
	case r.Score >= 70:
		r.Action = "BLOCK"
	case r.Score >= 30:
		r.Action = "CHALLENGE"
	default:
		r.Action = "ALLOW"
	}
	return r
}

// splitAddress parses a bare address (no display name) into its lower-cased
// local part and domain; the domain needs a dot.
func splitAddress(address string) (string, string, bool) {
	a, err := mail.ParseAddress(address)
	if err != nil || a.Name != "" || a.Address != strings.TrimSpace(address) {
		return "", "", false
	}
	at := strings.LastIndexByte(a.Address, '@')
	local, domain := strings.ToLower(a.Address[:at]), strings.ToLower(a.Address[at+1:])
	if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return "", "", false
	}
	return local, domain, true
}
