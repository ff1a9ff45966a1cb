package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// FraudEmailRisk implements POST /v1/email/risk.
func (a *API) FraudEmailRisk(ctx context.Context, req gen.FraudEmailRiskRequestObject) (gen.FraudEmailRiskResponseObject, error) {
	r := flows.AssessEmail(req.Body.EmailAddress)
	tumbling, bounces := int32(r.Tumbling), r.KnownBounces
	valid, role, disposable, mx := r.ValidSyntax, r.RoleAddress, r.Disposable, r.HasMX
	return gen.FraudEmailRisk200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Action: gen.RiskAction(r.Action),
		RiskScore: int32(r.Score),
		AddressInformation: gen.AddressInformation{HasValidSyntax: valid, IsSuspectedRoleAddress: role,
			HasKnownBounces: bounces, NormalizedEmail: r.Normalized, TumblingCharacterCount: tumbling},
		DomainInformation: gen.DomainInformation{IsDisposableDomain: disposable, HasMXOrARecord: mx}}, nil
}

// FraudFingerprintLookup implements POST /v1/fingerprint/lookup.
func (a *API) FraudFingerprintLookup(ctx context.Context, req gen.FraudFingerprintLookupRequestObject) (gen.FraudFingerprintLookupResponseObject, error) {
	res, err := a.svc.LookupFingerprint(req.Body.TelemetryID)
	if err != nil {
		return nil, err
	}
	t, v := res.Telemetry, res.Verdict
	reasons := append([]string{}, v.Reasons...)
	overrides := make([]gen.VerdictReasonOverride, 0, len(v.Overrides))
	for _, o := range v.Overrides {
		overrides = append(overrides, gen.VerdictReasonOverride{VerdictReason: o.Reason, OverrideAction: gen.VerdictAction(o.Action)})
	}
	authentic := v.IsAuthenticDevice
	verdict := &gen.Verdict{Action: gen.VerdictAction(v.Action), Reasons: reasons, VerdictReasonOverrides: overrides,
		IsAuthenticDevice: authentic, DetectedDeviceType: v.DetectedDeviceType}
	if v.RuleMatchType != "" {
		mt := gen.RuleMatchType(v.RuleMatchType)
		verdict.RuleMatchType, verdict.RuleMatchIdentifier = &mt, optString(v.RuleMatchValue)
	}
	country := t.CountryCode
	props := &gen.Properties{
		NetworkProperties: gen.NetworkProperties{IPAddress: t.IPAddress,
			ASN: gen.ASNProperties{ASN: t.ASN}, IPGeolocation: gen.IPGeoProperties{Country: country}},
		BrowserProperties: gen.BrowserProperties{UserAgent: t.UserAgent}}
	return gen.FraudFingerprintLookup200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, TelemetryID: t.ID,
		Fingerprints: gen.Fingerprints{VisitorID: optString(t.VisitorID), BrowserID: optString(t.BrowserID),
			VisitorFingerprint: t.VisitorFingerprint, BrowserFingerprint: t.BrowserFingerprint,
			HardwareFingerprint: t.HardwareFingerprint, NetworkFingerprint: t.NetworkFingerprint},
		Verdict: verdict, ExternalMetadata: deref(req.Body.ExternalMetadata), CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt,
		Properties: props}, nil
}

// ruleFields maps a rule's type to the request/response field it lives in.
func ruleFields(typ, value string, f *ruleIdentifiers) {
	v := &value
	switch typ {
	case "VISITOR_ID":
		f.VisitorID = v
	case "BROWSER_ID":
		f.BrowserID = v
	case "VISITOR_FINGERPRINT":
		f.VisitorFingerprint = v
	case "BROWSER_FINGERPRINT":
		f.BrowserFingerprint = v
	case "HARDWARE_FINGERPRINT":
		f.HardwareFingerprint = v
	case "NETWORK_FINGERPRINT":
		f.NetworkFingerprint = v
	case "CIDR_BLOCK":
		f.CidrBlock = v
	case "COUNTRY_CODE":
		f.CountryCode = v
	case "ASN":
		f.ASN = v
	}
}

// ruleIdentifiers is the shape shared by the rule request, response and
// object: one optional field per identifier.
type ruleIdentifiers = struct {
	VisitorID, BrowserID, VisitorFingerprint, BrowserFingerprint, HardwareFingerprint, NetworkFingerprint,
	CidrBlock, CountryCode, ASN *string
}

