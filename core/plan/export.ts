// Writes a plan as YAML: keys in the schema's order, short lists and measures on one line, so the
// output is stable (same plan, same text) and reads like the hand-written file.
import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { Plan } from './schema';

type SchemaNode = Record<string, unknown>;

const INLINE_MAPS = new Set(['measure', 'scope', 'baseline']);

export function exportPlanYaml(plan: Plan): string {
  const doc = new Document(ordered(plan, Plan));
  doc.commentBefore = ` Plan ${plan.id}, written by exportPlanYaml (format version ${plan.formatVersion}).`;
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Map(_, node, path) {
      const parent = path[path.length - 1];
      if (isPair(parent) && isScalar(parent.key) && INLINE_MAPS.has(String(parent.key.value)))
        node.flow = true;
      if (isSeq(parent) && isMap(node) && node.items.every((p) => isScalar(p.value)))
        node.flow = node.items.length <= 3;
    },
  });
  return doc.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: false });
}

/** A copy of value with object keys in the order the schema declares them. */
function ordered(value: unknown, schema: object): unknown {
  return orderedBy(value, schema as SchemaNode);
}

function orderedBy(value: unknown, schema: SchemaNode): unknown {
  if (Array.isArray(value)) {
    const items = (schema.items ?? {}) as SchemaNode;
    return value.map((v) => orderedBy(v, items));
  }
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const shape = objectSchema(record, schema);
  const props = (shape.properties ?? {}) as Record<string, SchemaNode>;
  const keys = [...Object.keys(props), ...Object.keys(record).filter((k) => !(k in props))];
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (record[key] !== undefined) out[key] = orderedBy(record[key], props[key] ?? {});
  }
  return out;
}

/** For a union, the object branch that declares every key of the value. */
function objectSchema(record: Record<string, unknown>, schema: SchemaNode): SchemaNode {
  const branches = schema.anyOf as SchemaNode[] | undefined;
  if (!branches) return schema;
  const fits = (b: SchemaNode): boolean =>
    Object.keys(record).every((k) => k in ((b.properties ?? {}) as SchemaNode));
  return branches.find(fits) ?? schema;
}
