import type { NextFunction, Request, Response } from 'express';

/**
 * Scripts, fetches and WebSockets only from this origin (CSP `'self'` covers ws:/wss: to the
 * same host). Styles also allow inline: xterm.js themes the terminal through `<style>` elements
 * it creates at run time. No page may be framed (clickjacking of "Prüfen" or the terminal).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Lab URLs carry session ids; links to other sites need not learn them.
  'Referrer-Policy': 'no-referrer',
};

/** Sets the same security headers on every page, asset and API answer, errors included. */
export function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(HEADERS)) response.setHeader(name, value);
  next();
}
