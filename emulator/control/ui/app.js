// The emulator's web UI: plain JavaScript over the JSON of /emulator/ui/api.
// Every value from the emulator is put in the page as text (textContent),
// never parsed as HTML, and only http(s) links are made clickable.
"use strict";

(() => {
  const API = "api";
  const REFRESH_MS = 2000;
  const TABS = ["outbox", "users", "sessions", "organizations", "faults"];

  const state = {
    tab: "outbox",
    status: null,
    messages: [],
    users: [],
    sessions: [],
    organizations: [],
    faults: [],
    raw: {}, // last JSON text per view, to skip re-rendering unchanged data
    selected: "", // id of the message shown
    open: new Set(), // user and organization ids whose details are open
    timer: 0,
    armedReset: 0,
  };

  const $ = (id) => document.getElementById(id);

  // el builds an element: el("a", {href: u, class: "x"}, "text", child...).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  // ---- talking to the emulator -------------------------------------------

  async function api(path, options) {
    const res = await fetch(API + path, Object.assign({ headers: { Accept: "application/json" }, cache: "no-store" }, options));
    let body = null;
    try { body = await res.json(); } catch { body = null; }
    if (!res.ok) {
      const msg = body && body.error_message ? body.error_message : res.status + " " + res.statusText;
      throw new Error(msg);
    }
    return body;
  }

  function post(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? "{}" : JSON.stringify(body) });
  }

  // ---- formatting --------------------------------------------------------

  function now() { return state.status ? new Date(state.status.now) : new Date(); }

  function ago(iso) {
    const t = new Date(iso);
    let s = Math.round((now() - t) / 1000);
    const future = s < 0;
    s = Math.abs(s);
    let txt;
    if (s < 45) txt = s <= 1 ? "just now" : s + " s";
    else if (s < 3600) txt = Math.round(s / 60) + " min";
    else if (s < 172800) txt = Math.round(s / 3600) + " h";
    else txt = Math.round(s / 86400) + " d";
    if (txt === "just now") return txt;
    return future ? "in " + txt : txt + " ago";
  }

  function when(iso) {
    return el("time", { datetime: iso, title: new Date(iso).toLocaleString() }, ago(iso));
  }

  function fullTime(iso) { return new Date(iso).toLocaleString(); }

  function offsetText(d) {
    if (!d || d === "0s") return "";
    return "+" + d.replace(/(\d+)h0m0s$/, "$1h").replace(/(\d+)m0s$/, "$1m").replace(/^0s$/, "");
  }

  function safeLink(href) {
    try {
      const u = new URL(href);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : "";
    } catch { return ""; }
  }

  function badge(text, kind) { return el("span", { class: "badge " + (kind || text) }, text); }

  function copyButton(value, label) {
    return el("button", { type: "button", class: "copy", title: "Copy " + (label || ""), onclick: async (ev) => {
      ev.stopPropagation();
      try {
        await navigator.clipboard.writeText(value);
        toast("Copied " + (label || ""));
      } catch {
        toast("Copy is blocked here: select the text instead");
      }
    } }, "Copy");
  }

  let toastTimer = 0;
  function toast(text, bad) {
    const t = $("toast");
    t.textContent = text;
    t.className = "toast" + (bad ? " bad" : "");
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 2500);
  }

  function banner(text) {
    const b = $("banner");
    b.textContent = text || "";
    b.hidden = !text;
  }

  function matches(q, ...fields) {
    if (!q) return true;
    const hay = fields.flat(Infinity).filter(Boolean).join(" ").toLowerCase();
    return q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
  }

  // ---- header ------------------------------------------------------------

  function renderStatus() {
    const s = state.status;
    if (!s) return;
    $("project").textContent = s.project_id;
    $("project").title = "Project id (public token " + s.public_token + ")";
    const t = new Date(s.now);
    $("clock-now").textContent = t.toLocaleDateString(undefined, { month: "short", day: "numeric" }) + " " +
      t.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    $("clock-now").title = t.toString();
    $("clock-offset").textContent = offsetText(s.clock_offset);
    $("clock-offset").title = s.clock_offset && s.clock_offset !== "0s" ? "Ahead of real time by " + s.clock_offset : "";
    const counts = { outbox: s.messages, users: s.users, sessions: s.sessions, organizations: s.organizations, faults: s.faults };
    for (const [k, v] of Object.entries(counts)) $("count-" + k).textContent = v ? String(v) : "";
  }

  // ---- outbox ------------------------------------------------------------

  const KIND_LABEL = { magic_link: "Magic link", invite: "Invite", password_reset: "Password reset", otp: "Passcode" };
  const CHANNEL_LABEL = { email: "Email", sms: "SMS", whatsapp: "WhatsApp" };

  function visibleMessages() {
    const q = $("outbox-filter").value.trim();
    return state.messages.slice().reverse().filter((m) =>
      matches(q, m.to, m.subject, m.kind, m.channel, m.code, m.user_id, m.organization_id, KIND_LABEL[m.kind]));
  }

  function renderOutbox() {
    const list = $("outbox-list");
    const msgs = visibleMessages();
    const scroll = list.scrollTop;
    list.replaceChildren(...msgs.map((m) => el("li", {
      class: "msg" + (m.id === state.selected ? " selected" : "") + (m.status !== "active" ? " dim" : ""),
      tabindex: "0", dataset: { id: m.id }, "aria-selected": m.id === state.selected ? "true" : "false",
      onclick: () => select(m.id),
      onkeydown: (ev) => { if (ev.key === "Enter") select(m.id); },
    },
    el("div", { class: "msg-top" },
      el("span", { class: "to" }, m.to),
      when(m.created_at)),
    el("div", { class: "msg-bottom" },
      el("span", { class: "chip " + m.channel }, CHANNEL_LABEL[m.channel] || m.channel),
      el("span", { class: "subject" }, m.subject || m.text || KIND_LABEL[m.kind] || m.kind),
      m.code ? el("code", { class: "code-mini" }, m.code) : null,
      m.status !== "active" ? badge(m.status) : null))));
    list.scrollTop = scroll;
    const empty = $("outbox-empty");
    empty.hidden = msgs.length > 0;
    empty.textContent = state.messages.length === 0
      ? "Nothing sent yet. Emails and text messages the emulator sends (magic links, passcodes, password resets, invites) appear here."
      : "No message matches the filter.";
    if (!msgs.some((m) => m.id === state.selected)) state.selected = msgs.length ? msgs[0].id : "";
    renderMessage();
    for (const li of list.children) {
      const sel = li.dataset.id === state.selected;
      li.classList.toggle("selected", sel);
      li.setAttribute("aria-selected", sel ? "true" : "false");
    }
  }

  function select(id) {
    state.selected = id;
    for (const li of $("outbox-list").children) {
      const sel = li.dataset.id === id;
      li.classList.toggle("selected", sel);
      li.setAttribute("aria-selected", sel ? "true" : "false");
    }
    renderMessage();
  }

  // field is one "label: value" line; an id or secret (code) shows as code
  // with a copy button, anything else as plain text.
  function field(label, value, code) {
    if (!value) return null;
    return el("div", { class: "kv" }, el("span", { class: "k" }, label),
      el("span", { class: "v" }, code ? el("code", {}, value) : el("span", { class: "plain" }, value),
        code ? copyButton(value, label.toLowerCase()) : null));
  }

  let shown = null; // JSON of the message on screen, so that a refresh leaves it (and a text selection) alone
  function renderMessage() {
    const pane = $("message");
    const m = state.messages.find((x) => x.id === state.selected);
    const key = m ? JSON.stringify(m) : "";
    if (key === shown) return;
    shown = key;
    if (!m) {
      pane.replaceChildren(el("div", { class: "placeholder" }, "Select a message to read it."));
      return;
    }
    const href = m.link ? safeLink(m.link) : "";
    let body;
    if (m.channel === "email") {
      body = el("div", { class: "email" },
        el("div", { class: "email-head" },
          el("div", {}, el("span", { class: "k" }, "From"), "Stytch emulator <no-reply@emulator.invalid>"),
          el("div", {}, el("span", { class: "k" }, "To"), m.to),
          el("div", {}, el("span", { class: "k" }, "Date"), fullTime(m.created_at))),
        el("div", { class: "email-body" },
          el("h2", {}, m.subject || KIND_LABEL[m.kind] || m.kind),
          el("p", {}, m.text),
          m.code ? el("div", { class: "big-code", "aria-label": "Passcode" }, m.code) : null,
          href ? el("p", { class: "cta" }, el("a", { class: "button-link", href, target: "_blank", rel: "noopener noreferrer", id: "message-link" }, m.action || "Open link")) : null,
          href ? el("p", { class: "fine" }, "Or open this address: ", el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "raw-link" }, href)) : null,
          m.link && !href ? el("p", { class: "fine" }, "The link is not an http(s) address, so it is not clickable: ", el("code", {}, m.link)) : null));
    } else {
      body = el("div", { class: "phone" },
        el("div", { class: "phone-head" }, (CHANNEL_LABEL[m.channel] || m.channel) + " to " + m.to),
        el("div", { class: "bubble" }, m.text),
        el("div", { class: "big-code", "aria-label": "Passcode" }, m.code));
    }
    const meta = el("div", { class: "meta" },
      el("h3", {}, "Details"),
      field("Code", m.code, true),
      field("Token", m.token, true),
      field("Link", m.link, true),
      field("User id", m.user_id, true),
      field("Method id", m.method_id, true),
      field("Message id", m.id, true),
      el("div", { class: "kv" }, el("span", { class: "k" }, "Status"), el("span", { class: "v" }, badge(m.status),
        m.expires_at ? el("span", { class: "muted" }, m.status === "expired" ? " expired " : " expires ", when(m.expires_at)) : null)));
    pane.replaceChildren(
      el("div", { class: "detail-head" },
        el("span", { class: "chip " + m.channel }, CHANNEL_LABEL[m.channel] || m.channel),
        el("span", { class: "chip kind" }, KIND_LABEL[m.kind] || m.kind),
        el("span", { class: "muted" }, "sent ", when(m.created_at))),
      body, meta);
  }

  // ---- users -------------------------------------------------------------

  function userLabel(u) {
    if (u.emails.length) return u.emails[0].address;
    if (u.phones.length) return u.phones[0].number;
    const n = [u.name.first, u.name.last].filter(Boolean).join(" ");
    return n || u.user_id;
  }

  function factorChips(u) {
    const chips = [];
    const add = (n, one, many, cls) => { if (n) chips.push(el("span", { class: "chip factor " + cls }, n === 1 ? one : n + " " + many)); };
    add(u.emails.length, "email", "emails", "email");
    add(u.phones.length, "phone", "phones", "sms");
    if (u.password) chips.push(el("span", { class: "chip factor password" }, "password"));
    add(u.totps.length, "TOTP", "TOTPs", "totp");
    add(u.webauthn_registrations.length, "passkey", "passkeys", "passkey");
    add(u.biometric_registrations.length, "biometric", "biometrics", "passkey");
    add(u.crypto_wallets.length, "wallet", "wallets", "wallet");
    for (const p of u.providers) chips.push(el("span", { class: "chip factor oauth" }, p.type));
    return chips;
  }

  function table(head, rows) {
    if (!rows.length) return null;
    return el("table", { class: "mini" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c))))));
  }

  function yes(b) { return b ? badge("verified", "active") : badge("unverified"); }

  function renderUsers() {
    const q = $("users-filter").value.trim();
    const users = state.users.filter((u) => matches(q, u.user_id, u.external_id, u.name.first, u.name.middle, u.name.last,
      u.emails.map((e) => e.address), u.phones.map((p) => p.number), u.providers.map((p) => p.type + " " + p.subject)));
    const list = $("users-list");
    list.replaceChildren(...users.map((u) => {
      const d = el("details", { class: "card", dataset: { id: u.user_id }, open: state.open.has(u.user_id) },
        el("summary", {},
          el("span", { class: "who" }, userLabel(u)),
          u.status !== "active" ? badge(u.status, "pending") : null,
          u.locked_until ? badge("locked", "expired") : null,
          el("span", { class: "chips" }, factorChips(u)),
          el("span", { class: "muted right" }, u.sessions ? u.sessions + (u.sessions === 1 ? " session · " : " sessions · ") : "", "created ", when(u.created_at))),
        el("div", { class: "card-body" },
          el("div", { class: "kvs" },
            field("User id", u.user_id, true),
            field("External id", u.external_id, true),
            field("Name", [u.name.first, u.name.middle, u.name.last].filter(Boolean).join(" "), false),
            field("Roles", u.roles.join(", "), false),
            u.locked_until ? field("Locked until", fullTime(u.locked_until), false) : null),
          table(["Email", "", "Email id"], u.emails.map((e) => [e.address, yes(e.verified), el("code", {}, e.id)])),
          table(["Phone", "", "Phone id"], u.phones.map((p) => [p.number, yes(p.verified), el("code", {}, p.id)])),
          u.password ? table(["Password", "Password id"], [[u.password.requires_reset ? badge("reset required", "expired") : (u.password.imported_type ? "imported (" + u.password.imported_type + ")" : "set"), el("code", {}, u.password.password_id)]]) : null,
          table(["TOTP", "Recovery codes left", "Created", "TOTP id"], u.totps.map((t) => [yes(t.verified), String(t.recovery_codes_left), when(t.created_at), el("code", {}, t.totp_id)])),
          table(["Passkey / security key", "Domain", "", "Registration id"], u.webauthn_registrations.map((w) => [w.name || w.authenticator_type || "WebAuthn", w.domain, yes(w.verified), el("code", {}, w.webauthn_registration_id)])),
          table(["Biometric", "Registration id"], u.biometric_registrations.map((b) => [yes(b.verified), el("code", {}, b.id)])),
          table(["OAuth provider", "Subject", "Registration id"], u.providers.map((p) => [p.type, p.subject, el("code", {}, p.id)])),
          table(["Wallet", "Address", ""], u.crypto_wallets.map((w) => [w.type, el("code", {}, w.address), yes(w.verified)])),
          metadata("Trusted metadata", u.trusted_metadata),
          metadata("Untrusted metadata", u.untrusted_metadata),
          el("div", { class: "card-actions" },
            el("button", { type: "button", onclick: () => showSessionsOf(u) }, u.sessions ? "Show sessions" : "No live session"),
            el("button", { type: "button", onclick: () => showOutboxOf(u) }, "Show messages"))));
      d.addEventListener("toggle", () => { if (d.open) state.open.add(u.user_id); else state.open.delete(u.user_id); });
      return d;
    }));
    const empty = $("users-empty");
    empty.hidden = users.length > 0;
    empty.textContent = state.users.length === 0 ? "No users yet. Users appear as your app signs them up through the API." : "No user matches the search.";
  }

  function metadata(label, m) {
    if (!m || !Object.keys(m).length) return null;
    return el("div", { class: "metadata" }, el("div", { class: "k" }, label), el("pre", {}, JSON.stringify(m, null, 2)));
  }

  function showSessionsOf(u) {
    $("sessions-filter").value = u.user_id;
    location.hash = "#sessions";
  }

  function showOutboxOf(u) {
    $("outbox-filter").value = u.emails.length ? u.emails[0].address : (u.phones.length ? u.phones[0].number : u.user_id);
    location.hash = "#outbox";
  }

  // ---- sessions ----------------------------------------------------------

  function renderSessions() {
    const q = $("sessions-filter").value.trim();
    const sessions = state.sessions.filter((s) => matches(q, s.user, s.user_id, s.session_id, s.authentication_factors.map((f) => f.type)));
    $("sessions-list").replaceChildren(...sessions.map((s) => el("tr", {},
      el("td", {}, el("div", {}, s.user), el("code", { class: "muted small" }, s.user_id)),
      el("td", {}, s.authentication_factors.map((f) => el("span", { class: "chip factor" }, f.type.replace(/_/g, " ")))),
      el("td", {}, when(s.started_at)),
      el("td", {}, when(s.last_accessed_at)),
      el("td", {}, when(s.expires_at)),
      el("td", {}, el("code", { class: "small" }, s.session_id)),
      el("td", { class: "actions" }, el("button", { type: "button", class: "danger small-btn", onclick: () => revoke(s) }, "Revoke")))));
    const empty = $("sessions-empty");
    empty.hidden = sessions.length > 0;
    $("sessions-table").hidden = sessions.length === 0;
    empty.textContent = state.sessions.length === 0 ? "No live session." : "No session matches the filter.";
  }

  async function revoke(s) {
    try {
      await post("/sessions/" + encodeURIComponent(s.session_id) + "/revoke");
      toast("Session of " + s.user + " revoked");
    } catch (e) { toast("Revoke failed: " + e.message, true); }
    refresh();
  }

  // ---- organizations (B2B) -----------------------------------------------

  function memberChips(m) {
    const chips = [];
    const chip = (text, cls) => chips.push(el("span", { class: "chip factor " + cls }, text));
    if (m.password) chip("password", "password");
    if (m.totp) chip("TOTP", "totp");
    if (m.mfa_phone_number) chip("SMS MFA", "sms");
    for (const p of m.oauth_providers) chip(p, "oauth");
    if (m.sso_connections.length) chip(m.sso_connections.length === 1 ? "SSO" : m.sso_connections.length + " SSO", "passkey");
    if (m.scim_provisioned) chip("SCIM", "wallet");
    return chips;
  }

  function memberStatus(m) {
    if (m.locked_until) return badge("locked", "expired");
    if (m.status === "active") return badge("active");
    return badge(m.status, m.status === "deleted" ? "gone" : "pending");
  }

  function renderOrganizations() {
    const q = $("organizations-filter").value.trim();
    const orgs = state.organizations.filter((o) => matches(q, o.organization_id, o.organization_name, o.organization_slug, o.external_id,
      o.email_allowed_domains, o.members.map((m) => [m.member_id, m.email_address, m.name, m.roles])));
    $("organizations-list").replaceChildren(...orgs.map((o) => {
      const live = o.members.reduce((n, m) => n + m.sessions, 0);
      const d = el("details", { class: "card", dataset: { id: o.organization_id }, open: state.open.has(o.organization_id) },
        el("summary", {},
          el("span", { class: "who" }, o.organization_name),
          el("code", { class: "muted small" }, o.organization_slug),
          el("span", { class: "chips" },
            o.sso_connections.length ? el("span", { class: "chip factor passkey" }, o.sso_connections.length === 1 ? "SSO" : o.sso_connections.length + " SSO") : null,
            o.scim_connection ? el("span", { class: "chip factor wallet" }, "SCIM") : null),
          el("span", { class: "muted right" }, o.members.length + (o.members.length === 1 ? " member · " : " members · "),
            live ? live + (live === 1 ? " session · " : " sessions · ") : "", "created ", when(o.created_at))),
        el("div", { class: "card-body" },
          el("div", { class: "kvs" },
            field("Organization id", o.organization_id, true),
            field("External id", o.external_id, true),
            field("Auth methods", o.auth_methods === "RESTRICTED" ? "restricted to " + o.allowed_auth_methods.join(", ") : "all allowed", false),
            field("MFA policy", o.mfa_policy === "REQUIRED_FOR_ALL" ? "required for all" : "optional", false),
            field("Allowed email domains", o.email_allowed_domains.join(", "), false),
            field("Custom roles", o.custom_roles.join(", "), false)),
          table(["Member", "Status", "Roles", "Factors", "Sessions", "Member id", ""], o.members.map((m) => [
            el("div", {}, el("div", {}, m.email_address), m.name ? el("div", { class: "muted small" }, m.name) : null),
            memberStatus(m),
            m.roles.join(", "),
            el("span", { class: "chips" }, memberChips(m)),
            String(m.sessions),
            el("code", { class: "small" }, m.member_id),
            m.sessions ? el("button", { type: "button", class: "danger small-btn", onclick: () => revokeMember(m) }, "Revoke sessions") : ""])),
          table(["SSO connection", "Identity provider", "Status", "Connection id"], o.sso_connections.map((c) => [
            (c.display_name || c.kind) + " (" + c.kind + ")", c.identity_provider, badge(c.status, c.status === "active" ? "active" : "pending"),
            el("code", {}, c.connection_id)])),
          o.scim_connection ? table(["SCIM connection", "Identity provider", "Groups", "Connection id"], [[
            o.scim_connection.display_name || "SCIM", o.scim_connection.identity_provider, String(o.scim_connection.groups),
            el("code", {}, o.scim_connection.connection_id)]]) : null,
          metadata("Trusted metadata", o.trusted_metadata),
          el("div", { class: "card-actions" },
            el("button", { type: "button", onclick: () => showOutboxOfOrg(o) }, "Show messages"))));
      d.addEventListener("toggle", () => { if (d.open) state.open.add(o.organization_id); else state.open.delete(o.organization_id); });
      return d;
    }));
    const empty = $("organizations-empty");
    empty.hidden = orgs.length > 0;
    empty.textContent = state.organizations.length === 0 ? "No organizations yet. B2B organizations appear as your app creates them through the API." : "No organization matches the search.";
  }

  function showOutboxOfOrg(o) {
    $("outbox-filter").value = o.members.length === 1 ? o.members[0].email_address : o.organization_id;
    location.hash = "#outbox";
  }

  async function revokeMember(m) {
    try {
      await post("/members/" + encodeURIComponent(m.member_id) + "/revoke");
      toast("Sessions of " + m.email_address + " revoked");
    } catch (e) { toast("Revoke failed: " + e.message, true); }
    state.raw = {};
    refresh();
  }

  // ---- faults ------------------------------------------------------------

  function renderFaults() {
    const faults = state.faults;
    $("faults-list").replaceChildren(...faults.map((f) => el("tr", {},
      el("td", {}, el("code", {}, f.path)),
      el("td", {}, f.method || "any"),
      el("td", {}, f.close_connection ? "drop the connection" : f.status ? String(f.status) + (f.error_type ? " " + f.error_type : "") + (f.retry_after ? " · Retry-After " + f.retry_after : "") : "served normally"),
      el("td", {}, f.delay && f.delay !== "0s" ? f.delay : ""),
      el("td", {}, String(f.count || 1)))));
    $("faults-empty").hidden = faults.length > 0;
    $("faults-empty").textContent = "No fault is queued: every API request is served normally.";
    $("clear-faults").disabled = faults.length === 0;
  }

  // ---- refresh loop ------------------------------------------------------

  const SOURCES = {
    outbox: ["/messages", "messages", renderOutbox],
    users: ["/users", "users", renderUsers],
    sessions: ["/sessions", "sessions", renderSessions],
    organizations: ["/organizations", "organizations", renderOrganizations],
    faults: ["/faults", "faults", renderFaults],
  };

  async function load(tab) {
    const [path, key, render] = SOURCES[tab];
    const res = await fetch(API + path, { headers: { Accept: "application/json" }, cache: "no-store" });
    if (!res.ok) throw new Error(res.status === 401 ? "The emulator wants its project credentials." : res.status + " " + res.statusText);
    const text = await res.text();
    if (state.raw[tab] === text) return;
    state.raw[tab] = text;
    state[key] = JSON.parse(text)[key] || [];
    render();
  }

  let inflight = null;
  async function refresh() {
    if (inflight) return inflight;
    inflight = (async () => {
      try {
        state.status = await api("/status");
        renderStatus();
        await load(state.tab);
        // Relative times move on even when the data does not.
        for (const t of document.querySelectorAll("time[datetime]")) t.textContent = ago(t.getAttribute("datetime"));
        banner("");
      } catch (e) {
        banner("Cannot reach the emulator: " + e.message);
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  function schedule() {
    clearTimeout(state.timer);
    if ($("auto").checked && !document.hidden) {
      state.timer = setTimeout(async () => { await refresh(); schedule(); }, REFRESH_MS);
    }
  }

  function showTab() {
    const hash = location.hash.replace(/^#/, "");
    const [name, query] = hash.split("?");
    state.tab = TABS.includes(name) ? name : "outbox";
    if (query) {
      const q = new URLSearchParams(query).get("q");
      if (q !== null) $(state.tab + "-filter").value = q;
    }
    for (const t of TABS) {
      $("view-" + t).hidden = t !== state.tab;
      const a = document.querySelector(`a[data-tab="${t}"]`);
      a.classList.toggle("active", t === state.tab);
      if (t === state.tab) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    }
    SOURCES[state.tab][2]();
    refresh();
  }

  // ---- wiring ------------------------------------------------------------

  function init() {
    window.addEventListener("hashchange", showTab);
    $("refresh").addEventListener("click", () => refresh());
    $("auto").addEventListener("change", schedule);
    document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); schedule(); });
    $("outbox-filter").addEventListener("input", renderOutbox);
    $("users-filter").addEventListener("input", renderUsers);
    $("sessions-filter").addEventListener("input", renderSessions);
    $("organizations-filter").addEventListener("input", renderOrganizations);
    $("advance-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const by = $("advance-by").value;
      try {
        await post("/clock", { advance: by });
        toast("Clock advanced by " + $("advance-by").selectedOptions[0].textContent.replace("+", ""));
      } catch (e) { toast("Advance failed: " + e.message, true); }
      state.raw = {};
      refresh();
    });
    $("reset").addEventListener("click", async () => {
      const b = $("reset");
      if (!state.armedReset) {
        b.textContent = "Click again to reset";
        b.classList.add("armed");
        state.armedReset = setTimeout(() => { state.armedReset = 0; b.textContent = "Reset"; b.classList.remove("armed"); }, 3000);
        return;
      }
      clearTimeout(state.armedReset);
      state.armedReset = 0;
      b.textContent = "Reset";
      b.classList.remove("armed");
      try {
        await post("/reset");
        state.selected = "";
        state.open.clear();
        toast("Everything was reset");
      } catch (e) { toast("Reset failed: " + e.message, true); }
      state.raw = {};
      refresh();
    });
    $("clear-faults").addEventListener("click", async () => {
      try {
        await api("/faults", { method: "DELETE" });
        toast("Faults cleared");
      } catch (e) { toast("Clear failed: " + e.message, true); }
      refresh();
    });
    document.addEventListener("keydown", (ev) => {
      const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement;
      if (ev.key === "Escape" && typing) { ev.target.blur(); return; }
      if (typing || ev.metaKey || ev.ctrlKey || ev.altKey) return;
      if (ev.key === "/") {
        ev.preventDefault();
        $(state.tab + "-filter")?.focus();
      } else if (ev.key === "r") {
        refresh();
      } else if (state.tab === "outbox" && (ev.key === "j" || ev.key === "k")) {
        const msgs = visibleMessages();
        const i = msgs.findIndex((m) => m.id === state.selected);
        const next = msgs[Math.min(msgs.length - 1, Math.max(0, i + (ev.key === "j" ? 1 : -1)))];
        if (next) {
          select(next.id);
          document.querySelector(`li[data-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: "nearest" });
        }
      } else if (ev.key >= "1" && ev.key <= String(TABS.length)) {
        location.hash = "#" + TABS[Number(ev.key) - 1];
      }
    });
    showTab();
    schedule();
  }

  init();
})();
