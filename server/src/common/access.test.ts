import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { enforceAccessDeclarations } from './access';

describe('route access declarations', () => {
  it('refuses an /api route that does not say who may call it', () => {
    const app = Fastify();
    enforceAccessDeclarations(app);
    expect(() => app.get('/api/forgotten', () => 'x')).toThrow(/declares no config.access/);
    expect(() =>
      app.get('/api/declared', { config: { access: 'plan.read' } }, () => 'x'),
    ).not.toThrow();
    expect(() => app.get('/healthz-like', () => 'x')).not.toThrow();
  });
});
