// Package mcpserver is the Model Context Protocol server behind
// cmd/stytch-mcp: it lets an agent manage the users of a Stytch project and
// drive its login flows (magic links, OTPs, passwords, sessions, TOTP,
// OAuth) through the stytch client, or, for a B2B project, its
// Organizations and Members and their logins through the b2b client.
//
// Every tool is tied to one operation of the embedded OpenAPI document
// (api.Spec): its input schema is that operation's request body plus its
// path and query parameters, converted to JSON Schema, and its description
// is the operation's summary and description plus a line of guidance for
// agents. stytch_request reaches any other endpoint of the spec, Consumer or B2B.
//
// Failures come back as tool results with IsError set and a ToolError body
// (error_type, message, hint), never as protocol errors, so the agent can
// read them and correct itself. Neither results of failed calls nor logs
// carry the project secret or the values of secret-bearing arguments.
package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Version is reported to MCP clients as the server version.
const Version = "0.1.0"

// instructions are sent to clients at initialization.
const instructions = `Tools to manage the users of one Stytch project and to drive its login flows.
Email login: stytch_magic_link_email_login_or_create, then stytch_magic_link_authenticate with the token from the emailed link.
Codes: stytch_otp_*_send (keep the returned phone_id/email_id), then stytch_otp_authenticate with that method_id and the code.
Add session_duration_minutes to an authenticate call to get a session; check it with stytch_session_authenticate, end it with stytch_session_revoke.
Tokens, codes, passwords and session JWTs in results are credentials: pass them on, never show or store them needlessly.
Errors come back with error_type, message and hint: follow the hint.`

// emulatorInstructions are added in emulator mode.
const emulatorInstructions = `This project is a local Stytch emulator: nothing is really emailed or texted. Read the sent messages with stytch_emulator_outbox (filter by to and kind) to get magic link tokens and passcodes, then authenticate them.`

// Options tune New. The zero value is ready to use.
type Options struct {
	// Logger receives one line per tool call (tool, outcome, error_type,
	// duration; never arguments). Nil discards. In stdio mode it must not
	// write to stdout, which carries the protocol.
	Logger *slog.Logger
	// Doer, when set, serves stytch_request instead of the client's Do
	// method (tests use it to observe what the passthrough sends).
	Doer Doer
	// Outbox, when set, adds stytch_emulator_outbox, which reads it: the
	// emulator mode (Run sets it from Config.Emulator).
	Outbox Outbox
	// B2B, when set, is a client of the same B2B project: the typed tools
	// are then the B2B ones (Organizations, Members, their logins and
	// sessions) instead of the Consumer ones, and stytch_request still
	// goes through the Consumer client c (Run sets it from
	// Config.ProjectType).
	B2B *b2b.Client
}

// Server is a configured MCP server. Build it with New.
type Server struct {
	mcp                 *mcp.Server
	spec                *Spec
	doer                Doer
	log                 *slog.Logger
	passthroughResolved *jsonschema.Resolved
	emulator            bool // stytch_emulator_outbox is offered
}