// FraudRulesSet implements POST /v1/rules/set.
func (a *API) FraudRulesSet(ctx context.Context, req gen.FraudRulesSetRequestObject) (gen.FraudRulesSetResponseObject, error) {
	b := req.Body
	ids := map[string]string{"VISITOR_ID": deref(b.VisitorID), "BROWSER_ID": deref(b.BrowserID),
		"VISITOR_FINGERPRINT": deref(b.VisitorFingerprint), "BROWSER_FINGERPRINT": deref(b.BrowserFingerprint),
		"HARDWARE_FINGERPRINT": deref(b.HardwareFingerprint), "NETWORK_FINGERPRINT": deref(b.NetworkFingerprint),
		"CIDR_BLOCK": deref(b.CidrBlock), "COUNTRY_CODE": deref(b.CountryCode), "ASN": deref(b.ASN)}
	r, err := a.svc.SetFraudRule(flows.RuleInput{Action: string(b.Action), Identifiers: ids,
		ExpiresInMinutes: b.ExpiresInMinutes, Description: deref(b.Description)})
	if err != nil {
		return nil, err
	}
	var f ruleIdentifiers
	ruleFields(r.Type, r.Value, &f)
	return gen.FraudRulesSet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Action: gen.RuleAction(r.Action),
		VisitorID: f.VisitorID, BrowserID: f.BrowserID, VisitorFingerprint: f.VisitorFingerprint,
		BrowserFingerprint: f.BrowserFingerprint, HardwareFingerprint: f.HardwareFingerprint,
		NetworkFingerprint: f.NetworkFingerprint, CidrBlock: f.CidrBlock, CountryCode: f.CountryCode, ASN: f.ASN,
		ExpiresAt: r.ExpiresAt}, nil
}

// ruleBody converts a stored rule to the wire Rule.
func ruleBody(r *store.FraudRule) gen.Rule {
	var f ruleIdentifiers
	ruleFields(r.Type, r.Value, &f)
	action := gen.RuleAction(r.Action)
	created, updated := r.CreatedAt, r.UpdatedAt
	return gen.Rule{RuleType: gen.RuleType(r.Type), Action: action, CreatedAt: created, LastUpdatedAt: &updated,
		ExpiresAt: r.ExpiresAt, Description: optString(r.Description), VisitorID: f.VisitorID, BrowserID: f.BrowserID,
		VisitorFingerprint: f.VisitorFingerprint, BrowserFingerprint: f.BrowserFingerprint,
		HardwareFingerprint: f.HardwareFingerprint, NetworkFingerprint: f.NetworkFingerprint, CidrBlock: f.CidrBlock,
		CountryCode: f.CountryCode, ASN: f.ASN}
}

// FraudRulesList implements POST /v1/rules/list.
func (a *API) FraudRulesList(ctx context.Context, req gen.FraudRulesListRequestObject) (gen.FraudRulesListResponseObject, error) {
	res, err := a.svc.ListFraudRules(int(deref(req.Body.Limit)), deref(req.Body.Cursor))
	if err != nil {
		return nil, err
	}
	out := gen.FraudRulesList200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		Rules: make([]gen.Rule, 0, len(res.Rules)), NextCursor: optString(res.NextCursor)}
	for i := range res.Rules {
		out.Rules = append(out.Rules, ruleBody(&res.Rules[i]))
	}
	return out, nil
}

// reasonActionBody converts a verdict reason and its override to the wire form.
func reasonActionBody(r flows.ReasonAction) gen.VerdictReasonAction {
	def := gen.VerdictAction(r.Default)
	out := gen.VerdictReasonAction{VerdictReason: r.Reason, DefaultAction: def}
	if o := r.Override; o != nil {
		action, created := gen.VerdictAction(o.Action), o.CreatedAt
		out.OverrideAction, out.OverrideCreatedAt, out.OverrideDescription = &action, &created, optString(o.Description)
	}
	return out
}

// FraudVerdictReasonsList implements POST /v1/verdict_reasons/list.
func (a *API) FraudVerdictReasonsList(ctx context.Context, req gen.FraudVerdictReasonsListRequestObject) (gen.FraudVerdictReasonsListResponseObject, error) {
	list := a.svc.ListVerdictReasons(deref(req.Body.OverridesOnly))
	out := gen.FraudVerdictReasonsList200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		VerdictReasonActions: make([]gen.VerdictReasonAction, 0, len(list))}
	for _, r := range list {
		out.VerdictReasonActions = append(out.VerdictReasonActions, reasonActionBody(r))
	}
	return out, nil
}

// FraudVerdictReasonsOverride implements POST /v1/verdict_reasons/override.
func (a *API) FraudVerdictReasonsOverride(ctx context.Context, req gen.FraudVerdictReasonsOverrideRequestObject) (gen.FraudVerdictReasonsOverrideResponseObject, error) {
	b := req.Body
	r, err := a.svc.OverrideVerdictReason(b.VerdictReason, string(b.OverrideAction), deref(b.OverrideDescription))
	if err != nil {
		return nil, err
	}
	return gen.FraudVerdictReasonsOverride200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		VerdictReasonAction: reasonActionBody(*r)}, nil
}
