// The Content-Security-Policy of every page the app shows, in the Electron window and from the
// loopback web host. Scripts come only from the app's own origin; nothing is loaded from the
// network. style-src allows inline styles because MUI (through emotion) injects <style> tags at
// run time; scripts get no such exception.

export type CspDirectives = Record<string, readonly string[]>;

export const PRODUCTION_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  // Vite inlines small fonts and images as data: URIs; blob: covers object URLs of local files.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Builds the development policy for electron-vite's dev server: its origin serves scripts, its WebSocket
 * carries hot reload, and @vitejs/plugin-react injects an inline preamble script.
 */
export function developmentCsp(devServerUrl: string): CspDirectives {
  const url = new URL(devServerUrl);
  const origin = `${url.protocol}//${url.host}`;
  const socket = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return {
    ...PRODUCTION_CSP,
    'script-src': ["'self'", origin, "'unsafe-inline'"],
    'style-src': ["'self'", origin, "'unsafe-inline'"],
    'img-src': [...PRODUCTION_CSP['img-src'], origin],
    'font-src': [...PRODUCTION_CSP['font-src'], origin],
    'connect-src': ["'self'", origin, socket],
  };
}

/** Serialises directives as a header value. */
export function cspHeader(directives: CspDirectives = PRODUCTION_CSP): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers every served page and asset carries, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=()',
};
