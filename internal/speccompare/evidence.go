package speccompare

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Evidence justifies one required-ness difference that ours keeps on
// purpose, because a source other than theirs shows ours to be right.
type Evidence struct {
	// Operation is "METHOD /path/template" as Difference.Operation spells it.
	Operation string
	// Side is the message the field is in.
	Side Side
	// Field is the field path as Difference.Field spells it.
	Field string
	// Aspect is the direction: AspectRequiredOurs or AspectRequiredTheirs.
	Aspect Aspect
	// Reason says why ours is right.
	Reason string
	// Source is the http(s) URL of the document that shows it.
	Source string
}

// String names the difference the entry explains.
func (e Evidence) String() string {
	return fmt.Sprintf("%s %s %s.%s", e.Operation, e.Aspect, e.Side, e.Field)
}

// Validate checks that the entry is complete: a required-ness aspect, an
// operation, a side, a field, a reason and an http(s) source URL.
func (e Evidence) Validate() error {
	var errs []error
	if e.Aspect != AspectRequiredOurs && e.Aspect != AspectRequiredTheirs {
		errs = append(errs, fmt.Errorf("aspect %q is not a required-ness direction", e.Aspect))
	}
	if method, path, ok := strings.Cut(e.Operation, " "); !ok || method == "" || !strings.HasPrefix(path, "/") {
		errs = append(errs, fmt.Errorf("operation %q is not \"METHOD /path\"", e.Operation))
	}
	if e.Side != SideRequest && e.Side != SideResponse {
		errs = append(errs, fmt.Errorf("side %q is neither request nor response", e.Side))
	}
	if e.Field == "" {
		errs = append(errs, errors.New("no field"))
	}
	if strings.TrimSpace(e.Reason) == "" {
		errs = append(errs, errors.New("no reason"))
	}
	if u, err := url.Parse(e.Source); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs = append(errs, fmt.Errorf("source %q is not an http(s) URL", e.Source))
	}
	if len(errs) > 0 {
		return &EvidenceError{Entry: e, Err: errors.Join(errs...)}
	}
	return nil
}

// EvidenceError is an incomplete or duplicated evidence entry.
type EvidenceError struct {
	// Entry is the faulty entry.
	Entry Evidence
	// Err says what is wrong with it.
	Err error
}

// Error implements error.
func (e *EvidenceError) Error() string {
	return fmt.Sprintf("speccompare: evidence %s: %v", e.Entry, e.Err)
}

// Unwrap returns what is wrong with the entry.
func (e *EvidenceError) Unwrap() error { return e.Err }

// Waive sets aside the differences that evidence explains. It returns the
// differences left unexplained and the entries that explain no difference
// (stale: ours or theirs changed since the entry was written). Faulty
// entries (see Evidence.Validate, and duplicates) make it return an error
// joining one *EvidenceError per entry, with nothing waived.
func Waive(ds []Difference, evidence []Evidence) (unexplained []Difference, stale []Evidence, err error) {
	type id struct {
		op     string
		side   Side
		field  string
		aspect Aspect
	}
	entries := map[id]int{}
	var errs []error
	for i, e := range evidence {
		if err := e.Validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		k := id{e.Operation, e.Side, e.Field, e.Aspect}
		if _, dup := entries[k]; dup {
			errs = append(errs, &EvidenceError{Entry: e, Err: errors.New("listed twice")})
			continue
		}
		entries[k] = i
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	used := make([]bool, len(evidence))
	for _, d := range ds {
		if i, ok := entries[id{d.Operation(), d.Side, d.Field, d.Aspect}]; ok {
			used[i] = true
			continue
		}
		unexplained = append(unexplained, d)
	}
	for i, e := range evidence {
		if !used[i] {
			stale = append(stale, e)
		}
	}
	return unexplained, stale, nil
}
