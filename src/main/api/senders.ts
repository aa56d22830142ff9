// Who may call the API. The router consults a sender policy before it looks at the input: an Electron
// frame must show the app's own page, and a web-host request must carry the session token.
// Each policy returns null to accept, or the English reason it rejected the sender (for the log).

import { timingSafeEqual } from 'node:crypto';

export type Sender =
  | { transport: 'electron'; frameUrl: string | null }
  | { transport: 'web'; token: string | null; remoteAddress: string | null };

export type SenderPolicy = (sender: Sender) => string | null;

/**
 * Accepts Electron frames whose URL is the app's own page: the `app://` origin that serves the
 * built renderer, or the dev server's origin when one is configured (electron-vite dev).
 */
export function electronSenderPolicy(allowedOrigins: readonly string[]): SenderPolicy {
  return (sender) => {
    if (sender.transport !== 'electron') return `transport ${sender.transport} is not accepted here`;
    if (!sender.frameUrl) return 'the sender frame has no URL (destroyed or detached)';
    let origin: string;
    try {
      origin = originOf(sender.frameUrl);
    } catch {
      return `the sender frame URL is not a valid URL`;
    }
    return allowedOrigins.includes(origin) ? null : `the sender frame origin ${origin} is not the app's own page`;
  };
}

/** Scheme and host of a URL; custom schemes like app://aderencia have a null URL.origin in Node. */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** Accepts web-host requests that carry exactly the session token, compared in constant time. */
export function tokenSenderPolicy(token: string): SenderPolicy {
  const expected = Buffer.from(token, 'utf8');
  return (sender) => {
    if (sender.transport !== 'web') return `transport ${sender.transport} is not accepted here`;
    if (!sender.token) return 'the request carries no token';
    const given = Buffer.from(sender.token, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'the request carries a wrong token';
    return null;
  };
}
