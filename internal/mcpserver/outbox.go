package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// OutboxToolName is the tool that reads an emulator's outbox. It is offered
// only in emulator mode (Config.Emulator, Options.Outbox).
const OutboxToolName = "stytch_emulator_outbox"

// outboxPath is the emulator's control-plane endpoint listing sent messages.
const outboxPath = "/emulator/v1/messages"

// maxOutboxBytes bounds the outbox answer read from the emulator.
const maxOutboxBytes = 8 << 20

// Message kinds the emulator sends (store.Message.Kind).
var outboxKinds = []any{"magic_link", "otp", "password_reset", "invite", "discovery"}

// OutboxMessage is one email, SMS or WhatsApp message an emulator "sent".
// Token, Code and Link are credentials: a magic link or reset token, a
// one-time passcode, and the link that carries the token.
type OutboxMessage struct {
	ID        string    `json:"id"`
	Channel   string    `json:"channel"`
	To        string    `json:"to"`
	Kind      string    `json:"kind"`
	UserID    string    `json:"user_id,omitempty"`
	MethodID  string    `json:"method_id,omitempty"`
	Token     string    `json:"token,omitempty"`
	Code      string    `json:"code,omitempty"`
	Link      string    `json:"link,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Outbox reads the messages an emulator sent, oldest first; to, when not
// "", keeps those sent to one address or phone number.
type Outbox interface {
	Messages(ctx context.Context, to string) ([]OutboxMessage, error)
}

// NewEmulatorOutbox returns an Outbox that reads GET
// {cfg.BaseURL}/emulator/v1/messages with the project's Basic auth. hc nil
// uses a client with a 10-second timeout that follows no redirect. The control plane is not part of
// the Stytch API, so it is reached here rather than through the stytch
// client, which only sends to /v1 paths.
func NewEmulatorOutbox(cfg Config, hc *http.Client) Outbox {
	if hc == nil {
		// No redirects: the credentials go to STYTCH_BASE_URL and nowhere else.
		hc = &http.Client{Timeout: 10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	return &emulatorOutbox{base: strings.TrimRight(cfg.BaseURL, "/"), projectID: cfg.ProjectID, secret: cfg.Secret, hc: hc}
}

type emulatorOutbox struct {
	base, projectID, secret string
	hc                      *http.Client
}

// String keeps the secret out of %v.
func (o *emulatorOutbox) String() string { return "emulator outbox at " + o.base }

// Messages implements Outbox.
func (o *emulatorOutbox) Messages(ctx context.Context, to string) ([]OutboxMessage, error) {
	target := o.base + outboxPath
	if to != "" {
		target += "?" + url.Values{"to": {to}}.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, &ToolError{ErrorType: ErrInternal, Message: "the outbox request could not be built"}
	}
	req.SetBasicAuth(o.projectID, o.secret)
	req.Header.Set("User-Agent", "stytch-mcp/"+Version)
	resp, err := o.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
			return nil, &ToolError{ErrorType: ErrTimeout, Message: "GET " + outboxPath + " did not finish in time"}
		}
		return nil, &ToolError{ErrorType: ErrConnection, Message: "GET " + outboxPath + ": no response from the emulator"}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxOutboxBytes+1))
	if err != nil || len(body) > maxOutboxBytes {
		return nil, &ToolError{ErrorType: ErrUnexpectedResponse, Message: "the outbox answer could not be read", StatusCode: resp.StatusCode}
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			ErrorType    string `json:"error_type"`
			ErrorMessage string `json:"error_message"`
			RequestID    string `json:"request_id"`
		}
		_ = json.Unmarshal(body, &e)
		te := &ToolError{ErrorType: e.ErrorType, Message: e.ErrorMessage, StatusCode: resp.StatusCode, RequestID: e.RequestID}
		if te.ErrorType == "" {
			te.ErrorType, te.Message = ErrUnexpectedResponse, fmt.Sprintf("GET %s answered HTTP %d", outboxPath, resp.StatusCode)
		}
		if resp.StatusCode == http.StatusNotFound {
			te.Hint = "STYTCH_BASE_URL does not serve the emulator's control plane: point it at a stytchkit emulator (cmd/stytch-emulator), or turn emulator mode off."
		}
		return nil, te
	}
	var out struct {
		Messages []OutboxMessage `json:"messages"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, &ToolError{ErrorType: ErrUnexpectedResponse, Message: "the outbox answer is not the emulator's JSON", StatusCode: resp.StatusCode}
	}
	return out.Messages, nil
}

