package main

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// model is everything the templates need.
type model struct {
	packages   []*pkgModel
	gen        *genTypes
	errorTypes []errorTypeRow // x-error-types, by status then type
}

// pkgModel is one client package.
type pkgModel struct {
	name   string // Go package name
	dir    string // directory from the module root
	prefix string // prefix of gen type names stripped in this package ("B2B")
	title  string // "Consumer" or "B2B"
	ops    []*opModel
	svcs   map[string]*svcModel // by chain, e.g. "MagicLinks.Email"
	shared []string             // top-level services taken from package stytch
	types  []string             // gen types aliased (objects and enums)
}

// svcModel is one service type.
type svcModel struct {
	chain string   // "MagicLinks.Email"
	typ   string   // "MagicLinksEmailService"
	file  string   // first segment of its operations' tag, e.g. magic_links
	doc   string   // from the tag of its operations
	subs  []string // chains of its sub-services, sorted
	ops   []*opModel
}

// param is one path, query or header parameter.
type param struct {
	name, goName, goType string
	in                   string // path, query, header
	required, client     bool   // client: filled from the client's project id
}

// opModel is one operation.
type opModel struct {
	id, method, path string
	name             string // operationId without the package prefix
	chain            string // service chain, e.g. "MagicLinks.Email"
	goMethod         string // method name, e.g. "LoginOrCreate"
	summary, doc     string
	params           []param
	body, resp       string // gen type names
	form             bool
	nilEmpty         bool   // x-sdk-nil-params: empty: nil params send {}
	host, auth       string // apicall constant names
	oauth2           bool
	handwritten      bool
	withClaims       bool
	claimsKey        string
	segments         []string
}

// hasInputs reports whether the params are a struct of their own (path,
// query or header parameters, or a bearer token) rather than the body type.
func (o *opModel) hasInputs() bool {
	for _, p := range o.params {
		if !p.client {
			return true
		}
	}
	return o.auth == "AuthBearer"
}

// noParams reports whether the method takes no params at all.
func (o *opModel) noParams() bool { return !o.hasInputs() && o.body == "" }

// sharedServices are the Consumer services the B2B client exposes too: the
// official SDK's B2B client has the same M2M, Connected Apps, fraud, debug
// and project services.
var sharedServices = []string{"ConnectedApp", "Debug", "Fraud", "M2M", "Project"}

var pathParamRe = regexp.MustCompile(`\{([^}]+)\}`)

func buildModel(doc *openapi3.T, g *genTypes) (*model, error) {
	pkgs := map[string]*pkgModel{
		"stytch": {name: "stytch", dir: "stytch", title: "Consumer", svcs: map[string]*svcModel{}},
		"b2b":    {name: "b2b", dir: "stytch/b2b", prefix: "B2B", title: "B2B", svcs: map[string]*svcModel{}, shared: sharedServices},
	}
	tags := map[string]string{}
	for _, t := range doc.Tags {
		tags[t.Name] = t.Description
	}
	paths := doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			sdk, _ := op.Extensions["x-sdk-method"].(string)
			if sdk == "" {
				if _, alias := op.Extensions["x-sdk-alias-of"]; alias {
					continue // another path of an operation the client calls by its main path
				}
				return nil, fmt.Errorf("%s %s: no x-sdk-method", method, path)
			}
			pkg := pkgs["stytch"]
			if isB2B(path, op.OperationID) {
				pkg = pkgs["b2b"]
			}
			o, err := buildOp(doc, g, pkg, method, path, op, sdk)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", method, path, err)
			}
			pkg.ops = append(pkg.ops, o)
			svc := pkg.service(o.chain)
			svc.ops = append(svc.ops, o)
			if svc.doc == "" && len(op.Tags) > 0 {
				svc.doc = tags[op.Tags[0]]
			}
			if top := pkg.service(strings.Split(o.chain, ".")[0]); top.file == "" && len(op.Tags) > 0 {
				top.file = strings.Split(strings.TrimPrefix(op.Tags[0], "b2b."), ".")[0]
			}
		}
	}
	m := &model{gen: g}
	for _, name := range []string{"stytch", "b2b"} {
		pkg := pkgs[name]
		if len(pkg.ops) == 0 {
			continue
		}
		var roots []string
		for _, o := range pkg.ops {
			for _, t := range []string{o.body, o.resp} {
				if t != "" {
					roots = append(roots, t)
				}
			}
		}
		reached := g.reach(roots)
		shadowed := map[string]bool{} // X when B2BX is reachable too: b2b.X names B2BX
		for _, t := range reached {
			if pkg.prefix != "" && strings.HasPrefix(t, pkg.prefix) {
				shadowed[strings.TrimPrefix(t, pkg.prefix)] = true
			}
		}
		for _, t := range reached {
			if g.alias[t] || isOpType(pkg, t) || shadowed[t] {
				continue
			}
			pkg.types = append(pkg.types, t)
		}
		for _, s := range pkg.svcs {
			sort.Strings(s.subs)
			sort.Slice(s.ops, func(i, j int) bool { return s.ops[i].goMethod < s.ops[j].goMethod })
		}
		m.packages = append(m.packages, pkg)
	}
	return m, nil
}

