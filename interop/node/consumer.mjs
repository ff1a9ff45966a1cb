// The Consumer checks: each drives the official SDK's Client the way an
// application would and asserts what the real Stytch API answers.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";

import * as stytch from "stytch";

import { totp } from "./totp.mjs";

const requestID = /^request-id-test-[0-9a-f-]{36}$/;
const userID = /^user-test-[0-9a-f-]{36}$/;
const sessionID = /^session-test-[0-9a-f-]{36}$/;

// ok asserts the envelope every successful answer carries.
function ok(res, status = 200) {
  assert.equal(res.status_code, status, "status_code");
  assert.match(res.request_id, requestID, "request_id");
}

// rejects runs fn, which must fail with the SDK's StytchError of the given
// HTTP status and error_type; it returns the error.
async function rejects(fn, status, errorType) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected a ${status} ${errorType} error, got a success`);
  assert.ok(err instanceof stytch.StytchError, `expected a StytchError, got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.status_code, status, "status_code");
  assert.equal(err.error_type, errorType, "error_type");
  assert.match(err.request_id, requestID, "request_id");
  assert.equal(typeof err.error_message, "string");
  assert.ok(err.error_message.length > 0, "error_message is set");
  assert.ok(err.error_url.startsWith("https://stytch.com/docs/"), `error_url ${err.error_url}`);
  return err;
}

// seconds is an RFC 3339 timestamp in whole Unix seconds.
function seconds(ts) {
  const ms = Date.parse(ts);
  assert.ok(Number.isFinite(ms), `not a timestamp: ${ts}`);
  return Math.floor(ms / 1000);
}

// sessionOK asserts a session in an authenticate answer.
function sessionOK(res, user, factorType) {
  assert.match(res.session_token, /^\S{20,}$/, "session_token");
  assert.equal(res.session_jwt.split(".").length, 3, "session_jwt is a JWT");
  assert.equal(res.session.user_id, user);
  assert.match(res.session.session_id, sessionID);
  assert.ok(Date.parse(res.session.expires_at) > Date.now(), "expires_at is ahead");
  assert.ok(
    res.session.authentication_factors.some((f) => f.type === factorType),
    `a ${factorType} factor in ${JSON.stringify(res.session.authentication_factors)}`,
  );
}

