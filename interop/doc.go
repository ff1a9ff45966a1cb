// Package interop holds the tests that run Stytch's official SDKs, unchanged,
// against the emulator: the SDKs are the oracle of the wire format.
//
// node/ is a Node project pinned to an exact version of the official Node
// SDK (npm package stytch); TestNodeSDK builds cmd/stytch-emulator, starts
// it over HTTPS on a free loopback port and runs node/main.mjs against it.
// Install the SDK first with "npm ci" in node/ (.ci/run does); without node
// or the package the test skips, unless STYTCHKIT_REQUIRE_NODE=1 makes that
// a failure.
package interop
