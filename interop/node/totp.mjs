// RFC 6238 TOTP (SHA-1, 30-second steps, 6 digits) over an RFC 4648
// base32 secret: the code an authenticator app would show.

import { createHmac } from "node:crypto";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// base32Decode decodes an RFC 4648 base32 string (padding and case ignored).
export function base32Decode(s) {
  const clean = s.replace(/=+$/, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) {
      throw new Error(`not base32: ${JSON.stringify(ch)}`);
    }
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// hotp is RFC 4226's HOTP value for a counter.
export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, "0");
}

// totp is the code for a base32 secret at a time (milliseconds).
export function totp(secret, nowMs = Date.now(), step = 30) {
  return hotp(base32Decode(secret), Math.floor(nowMs / 1000 / step));
}
