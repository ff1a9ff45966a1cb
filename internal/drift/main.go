// Command drift checks that every generated file of the module is what
// `go generate ./...` produces today, with or without git: it copies the
// module to a temporary directory, runs go generate there, and compares
// each file carrying the standard "// Code generated ... DO NOT EDIT."
// marker (in gen/ and anywhere else) with the working tree, listing the
// stale and the missing ones. The working tree is never written.
//
//	go run ./internal/drift [-C dir] [-go path]
//
// Exit status: 0 when everything matches, 1 on drift, 2 when the check
// could not run (no go.mod, no go command, go generate failed); in that case
// it says what is missing rather than reporting drift.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	dir := flag.String("C", ".", "the module root (the directory holding go.mod)")
	goCmd := flag.String("go", envOr("GO", "go"), "the go command to run go generate with")
	flag.Parse()
	os.Exit(run(*dir, *goCmd, os.Stdout, os.Stderr))
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// run performs the check and returns the exit status.
func run(dir, goCmd string, stdout, stderr io.Writer) int {
	rep, err := Check(dir, goCmd)
	if err != nil {
		fmt.Fprintln(stderr, "drift:", err)
		return 2
	}
	rep.Print(stdout)
	if !rep.Clean() {
		return 1
	}
	return 0
}