// outboxInput is the arguments of stytch_emulator_outbox.
type outboxInput struct {
	To    string `json:"to"`
	Kind  string `json:"kind"`
	Limit int    `json:"limit"`
}

func outboxSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"to": {Type: "string", MinLength: new(1), MaxLength: new(320),
				Description: "Only messages sent to this email address (any case) or E.164 phone number."},
			"kind": {Type: "string", Enum: outboxKinds,
				Description: "Only messages of this kind: magic_link (login or signup links), otp (passcodes by email, SMS or WhatsApp), password_reset, invite, discovery (B2B discovery links)."},
			"limit": {Type: "integer", Minimum: new(1.0), Maximum: new(100.0), Default: json.RawMessage("10"),
				Description: "How many messages to return, newest first (default 10)."},
		},
		AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}},
	}
}

const outboxDescription = `Read the messages (emails, SMS, WhatsApp) the local Stytch emulator "sent", newest first: each has to, kind, channel, user_id, method_id and the credential it carries: token (magic link or password reset), code (one-time passcode) and link.

GET /emulator/v1/messages of the emulator's control plane; offered only because this server was started in emulator mode.

Agent guidance: after a send tool (e.g. stytch_magic_link_email_login_or_create or stytch_otp_email_send), call this with to (and kind) and pass the newest message's token to stytch_magic_link_authenticate, or its method_id and code to stytch_otp_authenticate (B2B: the token to stytch_b2b_magic_link_authenticate as magic_links_token, the code to stytch_b2b_otp_email_authenticate). Tokens and codes are single-use credentials: pass them on, never show them needlessly.`

// addOutboxTool registers stytch_emulator_outbox over ob.
func (s *Server) addOutboxTool(ob Outbox) error {
	schema := outboxSchema()
	resolved, err := schema.Resolve(nil)
	if err != nil {
		return fmt.Errorf("mcpserver: outbox schema: %w", err)
	}
	s.mcp.AddTool(&mcp.Tool{
		Name:        OutboxToolName,
		Title:       "Read the emulator's outbox",
		Description: outboxDescription,
		InputSchema: schema,
		Annotations: &mcp.ToolAnnotations{Title: "Read the emulator's outbox", ReadOnlyHint: true, OpenWorldHint: new(false)},
	}, s.handler(OutboxToolName, func(ctx context.Context, raw json.RawMessage) (any, map[string]any, error) {
		if len(raw) == 0 || string(raw) == "null" {
			raw = json.RawMessage("{}")
		}
		var all map[string]any
		var in outboxInput
		if err := json.Unmarshal(raw, &all); err != nil || all == nil {
			return nil, nil, &ToolError{ErrorType: ErrInvalidArguments, Message: "arguments must be a JSON object"}
		}
		if err := resolved.Validate(all); err != nil {
			return nil, all, &ToolError{ErrorType: ErrInvalidArguments, Message: cleanValidation(err)}
		}
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, all, &ToolError{ErrorType: ErrInvalidArguments, Message: "arguments must match the input schema"}
		}
		if in.Limit == 0 {
			in.Limit = 10
		}
		msgs, err := ob.Messages(ctx, in.To)
		if err != nil {
			return nil, all, err
		}
		out := make([]OutboxMessage, 0, min(in.Limit, len(msgs)))
		matched := 0
		for i := len(msgs) - 1; i >= 0; i-- { // newest first
			if in.Kind != "" && msgs[i].Kind != in.Kind {
				continue
			}
			matched++
			if len(out) < in.Limit {
				out = append(out, msgs[i])
			}
		}
		return map[string]any{"messages": out, "matched": matched}, all, nil
	}))
	return nil
}
