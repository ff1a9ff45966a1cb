package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Report is the outcome of a drift check. Paths are slash-separated and
// relative to the module root.
type Report struct {
	// Checked is every file go generate produced with the marker.
	Checked []string
	// Stale files exist in the tree but differ from what go generate writes.
	Stale []string
	// Missing files are generated but absent from the tree.
	Missing []string
	// Unowned files carry the marker in the tree but go generate did not
	// write them: leftovers of a removed generator, or a generator that
	// skips unchanged files. Reported, not counted as drift.
	Unowned []string
}

// Clean reports whether the tree matches the generators.
func (r *Report) Clean() bool { return len(r.Stale) == 0 && len(r.Missing) == 0 }

// Print writes the report for a person.
func (r *Report) Print(w io.Writer) {
	for _, p := range r.Stale {
		fmt.Fprintf(w, "stale:   %s\n", p)
	}
	for _, p := range r.Missing {
		fmt.Fprintf(w, "missing: %s\n", p)
	}
	for _, p := range r.Unowned {
		fmt.Fprintf(w, "note:    %s carries the generated-code marker but go generate did not write it\n", p)
	}
	if r.Clean() {
		fmt.Fprintf(w, "drift: the %d generated files match go generate\n", len(r.Checked))
		return
	}
	fmt.Fprintf(w, "drift: %d stale, %d missing of %d generated files: run 'make generate' (go generate ./...) and commit\n",
		len(r.Stale), len(r.Missing), len(r.Checked))
}

// skipDirs are never copied: version control data, build outputs and npm
// packages.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true}

// epoch marks the copied files, so that files go generate rewrote can be
// told apart from the copies (a rewrite sets a current time).
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Check copies the module at dir to a temporary directory, runs
// `goCmd generate ./...` there and compares the generated files with dir.
// An error means the check could not run, and says why.
func Check(dir, goCmd string) (*Report, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return nil, fmt.Errorf("no go.mod in %s: run from the module root or pass -C", dir)
	}
	goPath, err := exec.LookPath(goCmd)
	if err != nil {
		return nil, fmt.Errorf("the go command %q was not found (put Go on PATH, or set GO or -go): %w", goCmd, err)
	}
	tmp, err := os.MkdirTemp("", "drift-")
	if err != nil {
		return nil, fmt.Errorf("making a temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	work := filepath.Join(tmp, "module")
	if err := copyTree(root, work); err != nil {
		return nil, fmt.Errorf("copying the module: %w", err)
	}
	cmd := exec.Command(goPath, "generate", "./...")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "PWD="+work)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go generate ./... failed in a copy of the module, so nothing was compared (%v):\n%s", err, out)
	}
	generated, err := generatedFiles(work)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	for _, rel := range generated {
		info, err := os.Stat(filepath.Join(work, rel))
		if err != nil {
			return nil, err
		}
		if info.ModTime().Equal(epoch) {
			rep.Unowned = append(rep.Unowned, rel)
			continue
		}
		rep.Checked = append(rep.Checked, rel)
		want, err := os.ReadFile(filepath.Join(work, rel))
		if err != nil {
			return nil, err
		}
		have, err := os.ReadFile(filepath.Join(root, rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			rep.Missing = append(rep.Missing, rel)
		case err != nil:
			return nil, err
		case !bytes.Equal(have, want):
			rep.Stale = append(rep.Stale, rel)
		}
	}
	if len(rep.Checked) == 0 {
		return nil, errors.New("go generate ./... wrote no file with the generated-code marker, so nothing was compared: are the //go:generate directives (generate.go) missing?")
	}
	return rep, nil
}

// copyTree copies the regular files and directories under src to dst,
// skipping version control data, with every file's time set to epoch.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if skipDirs[d.Name()] && path != src {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // a linked worktree's .git file
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			if err := copyFile(path, target, info.Mode().Perm()); err != nil {
				return err
			}
			return os.Chtimes(target, epoch, epoch)
		}
		return nil // symlinks, sockets: not part of a module
	})
}

func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// generatedFiles lists, sorted, the files under root that carry the
// generated-code marker.
func generatedFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (skipDirs[name] || name == "testdata" || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		ok, err := isGenerated(path)
		if err != nil {
			return err
		}
		if ok {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// marker is the standard line (https://go.dev/s/generatedcode), for files
// other than Go source.
var marker = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// isGenerated reports whether the file carries the marker: for Go source,
// as the go tool reads it (a comment before the package clause); for other
// text, on a line of its first 64 KiB.
func isGenerated(path string) (bool, error) {
	if strings.HasSuffix(path, ".go") {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			return false, nil // not Go that compiles: not a generated file either
		}
		return ast.IsGenerated(f), nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer fh.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	head = head[:n]
	if bytes.IndexByte(head, 0) >= 0 {
		return false, nil // binary
	}
	return marker.Match(head), nil
}
