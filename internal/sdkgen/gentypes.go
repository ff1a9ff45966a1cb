package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"
)

// genTypes is what sdkgen needs to know of gen/types.gen.go: every type
// name, the gen types each one refers to, and the constants of each enum.
type genTypes struct {
	refs  map[string][]string // type -> gen types named in its definition
	enums map[string][]string // enum type -> its constants, in source order
	docs  map[string]string   // type -> first line of its doc comment
	alias map[string]bool     // declared as an alias (type X = Y)
	lower map[string]string   // lower-case name without underscores -> name
}

func readGenTypes(path string) (*genTypes, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	g := &genTypes{refs: map[string][]string{}, enums: map[string][]string{}, docs: map[string]string{},
		alias: map[string]bool{}, lower: map[string]string{}}
	var defs []*ast.TypeSpec
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		switch gd.Tok {
		case token.TYPE:
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				g.refs[ts.Name.Name] = nil
				g.alias[ts.Name.Name] = ts.Assign.IsValid()
				g.lower[lowerKey(ts.Name.Name)] = ts.Name.Name
				if gd.Doc != nil {
					g.docs[ts.Name.Name] = firstSentence(gd.Doc.Text())
				}
				defs = append(defs, ts)
			}
		case token.CONST:
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, n := range vs.Names {
					g.enums[id.Name] = append(g.enums[id.Name], n.Name)
				}
			}
		}
	}
	for _, ts := range defs {
		seen := map[string]bool{}
		ast.Inspect(ts.Type, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if _, known := g.refs[id.Name]; known && id.Name != ts.Name.Name && !seen[id.Name] {
					seen[id.Name] = true
					g.refs[ts.Name.Name] = append(g.refs[ts.Name.Name], id.Name)
				}
			}
			return true
		})
		sort.Strings(g.refs[ts.Name.Name])
	}
	return g, nil
}

// lowerKey folds a name for matching component names to gen type names,
// which oapi-codegen's name normalizer may have re-cased.
func lowerKey(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

// typeOf returns the gen type name generated for a component schema.
func (g *genTypes) typeOf(component string) (string, error) {
	if _, ok := g.refs[component]; ok {
		return component, nil
	}
	if name, ok := g.lower[lowerKey(component)]; ok {
		return name, nil
	}
	return "", fmt.Errorf("no gen type for component %s", component)
}

// reach returns every gen type reachable from roots, sorted.
func (g *genTypes) reach(roots []string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(t string) {
		if seen[t] {
			return
		}
		seen[t] = true
		for _, r := range g.refs[t] {
			walk(r)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// firstSentence returns the first sentence of a doc comment, on one line.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	return s
}