// New registers the typed tools and stytch_request for client c.
func New(c *stytch.Client, opts *Options) (*Server, error) {
	if c == nil {
		return nil, fmt.Errorf("mcpserver: nil client")
	}
	if opts == nil {
		opts = &Options{}
	}
	spec, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	s := &Server{spec: spec, doer: opts.Doer, log: opts.Logger}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.doer == nil {
		s.doer = c
	}
	s.emulator = opts.Outbox != nil
	text, defs := instructions, toolDefs(c)
	if opts.B2B != nil {
		text, defs = b2bInstructions, b2bToolDefs(opts.B2B)
	}
	if s.emulator {
		text += "\n" + emulatorInstructions
	}
	s.mcp = mcp.NewServer(&mcp.Implementation{Name: "stytch-mcp", Title: "Stytch", Version: Version},
		&mcp.ServerOptions{Instructions: text, Capabilities: &mcp.ServerCapabilities{}})

	for _, def := range defs {
		op := spec.Operation(def.opID)
		if op == nil {
			return nil, fmt.Errorf("mcpserver: tool %s: operation %s is not in the spec", def.name, def.opID)
		}
		s.mcp.AddTool(&mcp.Tool{
			Name:        def.name,
			Title:       op.Summary,
			Description: describe(op, def.guide),
			InputSchema: op.Input,
			Annotations: annotations(def.kind, op.Summary),
		}, s.handler(def.name, func(ctx context.Context, raw json.RawMessage) (any, map[string]any, error) {
			a, err := parseArgs(op, raw)
			if err != nil {
				return nil, a.m, err
			}
			out, err := def.call(ctx, a)
			return out, a.m, err
		}))
	}

	ps := passthroughSchema(spec)
	if s.passthroughResolved, err = ps.Resolve(nil); err != nil {
		return nil, fmt.Errorf("mcpserver: passthrough schema: %w", err)
	}
	s.mcp.AddTool(&mcp.Tool{
		Name:        PassthroughName,
		Title:       "Call a Stytch API endpoint",
		Description: passthroughDescription,
		InputSchema: ps,
		// Some endpoints delete or revoke: flag the tool as possibly destructive.
		Annotations: &mcp.ToolAnnotations{Title: "Call a Stytch API endpoint", DestructiveHint: new(true)},
	}, s.handler(PassthroughName, s.passthrough))
	if s.emulator {
		if err := s.addOutboxTool(opts.Outbox); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// MCP returns the underlying SDK server, to Run on a transport or to serve
// over HTTP with mcp.NewStreamableHTTPHandler.
func (s *Server) MCP() *mcp.Server { return s.mcp }

// handler wraps a tool body: it times and logs the call and turns every
// failure into an IsError result.
func (s *Server) handler(name string, run func(context.Context, json.RawMessage) (any, map[string]any, error)) mcp.ToolHandler {
	return func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		start := time.Now()
		out, args, err := run(ctx, req.Params.Arguments)
		if err == nil {
			var res *mcp.CallToolResult
			if res, err = successResult(out); err == nil {
				s.log.LogAttrs(ctx, slog.LevelInfo, "tool call", slog.String("tool", name),
					slog.String("outcome", "ok"), slog.Duration("duration", time.Since(start)))
				return res, nil
			}
		}
		te := classify(name, err)
		attrs := []slog.Attr{slog.String("tool", name), slog.String("outcome", "error"),
			slog.String("error_type", te.ErrorType), slog.Duration("duration", time.Since(start))}
		if te.StatusCode != 0 {
			attrs = append(attrs, slog.Int("status_code", te.StatusCode), slog.String("request_id", te.RequestID))
		}
		s.log.LogAttrs(ctx, slog.LevelWarn, "tool call", attrs...)
		return errorResult(te, args), nil
	}
}

// successResult returns the API response both as structured content and as
// its JSON text (for clients that only read text).
func successResult(out any) (*mcp.CallToolResult, error) {
	b, err := json.Marshal(out)
	if err != nil {
		return nil, &ToolError{ErrorType: ErrUnexpectedResponse, Message: "the response could not be encoded as JSON"}
	}
	res := &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(b)}}}
	if len(b) > 0 && b[0] == '{' {
		res.StructuredContent = json.RawMessage(b)
	}
	return res, nil
}

// describe builds a tool description from the spec: summary, description
// (without the line naming the Go SDK method) and the agent guidance.
func describe(op *Operation, guide string) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(op.Summary, ".") + ".")
	for _, line := range strings.Split(op.Description, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "SDK method:") {
			continue
		}
		b.WriteString(" " + line)
	}
	fmt.Fprintf(&b, "\n\n%s %s (operation %s).\n\nAgent guidance: %s", op.Method, op.Path, op.ID, guide)
	return b.String()
}

// annotations maps a tool kind onto the MCP hints.
func annotations(k kind, title string) *mcp.ToolAnnotations {
	a := &mcp.ToolAnnotations{Title: title}
	switch k {
	case readOnly:
		a.ReadOnlyHint, a.IdempotentHint = true, true
	case destructive:
		a.DestructiveHint, a.IdempotentHint = new(true), true
	default:
		a.DestructiveHint = new(false)
	}
	return a
}
