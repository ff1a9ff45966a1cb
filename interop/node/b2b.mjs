// The B2B checks: the official SDK's B2BClient, unchanged, against the
// emulator, in the style of consumer.mjs: an Organization and its Member,
// an email OTP login with the code from the outbox, a magic link login,
// member sessions checked remotely and locally (the SDK fetches the B2B
// JWKS itself and reads the https://stytch.com/session and
// https://stytch.com/organization claims), an MFA login completed with
// TOTP, and a B2B error as StytchError.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";

import * as stytch from "stytch";

import { totp } from "./totp.mjs";

const requestID = /^request-id-test-[0-9a-f-]{36}$/;
const organizationID = /^organization-test-[0-9a-f-]{36}$/;
const memberID = /^member-test-[0-9a-f-]{36}$/;
const memberSessionID = /^member-session-test-[0-9a-f-]{36}$/;

// ok asserts the envelope every successful answer carries.
function ok(res, status = 200) {
  assert.equal(res.status_code, status, "status_code");
  assert.match(res.request_id, requestID, "request_id");
}

// memberSessionOK asserts the member session of an authenticate answer.
function memberSessionOK(res, member, org, factorType) {
  assert.equal(res.member_authenticated, true, "member_authenticated");
  assert.match(res.session_token, /^\S{20,}$/, "session_token");
  assert.equal(res.session_jwt.split(".").length, 3, "session_jwt is a JWT");
  assert.equal(res.member_session.member_id, member);
  assert.equal(res.member_session.organization_id, org);
  assert.match(res.member_session.member_session_id, memberSessionID);
  assert.ok(
    res.member_session.authentication_factors.some((f) => f.type === factorType),
    `a ${factorType} factor in ${JSON.stringify(res.member_session.authentication_factors)}`,
  );
}

