package specdiff

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stytchkit/stytchkit/internal/recording"
	"github.com/stytchkit/stytchkit/internal/speccompare"
)

// Exit codes of Run.
const (
	// ExitOK: every recording matches the spec (drift allowed without -strict).
	ExitOK = 0
	// ExitViolations: at least one violation (or drift with -strict).
	ExitViolations = 1
	// ExitUsage: bad arguments, an unreadable or malformed input file, or a
	// broken spec.
	ExitUsage = 2
)

const usage = `usage: specdiff [-spec FILE] [-strict] PATH...
       specdiff -compare OTHER.yml [-spec FILE] [-scope consumer|b2b|all] [-strict]

Checks recorded Stytch API exchanges against the OpenAPI document. Each PATH is
a recording (.json), a HAR export (.har) or a directory walked recursively for
both. Prints one line per finding and a summary line; exits 1 on any violation
(and on drift with -strict), 2 on unreadable input or a broken spec.

With -compare, compares the OpenAPI document (ours) with OTHER.yml (theirs,
e.g. Stytch's published document) instead: operations are matched by method
and path template, then request and success response bodies field by field.
Prints the differences grouped by operation (missing-operation, missing,
enum, type, required-ours, required-theirs, status), a line counting what
ours has beyond theirs, and a summary line. Exits 1 when ours lacks an
operation, field or enum value of theirs or a JSON type differs (with
-strict, on any difference), 0 otherwise, 2 on an unreadable document. B2B
operations are those under /v1/b2b/.
`

// Summary counts the outcome of a run.
type Summary struct {
	// Recordings is the number of exchanges checked (each HAR entry counts).
	Recordings int
	// Operations is the set of operationIds the exchanges resolved to.
	Operations map[string]int
	// Violations is the number of non-drift findings.
	Violations int
	// Drift is the number of drift findings.
	Drift int
	// InputErrors is the number of files that could not be read or parsed.
	InputErrors int
}

// Line is the single summary line printed at the end of a run.
func (s *Summary) Line() string {
	return fmt.Sprintf("specdiff: %d recordings checked, %d operations covered, %d violations, %d drift",
		s.Recordings, len(s.Operations), s.Violations, s.Drift)
}

// Run is the whole command: it parses args (without the program name), checks
// every input and writes findings and the summary line to stdout, errors to
// stderr. It returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("specdiff", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, usage); fset.PrintDefaults() }
	specPath := fset.String("spec", "", "OpenAPI document to check against (default: api/openapi.yml as embedded at build time)")
	strict := fset.Bool("strict", false, "treat drift (fields missing from the spec) as violations; with -compare, fail on any difference")
	other := fset.String("compare", "", "compare the spec with this OpenAPI document instead of checking recordings")
	scope := fset.String("scope", string(speccompare.ScopeAll), "with -compare: the operations of the other document to compare (consumer, b2b or all)")
	if err := fset.Parse(args); err != nil {
		return ExitUsage
	}
	scopeSet := false
	fset.Visit(func(f *flag.Flag) { scopeSet = scopeSet || f.Name == "scope" })
	switch {
	case *other != "" && fset.NArg() > 0:
		fmt.Fprintln(stderr, "specdiff: -compare takes no recording PATH")
		fset.Usage()
		return ExitUsage
	case *other != "":
		return runCompare(ctx, compareOptions{ours: *specPath, theirs: *other, scope: *scope, strict: *strict}, stdout, stderr)
	case scopeSet:
		fmt.Fprintln(stderr, "specdiff: -scope needs -compare")
		fset.Usage()
		return ExitUsage
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return ExitUsage
	}
	checker, err := LoadChecker(ctx, *specPath)
	if err != nil {
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		return ExitUsage
	}
	sum := &Summary{Operations: map[string]int{}}
	for _, root := range fset.Args() {
		files, err := inputs(root)
		if err != nil {
			fmt.Fprintf(stderr, "specdiff: %v\n", err)
			sum.InputErrors++
			continue
		}
		for _, f := range files {
			checkFile(ctx, checker, f, *strict, sum, stdout, stderr)
		}
	}
	fmt.Fprintln(stdout, sum.Line())
	switch {
	case sum.InputErrors > 0:
		return ExitUsage
	case sum.Violations > 0, *strict && sum.Drift > 0:
		return ExitViolations
	}
	return ExitOK
}

// inputs lists the files to check under root: root itself when it is a
// file, else every .json and .har file below it, sorted.
func inputs(root string) ([]string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	var files []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (isHAR(p) || strings.EqualFold(filepath.Ext(p), ".json")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

func isHAR(p string) bool { return strings.EqualFold(filepath.Ext(p), ".har") }

// labelled is one exchange with the name it is reported under.
type labelled struct {
	label string
	ex    *recording.Exchange
}

func readExchanges(file string) ([]labelled, error) {
	if isHAR(file) {
		entries, err := recording.ReadHAR(file)
		if err != nil {
			return nil, err
		}
		out := make([]labelled, len(entries))
		for i, e := range entries {
			out[i] = labelled{label: fmt.Sprintf("%s#entries[%d]", file, e.Index), ex: e.Exchange}
		}
		return out, nil
	}
	ex, err := recording.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return []labelled{{label: file, ex: ex}}, nil
}

func checkFile(ctx context.Context, c *Checker, file string, strict bool, sum *Summary, stdout, stderr io.Writer) {
	exchanges, err := readExchanges(file)
	if err != nil {
		var fe *recording.FormatError
		if !errors.As(err, &fe) {
			err = fmt.Errorf("cannot read %s: %w", file, err)
		}
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		sum.InputErrors++
		return
	}
	for _, l := range exchanges {
		sum.Recordings++
		res := c.Check(ctx, l.ex)
		if res.OperationID != "" {
			sum.Operations[res.OperationID]++
		}
		op := res.OperationID
		if op == "" {
			op = "?"
		}
		for _, f := range res.Findings {
			level := "error"
			if f.IsDrift() {
				sum.Drift++
				if !strict {
					level = "warning"
				}
			} else {
				sum.Violations++
			}
			fmt.Fprintf(stdout, "%s: %s: %s %s %d %s\n", level, l.label, op, l.ex.Method, l.ex.Status, f)
		}
	}
}
