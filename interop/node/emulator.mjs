// Reads what the emulator "sent": its outbox, through the control plane
// (GET /emulator/v1/messages?to=...), with the project's Basic credentials.

export class Outbox {
  constructor({ baseURL, projectID, secret }) {
    this.baseURL = baseURL.replace(/\/+$/, "");
    this.auth = "Basic " + Buffer.from(`${projectID}:${secret}`).toString("base64");
  }

  // messages lists the messages sent to one email address or phone number,
  // oldest first.
  async messages(to) {
    const res = await fetch(`${this.baseURL}/emulator/v1/messages?to=${encodeURIComponent(to)}`, {
      headers: { Authorization: this.auth },
    });
    if (res.status !== 200) {
      throw new Error(`GET /emulator/v1/messages: status ${res.status}: ${await res.text()}`);
    }
    const body = await res.json();
    if (!Array.isArray(body.messages)) {
      throw new Error(`GET /emulator/v1/messages: no messages array in ${JSON.stringify(body)}`);
    }
    return body.messages;
  }

  // latest returns the newest message of a kind (magic_link, otp, ...) to
  // one recipient, or throws when there is none.
  async latest(to, kind) {
    const all = (await this.messages(to)).filter((m) => m.kind === kind);
    if (all.length === 0) {
      throw new Error(`the outbox holds no ${kind} message to ${to}`);
    }
    return all[all.length - 1];
  }
}
