import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { readMultipartForm } from './multipart';

function form(fields: Record<string, string>, files: Array<[string, string, Buffer]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [field, name, bytes] of files)
    f.append(field, new Blob([new Uint8Array(bytes)]), name);
  return f;
}

describe('readMultipartForm', () => {
  const app = Fastify();
  beforeAll(async () => {
    await app.register(multipart, { limits: { fileSize: 1000, files: 3 } });
    app.setErrorHandler((e, _req, reply) =>
      e instanceof AppError
        ? reply.code(e.status).send({ code: e.code, message: e.userMessage, details: e.details })
        : reply.code(500).send({ message: String(e) }),
    );
    app.post('/f', async (request) =>
      readMultipartForm(request, { maxFiles: 3, maxFileBytes: 1000 }).then((r) => ({
        fields: r.fields,
        files: r.files.map((x) => ({ ...x, bytes: x.bytes.length })),
      })),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('reads fields and files in order', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/f',
      payload: form({ text: '进展顺利', percent: '40' }, [
        ['files', 'a.png', Buffer.alloc(10, 1)],
        ['files', '照片.jpg', Buffer.alloc(1000, 2)],
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      fields: { text: '进展顺利', percent: '40' },
      files: [
        { fieldName: 'files', fileName: 'a.png', bytes: 10 },
        { fieldName: 'files', fileName: '照片.jpg', bytes: 1000 },
      ],
    });
  });

  it('refuses a file over the limit with 413 naming the file', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/f',
      payload: form({}, [
        ['files', 'ok.png', Buffer.alloc(5)],
        ['files', 'big.pdf', Buffer.alloc(1001)],
      ]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', details: [{ field: 'files[1]' }] });
    expect(res.json<{ message: string }>().message).toContain('big.pdf');
  });

  it('refuses too many files with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/f',
      payload: form(
        {},
        [1, 2, 3, 4].map((i) => ['files', `${i}.png`, Buffer.alloc(5)] as [string, string, Buffer]),
      ),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'TOO_MANY_FILES' });
  });

  it('refuses a request that is not multipart with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/f', payload: { a: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MULTIPART_REQUIRED' });
  });
});
