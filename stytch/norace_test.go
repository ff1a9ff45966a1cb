//go:build !race

package stytch

// raceEnabled reports whether the test binary runs under the race detector.
const raceEnabled = false