// b2bChecks registers the B2B checks on run (see consumerChecks).
export async function b2bChecks(run, env, outbox) {
  const client = new stytch.B2BClient({
    project_id: env.projectID,
    secret: env.secret,
    custom_base_url: env.baseURL,
  });
  const tag = randomUUID().slice(0, 8);
  const s = {}; // what one check hands the next

  await run.check("b2b: B2BClient with custom_base_url", async () => {
    assert.equal(client.fetchConfig.baseURL, env.baseURL);
    assert.ok(client.sessions && client.organizations, "the B2B services are there");
  });

  await run.check("b2b: organizations.create + members.create", async () => {
    s.slug = `acme-${tag}`;
    const org = await client.organizations.create({ organization_name: `Acme ${tag}`, organization_slug: s.slug });
    ok(org);
    assert.match(org.organization.organization_id, organizationID);
    s.org = org.organization.organization_id;
    s.email = `ada.${tag}@acme.test`;
    const m = await client.organizations.members.create({
      organization_id: s.org,
      email_address: s.email,
      name: "Ada",
      roles: ["stytch_admin"],
    });
    ok(m);
    assert.match(m.member_id, memberID);
    assert.equal(m.member.status, "active");
    s.member = m.member_id;
    const got = await client.organizations.get({ organization_id: s.slug });
    assert.equal(got.organization.organization_id, s.org);
  });
  const withMember = { needs: ["b2b: organizations.create + members.create"] };

  await run.check(
    "b2b: otps.email.loginOrSignup + otps.email.authenticate",
    async () => {
      const sent = await client.otps.email.loginOrSignup({ organization_id: s.org, email_address: s.email });
      ok(sent);
      assert.equal(sent.member_created, false);
      const msg = await outbox.latest(s.email, "otp");
      assert.match(msg.code, /^\d{6}$/);
      const res = await client.otps.email.authenticate({
        organization_id: s.org,
        email_address: s.email,
        code: msg.code,
        session_duration_minutes: 60,
      });
      ok(res);
      memberSessionOK(res, s.member, s.org, "email_otp");
      assert.equal(res.member.email_address_verified, true);
      s.token = res.session_token;
      s.jwt = res.session_jwt;
      s.session = res.member_session;
    },
    withMember,
  );
  const withSession = { needs: ["b2b: otps.email.loginOrSignup + otps.email.authenticate"] };

  await run.check(
    "b2b: magicLinks.email.loginOrSignup + magicLinks.authenticate",
    async () => {
      ok(await client.magicLinks.email.loginOrSignup({ organization_id: s.org, email_address: s.email }));
      const msg = await outbox.latest(s.email, "magic_link");
      const res = await client.magicLinks.authenticate({ magic_links_token: msg.token, session_token: s.token });
      ok(res);
      memberSessionOK(res, s.member, s.org, "magic_link");
      assert.equal(res.member_session.member_session_id, s.session.member_session_id, "the factor joins the session");
    },
    withSession,
  );

  await run.check(
    "b2b: sessions.authenticate",
    async () => {
      const res = await client.sessions.authenticate({
        session_token: s.token,
        authorization_check: { organization_id: s.org, resource_id: "stytch.member", action: "delete" },
      });
      ok(res);
      assert.equal(res.member_session.member_session_id, s.session.member_session_id);
      assert.equal(res.member.member_id, s.member);
      assert.equal(res.organization.organization_slug, s.slug);
      assert.deepEqual(res.verdict, { authorized: true, granting_roles: ["stytch_admin"] });
      s.jwt = res.session_jwt;
    },
    withSession,
  );

  await run.check(
    "b2b: sessions.authenticateJwtLocal",
    async () => {
      const local = await client.sessions.authenticateJwtLocal({ session_jwt: s.jwt });
      assert.equal(local.member_session_id, s.session.member_session_id);
      assert.equal(local.member_id, s.member);
      assert.equal(local.organization_id, s.org);
      assert.equal(local.organization_slug, s.slug);
      assert.deepEqual(local.roles, ["stytch_member", "stytch_admin"]);
      assert.ok(local.authentication_factors.some((f) => f.type === "email_otp"));
      // with an authorization check, against the cached RBAC policies
      const checked = await client.sessions.authenticateJwtLocal({
        session_jwt: s.jwt,
        authorization_check: { organization_id: s.org, resource_id: "stytch.organization", action: "update.info.name" },
      });
      assert.equal(checked.member_id, s.member);
      await assert.rejects(
        () =>
          client.sessions.authenticateJwtLocal({
            session_jwt: s.jwt,
            authorization_check: { organization_id: "organization-test-00000000-0000-0000-0000-000000000000", resource_id: "stytch.member", action: "delete" },
          }),
        (e) => e instanceof stytch.ClientError,
      );
    },
    { needs: ["b2b: sessions.authenticate"] },
  );

  await run.check("b2b: MFA with TOTP", async () => {
    const org = await client.organizations.create({ organization_name: `Vault ${tag}`, mfa_policy: "REQUIRED_FOR_ALL" });
    const email = `cy.${tag}@vault.test`;
    const m = await client.organizations.members.create({ organization_id: org.organization.organization_id, email_address: email });
    const oid = org.organization.organization_id;
    await client.otps.email.loginOrSignup({ organization_id: oid, email_address: email });
    const code = (await outbox.latest(email, "otp")).code;
    const pending = await client.otps.email.authenticate({ organization_id: oid, email_address: email, code });
    ok(pending);
    assert.equal(pending.member_authenticated, false);
    assert.equal(pending.session_token, "");
    assert.ok(pending.intermediate_session_token, "an intermediate session token");
    const created = await client.totps.create({
      organization_id: oid,
      member_id: m.member_id,
      intermediate_session_token: pending.intermediate_session_token,
    });
    ok(created);
    assert.equal(created.recovery_codes.length, 10);
    const res = await client.totps.authenticate({
      organization_id: oid,
      member_id: m.member_id,
      code: totp(created.secret),
      intermediate_session_token: pending.intermediate_session_token,
    });
    ok(res);
    assert.equal(res.member.mfa_enrolled, true);
    assert.deepEqual(
      res.member_session.authentication_factors.map((f) => f.type),
      ["email_otp", "totp"],
    );
  });

  await run.check("b2b: organization_not_found as StytchError", async () => {
    let err;
    try {
      await client.otps.email.loginOrSignup({ organization_id: "organization-test-00000000-0000-0000-0000-000000000000", email_address: "x@acme.test" });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof stytch.StytchError, `expected a StytchError, got ${err?.constructor?.name}`);
    assert.equal(err.status_code, 404);
    assert.equal(err.error_type, "organization_not_found");
    assert.match(err.request_id, requestID);
  });
}
