// Baseline: a bare node:http server answering the same JSON as the measured route.
import http from 'node:http';

const body = JSON.stringify({
  user: {
    id: 1,
    username: 'meizhou',
    displayName: '梅州市民生办',
    role: 'city',
    unitCode: '441400',
    unitName: '梅州市',
  },
  csrfToken: 'x'.repeat(43),
});
// BARE_HEADERS (JSON) adds the app's security headers, to separate their cost from the stack's.
const extra = JSON.parse(process.env.BARE_HEADERS ?? '{}');
const server = http.createServer((_req, res) => {
  res.writeHead(200, { ...extra, 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
