package stytch

import (
	"context"
	"iter"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// FraudService groups the Device Fingerprinting and email risk APIs.
type FraudService struct {
	// Email scores email addresses.
	Email *FraudEmailService
	// Fingerprint looks up device fingerprints.
	Fingerprint *FraudFingerprintService
	// Rules forces verdicts for fingerprints, IPs and more.
	Rules *FraudRulesService
	// VerdictReasons overrides the action of verdict reasons.
	VerdictReasons *FraudVerdictReasonsService
}

// FraudEmailService scores the risk of email addresses.
type FraudEmailService service

// FraudFingerprintService looks up device fingerprints and verdicts.
type FraudFingerprintService service

// FraudRulesService sets and lists fraud rules.
type FraudRulesService service

// FraudVerdictReasonsService lists and overrides verdict reasons.
type FraudVerdictReasonsService service

// FraudEmailRiskResponse is the answer of Fraud.Email.Risk.
type FraudEmailRiskResponse = gen.FraudEmailRiskResponse

// FraudEmailRiskParams is the JSON body of Fraud.Email.Risk.
type FraudEmailRiskParams = gen.FraudEmailRiskRequest

// FraudFingerprintLookupResponse is the answer of Fraud.Fingerprint.Lookup.
type FraudFingerprintLookupResponse = gen.FraudFingerprintLookupResponse

// FraudFingerprintLookupParams is the JSON body of Fraud.Fingerprint.Lookup.
type FraudFingerprintLookupParams = gen.FraudFingerprintLookupRequest

// FraudRulesSetResponse is the answer of Fraud.Rules.Set.
type FraudRulesSetResponse = gen.FraudRulesSetResponse

// FraudRulesSetParams is the JSON body of Fraud.Rules.Set.
type FraudRulesSetParams = gen.FraudRulesSetRequest

// FraudRulesListResponse is the answer of Fraud.Rules.List.
type FraudRulesListResponse = gen.FraudRulesListResponse

// FraudRulesListParams is the JSON body of Fraud.Rules.List.
type FraudRulesListParams = gen.FraudRulesListRequest

// FraudVerdictReasonsOverrideResponse is the answer of Fraud.VerdictReasons.Override.
type FraudVerdictReasonsOverrideResponse = gen.FraudVerdictReasonsOverrideResponse

// FraudVerdictReasonsOverrideParams is the JSON body of Fraud.VerdictReasons.Override.
type FraudVerdictReasonsOverrideParams = gen.FraudVerdictReasonsOverrideRequest

// FraudVerdictReasonsListResponse is the answer of Fraud.VerdictReasons.List.
type FraudVerdictReasonsListResponse = gen.FraudVerdictReasonsListResponse

// FraudVerdictReasonsListParams is the JSON body of Fraud.VerdictReasons.List.
type FraudVerdictReasonsListParams = gen.FraudVerdictReasonsListRequest

// Risk scores the fraud risk of an email address.
//
// POST /v1/email/risk
func (s *FraudEmailService) Risk(ctx context.Context, p *FraudEmailRiskParams) (*FraudEmailRiskResponse, error) {
	return call[FraudEmailRiskResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.FraudEmailRisk(ctx, *p, ed...)
	})
}

// Lookup returns the fingerprints and verdict of a device telemetry id.
//
// POST /v1/fingerprint/lookup
func (s *FraudFingerprintService) Lookup(ctx context.Context, p *FraudFingerprintLookupParams) (*FraudFingerprintLookupResponse, error) {
	return call[FraudFingerprintLookupResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.FraudFingerprintLookup(ctx, *p, ed...)
	})
}

// Set creates or replaces a rule that forces a verdict for a fingerprint, IP block, ASN or
// country; action NONE removes it.
//
// POST /v1/rules/set
func (s *FraudRulesService) Set(ctx context.Context, p *FraudRulesSetParams) (*FraudRulesSetResponse, error) {
	return call[FraudRulesSetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.FraudRulesSet(ctx, *p, ed...)
	})
}

// List lists fraud rules; results are paginated with a cursor.
// A nil p is the same as an empty one.
//
// POST /v1/rules/list
func (s *FraudRulesService) List(ctx context.Context, p *FraudRulesListParams) (*FraudRulesListResponse, error) {
	return call[FraudRulesListResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.FraudRulesList(ctx, deref(p), ed...)
	})
}

// Override overrides the default action of a verdict reason; NONE removes the override.
//
// POST /v1/verdict_reasons/override
func (s *FraudVerdictReasonsService) Override(ctx context.Context, p *FraudVerdictReasonsOverrideParams) (*FraudVerdictReasonsOverrideResponse, error) {
	return call[FraudVerdictReasonsOverrideResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.FraudVerdictReasonsOverride(ctx, *p, ed...)
	})
}

// List lists verdict reasons with their default and override actions.
// A nil p is the same as an empty one.
//
// POST /v1/verdict_reasons/list
func (s *FraudVerdictReasonsService) List(ctx context.Context, p *FraudVerdictReasonsListParams) (*FraudVerdictReasonsListResponse, error) {
	return call[FraudVerdictReasonsListResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.FraudVerdictReasonsList(ctx, deref(p), ed...)
	})
}

// ListAll iterates over every fraud rule, calling List page by page along
// the top-level next_cursor (p may be nil and is not modified). Breaking out
// of the loop stops further requests; an error is yielded once and ends the
// iteration.
//
// POST /v1/rules/list (repeated)
func (s *FraudRulesService) ListAll(ctx context.Context, p *FraudRulesListParams) iter.Seq2[Rule, error] {
	q := deref(p)
	return paginate(q.Cursor, func(cursor *string) ([]Rule, *string, error) {
		page := q
		page.Cursor = cursor
		r, err := s.List(ctx, &page)
		if err != nil {
			return nil, nil, err
		}
		return r.Rules, r.NextCursor, nil
	})
}