// isB2B reports whether an operation belongs to the B2B client: its path is
// under /v1/b2b/, or it is a B2B browser endpoint elsewhere (the SSO start
// URL, /v1/public/sso/start), whose operationId starts with B2B.
func isB2B(path, operationID string) bool {
	return strings.HasPrefix(path, "/v1/b2b/") || strings.HasPrefix(operationID, "B2B")
}

// isOpType reports whether t is the request or response type of one of
// pkg's operations (those get the operation's own names).
func isOpType(pkg *pkgModel, t string) bool {
	for _, o := range pkg.ops {
		if o.body == t || o.resp == t {
			return true
		}
	}
	return false
}

// service returns the service of chain, creating it and its parents.
func (p *pkgModel) service(chain string) *svcModel {
	if s, ok := p.svcs[chain]; ok {
		return s
	}
	s := &svcModel{chain: chain, typ: strings.ReplaceAll(chain, ".", "") + "Service"}
	p.svcs[chain] = s
	if i := strings.LastIndex(chain, "."); i >= 0 {
		parent := p.service(chain[:i])
		parent.subs = append(parent.subs, chain)
	}
	return s
}

// topServices returns the chains of the top-level services, sorted.
func (p *pkgModel) topServices() []string {
	var out []string
	for chain := range p.svcs {
		if !strings.Contains(chain, ".") {
			out = append(out, chain)
		}
	}
	sort.Strings(out)
	return out
}