// consumerChecks registers the Consumer checks on run. env holds the
// emulator's base URL and credentials; outbox reads the sent messages.
export async function consumerChecks(run, env, outbox) {
  const client = new stytch.Client({
    project_id: env.projectID,
    secret: env.secret,
    custom_base_url: env.baseURL,
  });
  const tag = randomUUID().slice(0, 8);
  const s = {}; // what one check hands the next

  // --- users ---
  await run.check("users.create", async () => {
    s.email = `ada.${tag}@example.com`;
    const res = await client.users.create({
      email: s.email,
      name: { first_name: "Ada" },
      trusted_metadata: { plan: "pro" },
    });
    ok(res, 201);
    assert.match(res.user_id, userID);
    assert.equal(res.user.user_id, res.user_id);
    assert.equal(res.email_id, res.user.emails[0].email_id);
    assert.equal(res.user.emails[0].email, s.email);
    assert.equal(res.user.emails[0].verified, false);
    assert.deepEqual(res.user.trusted_metadata, { plan: "pro" });
    s.userID = res.user_id;
  });
  await run.check(
    "users.get",
    async () => {
      const res = await client.users.get({ user_id: s.userID });
      ok(res);
      assert.equal(res.user_id, s.userID);
      assert.equal(res.name.first_name, "Ada");
      assert.equal(res.emails[0].email, s.email);
      assert.deepEqual(res.phone_numbers, []);
      assert.equal(res.password, null);
    },
    { needs: ["users.create"] },
  );
  await run.check(
    "users.update",
    async () => {
      const res = await client.users.update({
        user_id: s.userID,
        name: { first_name: "Ada", last_name: "Lovelace" },
        untrusted_metadata: { theme: "dark" },
      });
      ok(res);
      assert.equal(res.user.name.last_name, "Lovelace");
      assert.deepEqual(res.user.untrusted_metadata, { theme: "dark" });
      assert.deepEqual(res.user.trusted_metadata, { plan: "pro" }, "untouched");
    },
    { needs: ["users.create"] },
  );
  await run.check(
    "users.search",
    async () => {
      const query = { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [s.email] }] };
      const res = await client.users.search({ limit: 10, query });
      ok(res);
      assert.deepEqual(
        res.results.map((u) => u.user_id),
        [s.userID],
      );
      assert.equal(res.results_metadata.total, 1);
      assert.equal(res.results_metadata.next_cursor, null);
      // the SDK's pager stops on the null cursor
      const pager = client.users.searchAll({ limit: 10, query });
      const page = await pager.next();
      assert.equal(page.length, 1);
      assert.equal(pager.hasNext(), false);
    },
    { needs: ["users.create"] },
  );
  await run.check(
    "users.delete",
    async () => {
      const res = await client.users.delete({ user_id: s.userID });
      ok(res);
      assert.equal(res.user_id, s.userID);
      await rejects(() => client.users.get({ user_id: s.userID }), 404, "user_not_found");
    },
    { needs: ["users.create"] },
  );

  // --- a 404 as the SDK's StytchError ---
  await run.check("errors: 404 as StytchError", async () => {
    const err = await rejects(
      () => client.users.get({ user_id: "user-test-00000000-0000-0000-0000-000000000000" }),
      404,
      "user_not_found",
    );
    assert.equal(err.error_url, "https://stytch.com/docs/api/errors/404#user_not_found");
  });

  // --- magic links ---
  const mlEmail = `grace.${tag}@example.com`;
  await run.check("magicLinks.email.loginOrCreate + authenticate", async () => {
    const sent = await client.magicLinks.email.loginOrCreate({ email: mlEmail });
    ok(sent);
    assert.equal(sent.user_created, true);
    assert.match(sent.user_id, userID);
    const msg = await outbox.latest(mlEmail, "magic_link");
    assert.equal(msg.user_id, sent.user_id);
    assert.equal(msg.method_id, sent.email_id);
    const res = await client.magicLinks.authenticate({ token: msg.token, session_duration_minutes: 60 });
    ok(res);
    assert.equal(res.user_id, sent.user_id);
    assert.equal(res.method_id, sent.email_id);
    assert.equal(res.user.emails[0].verified, true);
    sessionOK(res, sent.user_id, "magic_link");
    const factor = res.session.authentication_factors.find((f) => f.type === "magic_link");
    assert.equal(factor.delivery_method, "email");
    assert.equal(factor.email_factor.email_address, mlEmail);
    // a used token is refused
    await rejects(() => client.magicLinks.authenticate({ token: msg.token }), 401, "unable_to_auth_magic_link");
    Object.assign(s, { mlUser: sent.user_id, session: res.session, token: res.session_token, jwt: res.session_jwt });
  });

  // --- sessions ---
  const withSession = { needs: ["magicLinks.email.loginOrCreate + authenticate"] };
  await run.check(
    "sessions.authenticate",
    async () => {
      const res = await client.sessions.authenticate({ session_token: s.token });
      ok(res);
      assert.equal(res.session.session_id, s.session.session_id);
      assert.equal(res.user.user_id, s.mlUser);
      assert.equal(res.session_token, s.token);
      s.jwt = res.session_jwt;
    },
    withSession,
  );
  await run.check(
    "sessions.get",
    async () => {
      const res = await client.sessions.get({ user_id: s.mlUser });
      ok(res);
      assert.deepEqual(
        res.sessions.map((x) => x.session_id),
        [s.session.session_id],
      );
    },
    withSession,
  );
  await run.check(
    "sessions.authenticateJwtLocal",
    async () => {
      // verified with the JWKS the SDK fetches itself, without credentials
      const local = await client.sessions.authenticateJwtLocal({ session_jwt: s.jwt });
      assert.equal(local.session_id, s.session.session_id);
      assert.equal(local.user_id, s.mlUser);
      // the JWT's session claim carries whole-second RFC 3339 timestamps
      assert.equal(seconds(local.expires_at), seconds(s.session.expires_at), "expires_at");
      assert.equal(seconds(local.started_at), seconds(s.session.started_at), "started_at");
      assert.ok(local.authentication_factors.some((f) => f.type === "magic_link"));
      assert.deepEqual(local.custom_claims, {});
      // authenticateJwt takes the local path for a fresh token, and asks
      // the API when max_token_age_seconds is 0
      const local2 = await client.sessions.authenticateJwt({ session_jwt: s.jwt, max_token_age_seconds: 300 });
      assert.equal(local2.session.session_id, s.session.session_id);
      const remote = await client.sessions.authenticateJwt({ session_jwt: s.jwt, max_token_age_seconds: 0 });
      ok(remote);
      assert.equal(remote.session.session_id, s.session.session_id);
      assert.equal(remote.user.user_id, s.mlUser);
      // a tampered token is refused locally
      const [h, p, sig] = s.jwt.split(".");
      const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
      await assert.rejects(
        () => client.sessions.authenticateJwtLocal({ session_jwt: `${h}.${p}.${flipped}` }),
        (e) => e instanceof stytch.ClientError && e.code === "jwt_invalid",
      );
    },
    { needs: ["sessions.authenticate"] },
  );
  await run.check(
    "sessions.getJWKS",
    async () => {
      const res = await client.sessions.getJWKS({ project_id: env.projectID });
      ok(res);
      assert.ok(res.keys.length > 0, "at least one key");
      for (const k of res.keys) {
        assert.equal(k.kty, "RSA");
        assert.equal(k.alg, "RS256");
        assert.match(k.kid, /^jwk-test-[0-9a-f-]{36}$/);
      }
      const kid = JSON.parse(Buffer.from(s.jwt.split(".")[0], "base64url")).kid;
      assert.ok(
        res.keys.some((k) => k.kid === kid),
        "the session JWT's kid is in the key set",
      );
    },
    { needs: ["sessions.authenticate"] },
  );
  await run.check(
    "sessions.revoke",
    async () => {
      const res = await client.sessions.revoke({ session_id: s.session.session_id });
      ok(res);
      await rejects(() => client.sessions.authenticate({ session_token: s.token }), 404, "session_not_found");
      await rejects(() => client.sessions.authenticate({ session_jwt: s.jwt }), 404, "session_not_found");
      // a JWT stays valid locally until it expires, revoked or not
      const local = await client.sessions.authenticateJwtLocal({ session_jwt: s.jwt });
      assert.equal(local.session_id, s.session.session_id);
    },
    { needs: ["sessions.authenticateJwtLocal"] },
  );

  // --- email OTP ---
  await run.check("otps.email.send + otps.authenticate", async () => {
    const email = `otp.${tag}@example.com`;
    const created = await client.users.create({ email });
    const sent = await client.otps.email.send({ email });
    ok(sent);
    assert.equal(sent.user_id, created.user_id);
    assert.equal(sent.email_id, created.email_id);
    const { code } = await outbox.latest(email, "otp");
    assert.match(code, /^\d{6}$/);
    const wrong = code === "000000" ? "111111" : "000000";
    await rejects(() => client.otps.authenticate({ method_id: sent.email_id, code: wrong }), 404, "otp_code_not_found");
    const res = await client.otps.authenticate({ method_id: sent.email_id, code, session_duration_minutes: 30 });
    ok(res);
    assert.equal(res.user_id, created.user_id);
    assert.equal(res.method_id, sent.email_id);
    sessionOK(res, created.user_id, "otp");
  });

  // --- SMS OTP ---
  // two different numbers per run, random so that reruns against one
  // emulator rarely meet a number already taken
  const phoneBase = Math.floor(Math.random() * 5000);
  let phones = 0;
  const phone = () => `+1202555${String(phoneBase + 5000 * phones++).padStart(4, "0")}`;
  await run.check("otps.sms.send + otps.authenticate", async () => {
    const number = phone();
    const created = await client.users.create({ phone_number: number });
    ok(created, 201);
    const sent = await client.otps.sms.send({ phone_number: number });
    ok(sent);
    assert.equal(sent.user_id, created.user_id);
    assert.equal(sent.phone_id, created.phone_id);
    const msg = await outbox.latest(number, "otp");
    assert.equal(msg.channel, "sms");
    assert.match(msg.code, /^\d{6}$/);
    const res = await client.otps.authenticate({ method_id: sent.phone_id, code: msg.code, session_duration_minutes: 30 });
    ok(res);
    assert.equal(res.user_id, created.user_id);
    assert.equal(res.user.phone_numbers[0].phone_number, number);
    assert.equal(res.user.phone_numbers[0].verified, true);
    sessionOK(res, created.user_id, "otp");
    const factor = res.session.authentication_factors.find((f) => f.type === "otp");
    assert.equal(factor.delivery_method, "sms");
    assert.equal(factor.phone_number_factor.phone_number, number);
  });
  await run.check("otps.sms.loginOrCreate + authenticate without a session", async () => {
    const number = phone();
    const sent = await client.otps.sms.loginOrCreate({ phone_number: number });
    ok(sent);
    assert.equal(sent.user_created, true);
    const { code } = await outbox.latest(number, "otp");
    const res = await client.otps.authenticate({ method_id: sent.phone_id, code });
    ok(res);
    assert.equal(res.user_id, sent.user_id);
    // no session_duration_minutes: no session, sent as null and empty strings
    assert.equal(res.session, null, "session");
    assert.equal(res.session_token, "");
    assert.equal(res.session_jwt, "");
  });

  // --- passwords ---
  const pwEmail = `pw.${tag}@example.com`;
  const password = `correct horse battery staple ${tag}`;
  await run.check("passwords.strengthCheck", async () => {
    const weak = await client.passwords.strengthCheck({ password: "password" });
    ok(weak);
    assert.equal(weak.valid_password, false);
    assert.ok(weak.score <= 1, `score ${weak.score}`);
    const strong = await client.passwords.strengthCheck({ password, email: pwEmail });
    ok(strong);
    assert.equal(strong.valid_password, true);
    assert.equal(typeof strong.breached_password, "boolean");
    assert.equal(strong.strength_policy, "zxcvbn");
  });
  await run.check("passwords.create + authenticate", async () => {
    const created = await client.passwords.create({ email: pwEmail, password, session_duration_minutes: 60 });
    ok(created);
    assert.match(created.user_id, userID);
    sessionOK(created, created.user_id, "password");
    const res = await client.passwords.authenticate({ email: pwEmail, password, session_duration_minutes: 60 });
    ok(res);
    assert.equal(res.user_id, created.user_id);
    sessionOK(res, created.user_id, "password");
    await rejects(
      () => client.passwords.authenticate({ email: pwEmail, password: `${password}!` }),
      401,
      "unauthorized_credentials",
    );
    s.pwUser = created.user_id;
  });

  // --- TOTP ---
  await run.check("totp helper: RFC 6238 test vector", async () => {
    // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits)
    assert.equal(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59 * 1000), "287082");
  });
  await run.check(
    "totps.create + authenticate",
    async () => {
      const created = await client.totps.create({ user_id: s.pwUser });
      ok(created);
      assert.match(created.totp_id, /^totp-test-[0-9a-f-]{36}$/);
      assert.match(created.secret, /^[A-Z2-7]+=*$/);
      assert.ok(created.recovery_codes.length > 0, "recovery codes");
      assert.ok(created.qr_code.startsWith("data:image/png;base64,"), "qr_code is a PNG data URL");
      const res = await client.totps.authenticate({ user_id: s.pwUser, totp_code: totp(created.secret) });
      ok(res);
      assert.equal(res.user_id, s.pwUser);
      assert.equal(res.totp_id, created.totp_id);
    },
    { needs: ["passwords.create + authenticate", "totp helper: RFC 6238 test vector"] },
  );

  // --- M2M ---
  await run.check("m2m.clients.create + m2m.token + m2m.authenticateToken", async () => {
    const created = await client.m2m.clients.create({ client_name: `svc-${tag}`, scopes: ["read:users", "write:users"] });
    ok(created, 201);
    const c = created.m2m_client;
    assert.match(c.client_id, /^m2m-client-test-[0-9a-f-]{36}$/);
    assert.equal(c.client_secret_last_four, c.client_secret.slice(-4));
    assert.deepEqual(c.scopes, ["read:users", "write:users"]);
    assert.equal(c.status, "active");
    const tok = await client.m2m.token({ client_id: c.client_id, client_secret: c.client_secret, scopes: ["read:users"] });
    assert.equal(tok.token_type, "bearer");
    assert.equal(tok.expires_in, 3600);
    const auth = await client.m2m.authenticateToken({ access_token: tok.access_token, required_scopes: ["read:users"] });
    assert.equal(auth.client_id, c.client_id);
    assert.deepEqual(auth.scopes, ["read:users"]);
    await assert.rejects(
      () => client.m2m.authenticateToken({ access_token: tok.access_token, required_scopes: ["write:users"] }),
      (e) => e instanceof stytch.ClientError && e.code === "missing_scopes",
    );
    // a wrong secret is an OAuth2 error the SDK maps onto StytchError
    await rejects(
      () => client.m2m.token({ client_id: c.client_id, client_secret: `${c.client_secret}x` }),
      401,
      "invalid_client",
    );
  });
}
