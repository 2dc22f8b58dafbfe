import 'server-only';

/**
 * Reads a request body with a running byte count and stops at the limit, so a client cannot make
 * the server buffer an unbounded body by leaving out Content-Length (chunked transfer encoding) or
 * lying in it. `tooLarge` is the caller's own refusal (REST's 413, api.php's `toobig`).
 */
export async function readBodyWithLimit(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