func buildOp(doc *openapi3.T, g *genTypes, pkg *pkgModel, method, path string, op *openapi3.Operation, sdk string) (*opModel, error) {
	i := strings.LastIndex(sdk, ".")
	o := &opModel{id: op.OperationID, method: method, path: path, chain: sdk[:i], goMethod: sdk[i+1:],
		name: strings.TrimPrefix(op.OperationID, pkg.prefix), summary: op.Summary, doc: docText(op.Description)}
	o.handwritten, _ = op.Extensions["x-sdk-handwritten"].(bool)
	o.withClaims, _ = op.Extensions["x-sdk-with-claims"].(bool)

	// path segments around the parameters, in order
	locs := pathParamRe.FindAllStringSubmatchIndex(path, -1)
	if len(locs) > 4 {
		return nil, fmt.Errorf("more than 4 path parameters")
	}
	prev := 0
	for _, l := range locs {
		o.segments = append(o.segments, path[prev:l[0]])
		prev = l[1]
	}
	o.segments = append(o.segments, path[prev:])

	for _, ref := range op.Parameters {
		p := ref.Value
		pm := param{name: p.Name, in: p.In, required: p.Required, goName: goName(p.Name)}
		if n, ok := p.Extensions["x-go-name"].(string); ok {
			pm.goName = n
		}
		pm.client, _ = p.Extensions["x-sdk-from-client"].(bool)
		t, err := goParamType(p.Schema.Value, p.Required)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		pm.goType = t
		o.params = append(o.params, pm)
	}
	// order path parameters as in the path
	var pathOrder []param
	for _, l := range locs {
		name := path[l[2]:l[3]]
		found := false
		for _, p := range o.params {
			if p.in == "path" && p.name == name {
				pathOrder = append(pathOrder, p)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("path parameter %s is not declared", name)
		}
	}
	var others []param
	for _, p := range o.params {
		if p.in != "path" {
			others = append(others, p)
		}
	}
	o.params = append(pathOrder, others...)

	if rb := op.RequestBody; rb != nil {
		// OAuth endpoints take a form (RFC 6749) even where JSON is accepted too
		mt := rb.Value.Content.Get("application/x-www-form-urlencoded")
		o.form = mt != nil
		if mt == nil {
			mt = rb.Value.Content.Get("application/json")
		}
		if mt == nil || mt.Schema == nil || mt.Schema.Ref == "" {
			return nil, fmt.Errorf("request body is not a named JSON or form schema")
		}
		t, err := g.typeOf(refName(mt.Schema.Ref))
		if err != nil {
			return nil, err
		}
		o.body = t
		if v, _ := op.Extensions["x-sdk-nil-params"].(string); v == "empty" {
			if len(mt.Schema.Value.Required) > 0 {
				return nil, fmt.Errorf("x-sdk-nil-params: empty, but the body has required fields")
			}
			o.nilEmpty = true
		}
	}
	for _, code := range []string{"200", "201", "202", "204"} {
		r := op.Responses.Value(code)
		if r == nil {
			continue
		}
		mt := r.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil || mt.Schema.Ref == "" {
			return nil, fmt.Errorf("%s response is not a named JSON schema", code)
		}
		t, err := g.typeOf(refName(mt.Schema.Ref))
		if err != nil {
			return nil, err
		}
		o.resp = t
		if o.withClaims {
			o.claimsKey = claimsKey(mt.Schema.Value)
			if o.claimsKey == "" {
				return nil, fmt.Errorf("x-sdk-with-claims, but the response has no session")
			}
		}
		break
	}
	if o.resp == "" && !o.handwritten {
		return nil, fmt.Errorf("no JSON success response")
	}

	o.host = "HostAPI"
	servers := op.Servers
	if servers != nil && len(*servers) > 0 {
		u := (*servers)[0].URL
		switch {
		case strings.Contains(u, "telemetry.stytch.com"):
			o.host = "HostFraud"
		case strings.Contains(u, "{project_domain}"):
			o.host = "HostProjectDomain"
		default:
			return nil, fmt.Errorf("unknown server %s", u)
		}
	}
	o.auth = "AuthProject"
	if op.Security != nil {
		o.auth = ""
		for _, req := range *op.Security {
			if len(req) == 0 {
				o.auth = "AuthNone"
			}
		}
		for _, req := range *op.Security {
			if _, ok := req["bearerAuth"]; ok && o.auth == "" {
				o.auth = "AuthBearer"
			}
			if _, ok := req["oauthClientBasic"]; ok {
				o.auth = "AuthClient"
			}
		}
		if o.auth == "" {
			return nil, fmt.Errorf("unknown security %v", *op.Security)
		}
	}
	if r := op.Responses.Value("400"); r != nil {
		if mt := r.Value.Content.Get("application/json"); mt != nil && strings.HasSuffix(mt.Schema.Ref, "/OAuth2Error") {
			o.oauth2 = true
		}
	}
	return o, nil
}

// claimsKey finds the response property holding the created session.
func claimsKey(s *openapi3.Schema) string {
	for _, k := range []string{"member_session", "user_session", "session"} {
		if _, ok := s.Properties[k]; ok {
			return k
		}
	}
	return ""
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

// docText is an operation's description without its "SDK method" line.
func docText(d string) string {
	if i := strings.Index(d, "SDK method:"); i >= 0 {
		d = d[:i]
	}
	return strings.TrimSpace(d)
}

func goParamType(s *openapi3.Schema, required bool) (string, error) {
	var t string
	switch {
	case s.Type.Is("string"):
		t = "string"
	case s.Type.Is("integer"):
		t = "int"
	case s.Type.Is("boolean"):
		t = "bool"
	case s.Type.Is("array") && s.Items != nil && s.Items.Value.Type.Is("string"):
		return "[]string", nil
	default:
		return "", fmt.Errorf("unsupported parameter type %v", s.Type)
	}
	if !required && t != "string" {
		t = "*" + t
	}
	return t, nil
}

// initialisms are written in capitals in Go names, as Go and the official
// SDK write them.
var initialisms = map[string]string{
	"id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "jwt": "JWT", "totp": "TOTP", "otp": "OTP",
	"sms": "SMS", "sso": "SSO", "oidc": "OIDC", "saml": "SAML", "scim": "SCIM", "mfa": "MFA", "rbac": "RBAC",
	"m2m": "M2M", "idp": "IDP", "oauth": "OAuth", "webauthn": "WebAuthn", "api": "API", "ip": "IP", "jit": "JIT", "xml": "XML",
}

// goName turns a snake_case wire name into a Go name.
func goName(s string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' }) {
		if v, ok := initialisms[strings.ToLower(part)]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
