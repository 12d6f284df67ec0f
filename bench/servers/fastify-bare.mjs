// Baseline: Fastify itself, no plugins and no hooks but the security headers, answering the
// same JSON as the measured route — what the framework costs before the app's own hooks.
import Fastify from 'fastify';

const body = {
  user: {
    id: 1,
    username: 'meizhou',
    displayName: '梅州市民生办',
    role: 'city',
    unitCode: '441400',
    unitName: '梅州市',
  },
  csrfToken: 'x'.repeat(43),
};
const headers = JSON.parse(process.env.BARE_HEADERS ?? '{}');
const app = Fastify({ logger: false });
app.addHook('onRequest', (_request, reply, done) => {
  reply.headers(headers);
  done();
});
app.get('/', () => body);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
