package stytchkit

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// absolutePath finds an absolute path of a machine in text: a Unix home,
// temporary or work directory, or a Windows drive path. It needs the path to
// start a token, so that URL paths (https://example.com/home/) pass.
var absolutePath = regexp.MustCompile(`(?:^|[\s"'` + "`" + `(=,;\[<{])(/(?:work|tmp|home|Users|root|mnt|private/var|var/folders)/\S*|[A-Za-z]:\\\S*)`)

// pathMarkers are substrings every match of absolutePath contains: a file
// without any of them is not scanned line by line.
var pathMarkers = [][]byte{[]byte("/work/"), []byte("/tmp/"), []byte("/home/"), []byte("/Users/"), []byte("/root/"),
	[]byte("/mnt/"), []byte("/private/var/"), []byte("/var/folders/"), []byte(":\\")}

// mayNamePath reports whether b contains one of pathMarkers.
func mayNamePath(b []byte) bool {
	for _, m := range pathMarkers {
		if bytes.Contains(b, m) {
			return true
		}
	}
	return false
}

// pathExempt lists the files allowed to name such paths, and why.
var pathExempt = map[string]string{
	"paths_test.go": "holds the patterns this test looks for",
}

// TestNoAbsolutePathsOutsideTheRepository keeps machine-specific paths out of
// the code, comments, docs and fixtures: they mean nothing on another
// machine and leak where the code was written. Refer to files by their path
// inside the repository instead.
func TestNoAbsolutePathsOutsideTheRepository(t *testing.T) {
	scanned := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" { // a directory, or a file in a linked worktree
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if _, ok := pathExempt[filepath.ToSlash(path)]; ok {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0 {
			return nil // binary: a build output, not text of the repository
		}
		scanned++
		if !mayNamePath(b) {
			return nil
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, len(b)+1)
		for line := 1; sc.Scan(); line++ {
			if m := absolutePath.FindSubmatch(sc.Bytes()); m != nil {
				t.Errorf("%s:%d names an absolute path outside the repository: %s", path, line, m[1])
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 50 {
		t.Fatalf("scanned only %d text files: not run from the module root?", scanned)
	}
}

func TestAbsolutePathPattern(t *testing.T) {
	for _, bad := range []string{
		"// see /work/shared/reference", "x := \"/tmp/state.json\"", "(/home/ada/src)", "cd /Users/ada",
		`path C:\Users\ada`, "HOME=/root/go", "`/var/folders/xy/T/`",
	} {
		if !absolutePath.MatchString(bad) {
			t.Errorf("not caught: %s", bad)
		}
	}
	for _, ok := range []string{
		"https://example.com/home/x", "api/openapi.yml", "../shared/reference/", "emulator/flows/sandbox.go",
		"GET /v1/users/{user_id}", `"%s:\t%d"`, "a/tmp/b", "http://127.0.0.1:4455/emulator/v1/messages",
	} {
		if absolutePath.MatchString(ok) {
			t.Errorf("false alarm: %s", ok)
		}
	}
}
