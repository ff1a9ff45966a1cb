// Runs the official Stytch Node SDK, unchanged, against a running emulator
// and exits non-zero on any mismatch. The emulator is named by the
// variables its banner prints:
//
//   STYTCH_BASE_URL=https://127.0.0.1:4455 STYTCH_PROJECT_ID=... STYTCH_SECRET=... node main.mjs
//
// The SDK takes only an https custom_base_url, so the emulator runs with
// -tls-cert/-tls-key and node trusts its CA through NODE_EXTRA_CA_CERTS.

import { b2bChecks } from "./b2b.mjs";
import { consumerChecks } from "./consumer.mjs";
import { Outbox } from "./emulator.mjs";
import { Run } from "./harness.mjs";

function need(name) {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(`${name} is not set: run against an emulator (see the comment at the top of main.mjs)\n`);
    process.exit(2);
  }
  return v;
}

const env = {
  baseURL: need("STYTCH_BASE_URL"),
  projectID: need("STYTCH_PROJECT_ID"),
  secret: need("STYTCH_SECRET"),
};
const outbox = new Outbox(env);
const run = new Run();
await consumerChecks(run, env, outbox);
await b2bChecks(run, env, outbox);
process.exitCode = run.summary();
