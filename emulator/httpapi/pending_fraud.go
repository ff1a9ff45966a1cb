package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the fraud operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in fraud.go.

// FraudEmailRisk is not implemented yet (501 not_implemented_in_emulator).
func (a *API) FraudEmailRisk(_ context.Context, _ gen.FraudEmailRiskRequestObject) (gen.FraudEmailRiskResponseObject, error) {
	return nil, flows.NotImplemented("FraudEmailRisk")
}

// FraudFingerprintLookup is not implemented yet (501 not_implemented_in_emulator).
func (a *API) FraudFingerprintLookup(_ context.Context, _ gen.FraudFingerprintLookupRequestObject) (gen.FraudFingerprintLookupResponseObject, error) {
	return nil, flows.NotImplemented("FraudFingerprintLookup")
}

// FraudRulesList is not implemented yet (501 not_implemented_in_emulator).
func (a *API) FraudRulesList(_ context.Context, _ gen.FraudRulesListRequestObject) (gen.FraudRulesListResponseObject, error) {
	return nil, flows.NotImplemented("FraudRulesList")
}

// FraudRulesSet is not implemented yet (501 not_implemented_in_emulator).
func (a *API) FraudRulesSet(_ context.Context, _ gen.FraudRulesSetRequestObject) (gen.FraudRulesSetResponseObject, error) {
	return nil, flows.NotImplemented("FraudRulesSet")
}

// FraudVerdictReasonsList is not implemented yet (501 not_implemented_in_emulator).
func (a *API) FraudVerdictReasonsList(_ context.Context, _ gen.FraudVerdictReasonsListRequestObject) (gen.FraudVerdictReasonsListResponseObject, error) {
	return nil, flows.NotImplemented("FraudVerdictReasonsList")
}

// FraudVerdictReasonsOverride is not implemented yet (501 not_implemented_in_emulator).
func (a *API) FraudVerdictReasonsOverride(_ context.Context, _ gen.FraudVerdictReasonsOverrideRequestObject) (gen.FraudVerdictReasonsOverrideResponseObject, error) {
	return nil, flows.NotImplemented("FraudVerdictReasonsOverride")
}
