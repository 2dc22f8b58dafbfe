// What a cold response sends, recorded for the page cache and the image cache (one recorder for
// both: they differ only in what they make of the recording).

/**
 * @typedef {{ statusCode: number, headers: Record<string, string | string[] | number | undefined>, body: Buffer }} RecordedResponse
 */

/**
 * Wraps `res` so that everything written through it is also kept, up to `maxBytes`. Calls `done`
 * exactly once: with the status, the final headers and a copy of the body when the response ends,
 * or with null when it cannot be kept (over `maxBytes`, or headers given to writeHead as a raw
 * list, which are not read back) or the client went away before the end.
 * @param {import('node:http').ServerResponse} res
 * @param {number} maxBytes
 * @param {(response: RecordedResponse | null) => void} done
 */
export function recordResponse(res, maxBytes, done) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  let keeping = true;
  let finished = false;
  /** @type {Record<string, unknown>} */
  let headerArgument = {};
  const keep = (chunk, encoding) => {
    if (!keeping || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) {
      keeping = false;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  const { writeHead, write, end } = res;
  res.writeHead = function writeHeadKept(statusCode, ...rest) {
    const argument = rest.find((value) => value && typeof value === 'object');
    if (Array.isArray(argument)) keeping = false;
    else if (argument) headerArgument = argument;
    return writeHead.call(this, statusCode, ...rest);
  };
  res.write = function writeKept(chunk, encoding, callback) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, callback);
  };
  res.end = function endKept(chunk, encoding, callback) {
    keep(chunk, encoding);
    const result = end.call(this, chunk, encoding, callback);
    if (finished) return result;
    finished = true;
    if (!keeping) {
      done(null);
      return result;
    }
    /** @type {Record<string, string | string[] | number | undefined>} */
    const headers = { ...res.getHeaders() };
    for (const [name, value] of Object.entries(headerArgument)) headers[name.toLowerCase()] = /** @type {string} */ (value);
    // Buffer.concat copies: the kept bytes never share memory with buffers the app may reuse.
    done({ statusCode: res.statusCode, headers, body: Buffer.concat(chunks, size) });
    return result;
  };
  // A response that never ends (client gone) is reported too, so its caller can release what it holds.
  res.once('close', () => {
    if (finished) return;
    finished = true;
    done(null);
  });
}
