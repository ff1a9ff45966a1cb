// A minimal check runner: named checks run in order, each failure is
// reported with its cause, and the run ends with one "N passed, N failed"
// line. Checks share state through the objects the suites keep, so a check
// whose prerequisite failed fails too (with the prerequisite's name).

import { inspect } from "node:util";

export class Run {
  constructor(out = process.stdout) {
    this.out = out;
    this.passed = 0;
    this.failed = 0;
    this.failures = new Set();
  }

  // check runs fn as the check called name. needs lists the checks it
  // builds on: when one of them failed, this one fails without running.
  async check(name, fn, { needs = [] } = {}) {
    const missing = needs.filter((n) => this.failures.has(n));
    if (missing.length > 0) {
      this.fail(name, new Error(`skipped: needs ${missing.join(", ")}`));
      return;
    }
    try {
      await fn();
      this.passed++;
      this.out.write(`ok   ${name}\n`);
    } catch (err) {
      this.fail(name, err);
    }
  }

  fail(name, err) {
    this.failed++;
    this.failures.add(name);
    this.out.write(`FAIL ${name}\n${indent(describe(err))}\n`);
  }

  // summary prints the closing line and returns the process exit code.
  summary() {
    this.out.write(`${this.passed} passed, ${this.failed} failed\n`);
    return this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}

// describe renders an error with what the SDK attached to it (a
// StytchError's status_code and error_type, a ClientError's code and cause).
function describe(err) {
  if (!(err instanceof Error)) {
    return inspect(err, { depth: 4 });
  }
  const extra = {};
  for (const k of ["status_code", "error_type", "error_message", "code", "cause", "actual", "expected"]) {
    if (err[k] !== undefined) {
      extra[k] = err[k];
    }
  }
  const head = `${err.name}: ${err.message}`;
  return Object.keys(extra).length ? `${head}\n${inspect(extra, { depth: 4 })}` : head;
}

function indent(s) {
  return s
    .split("\n")
    .map((l) => `     ${l}`)
    .join("\n");
}
