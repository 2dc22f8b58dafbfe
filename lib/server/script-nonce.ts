import 'server-only';
import { headers } from 'next/headers';

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

/**
 * This response's script nonce, for an inline script a page renders itself (components/KeepEarlyTyping.tsx):
 * proxy.ts puts the response's Content-Security-Policy on the request, with a fresh nonce.
 */
export async function scriptNonce(): Promise<string | undefined> {
  return NONCE.exec((await headers()).get('content-security-policy') ?? '')?.[1];
}
