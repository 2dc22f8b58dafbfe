import 'server-only';

/**
 * The client's address for throttles. runtime/server.mjs overwrites X-Forwarded-For with the
 * socket's address unless TRUST_PROXY is set, so the first entry can be trusted here.
 */
export function clientIpFromHeaders(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return read('x-forwarded-for')?.split(',')[0]?.trim() || read('x-real-ip') || 'unknown';
}
