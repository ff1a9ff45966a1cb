// The B2B checks: the official SDK's B2BClient against the emulator.
//
// The emulator answers the B2B operations it does not serve yet with 501
// not_implemented_in_emulator, so for now this only builds the client the
// way an application does. As B2B groups are emulated, add their checks
// here, in the style of consumer.mjs:
//   - organizations.create / get / update / search / delete
//   - organizations.members.create / get / search / delete
//   - magicLinks.email.loginOrSignup + magicLinks.authenticate (token from
//     the outbox), discovery flows
//   - sessions.authenticate / get / revoke, and sessions.authenticateJwtLocal
//     (the SDK fetches GET /v1/b2b/sessions/jwks/{project_id} without
//     credentials and expects the https://stytch.com/member_session claim)
//   - m2m.token + m2m.authenticateToken through the B2B client
//   - a B2B 404 (organization_not_found) as StytchError

import assert from "node:assert/strict";

import * as stytch from "stytch";

// b2bChecks registers the B2B checks on run (see consumerChecks).
export async function b2bChecks(run, env, outbox) {
  void outbox; // for the magic link and OTP checks to come
  await run.check("b2b: B2BClient with custom_base_url", async () => {
    const client = new stytch.B2BClient({
      project_id: env.projectID,
      secret: env.secret,
      custom_base_url: env.baseURL,
    });
    assert.equal(client.fetchConfig.baseURL, env.baseURL);
    assert.ok(client.sessions && client.organizations, "the B2B services are there");
  });
}
