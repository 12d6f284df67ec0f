// fast-check arbitraries from the routes' JSON Schemas (TypeBox): near-valid values, and
// malformed ones — wrong types, missing and extra fields, out-of-range numbers, over-long
// strings and arrays, prototype-pollution keys, deep nesting, text that is not JSON.
import fc from 'fast-check';
import type { JsonSchema } from './routes';

const MAX_DEPTH = 4;

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** Values that mostly satisfy the schema (patterns and formats aside). */
export function nearValid(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > MAX_DEPTH) return fc.jsonValue({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf?.length) return fc.oneof(...schema.anyOf.map((s) => nearValid(s, depth + 1)));
  switch (typeOf(schema)) {
    case 'string':
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 20, 40),
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(nearValid(schema.items, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(props).map(([k, s]) => [k, nearValid(s, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case undefined:
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const hostile = fc.constantFrom<unknown>(
  null,
  '',
  ' ',
  -1,
  0,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  1e308,
  -1e308,
  0.5,
  '1e999',
  'NaN',
  '９９',
  '0x10',
  '2025-02-30',
  '9999-99-99',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '=cmd|"/c calc"!A1',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '𠮷'.repeat(50),
  [],
  {},
  [[[[[]]]]],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  true,
);

/** A value that breaks the schema in one of many ways. */
export function malformed(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = [hostile, fc.jsonValue({ maxDepth: 2 })];
  if (!schema || depth > MAX_DEPTH) return fc.oneof(...options);
  const type = typeOf(schema);
  if (type === 'string')
    options.push(
      fc.string({
        minLength: (schema.maxLength ?? 2000) + 1,
        maxLength: (schema.maxLength ?? 2000) + 20,
      }),
    );
  if (type === 'integer' || type === 'number')
    options.push(
      fc.constantFrom(
        (schema.minimum ?? 0) - 1,
        (schema.maximum ?? 2 ** 31) + 1,
        1.5,
        String(schema.minimum ?? 1),
      ),
    );
  if (type === 'array') {
    options.push(fc.array(malformed(schema.items, depth + 1), { minLength: 1, maxLength: 3 }));
    if ((schema.maxItems ?? Infinity) <= 200)
      options.push(
        fc.array(nearValid(schema.items, depth + 1), {
          minLength: schema.maxItems! + 1,
          maxLength: schema.maxItems! + 2,
        }),
      );
  }
  if (type === 'object' && schema.properties) {
    const keys = Object.keys(schema.properties);
    if (keys.length)
      options.push(
        fc
          .tuple(
            nearValid(schema, depth) as fc.Arbitrary<Record<string, unknown>>,
            fc.constantFrom(...keys),
            fc.oneof(
              malformed(schema.properties[keys[0]!], depth + 1),
              fc.constant(undefined),
              hostile,
            ),
            fc.boolean(),
          )
          .chain(([base, key, bad, extra]) =>
            (key in schema.properties!
              ? malformed(schema.properties![key], depth + 1)
              : fc.constant(bad)
            ).map((value) => {
              const out: Record<string, unknown> = { ...base, [key]: value };
              if (value === undefined) delete out[key];
              if (extra) out.unexpectedField = bad;
              return out;
            }),
          ),
      );
  }
  if (schema.anyOf?.length) options.push(...schema.anyOf.map((s) => malformed(s, depth + 1)));
  return fc.oneof(...options);
}

/** JSON nested deeper than any schema expects (arrays or objects). */
export const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

/** Text that is not JSON at all, or JSON cut short. */
export const notJson = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    '{',
    '{"values": [',
    'null',
    '[]',
    '"x"',
    '{"a":1,}',
    '\u0000\u0001',
    'PK\u0003\u0004',
  ),
);
