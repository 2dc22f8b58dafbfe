// The platform's limit for `npm run bench`: a minimal Node `http` server answering every request
// with the same bytes the wiki serves, from memory. Arguments: the file, the port, and its
// content type (HTML unless given).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [file, port, contentType = 'text/html; charset=utf-8'] = process.argv.slice(2);
const body = readFileSync(file);
const headers = { 'content-type': contentType, 'content-length': String(body.length) };

http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
