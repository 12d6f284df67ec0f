// Security headers from helmet, computed once: they do not vary per request, and running
// helmet's middleware on every request cost three quarters of the throughput (bench/http-overhead).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export function securityHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  helmet({
    // Over plain HTTP (the embedded default on localhost) neither HSTS nor upgrading makes sense.
    strictTransportSecurity: https,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
  })({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}
