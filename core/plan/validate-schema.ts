// Structural validation of a plan against the TypeBox schema, with Ajv (all errors at once).
// Ajv's raw output for unions is noisy (one error per branch), so unions are reduced to one
// readable error: the list of allowed values, or the errors of the branch the data most resembles.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Plan } from './schema';
import { issue, type PlanIssue } from './issues';
import { schemaMessage } from './schema-messages';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    addFormats(ajv, ['date']);
    compiled = ajv.compile(Plan);
  }
  return compiled;
}

/** Problems of shape: wrong types, missing or unknown fields, bad dates and codes. */
export function schemaIssues(data: unknown): PlanIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const seen = new Set<string>();
  const issues: PlanIssue[] = [];
  for (const error of simplifyUnions(validate.errors ?? [])) {
    const { path, message, messageZh } = schemaMessage(error);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue(path, message, messageZh));
  }
  return issues;
}

function simplifyUnions(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  let result = errors;
  for (const union of unions) {
    if (result.includes(union)) result = replaceUnion(result, union);
  }
  return result;
}

type SchemaNode = Record<string, unknown>;

function replaceUnion(errors: ErrorObject[], union: ErrorObject): ErrorObject[] {
  const prefix = `${union.schemaPath}/`;
  const inside = errors.filter((e) => e.schemaPath.startsWith(prefix));
  const rest = errors.filter((e) => e !== union && !inside.includes(e));
  const branches = (Array.isArray(union.schema) ? union.schema : []) as SchemaNode[];
  if (branches.length > 0 && branches.every((b) => 'const' in b)) {
    const allowedValues = branches.map((b) => b.const);
    return [...rest, { ...union, keyword: 'enum', params: { allowedValues } }];
  }
  const best = bestBranch(branches, union.data, inside, prefix);
  return [...rest, ...inside.filter((e) => e.schemaPath.startsWith(`${prefix}${best}/`))];
}

/** The branch sharing most field names with the data; on a tie, the one with fewest errors. */
function bestBranch(
  branches: SchemaNode[],
  data: unknown,
  inside: ErrorObject[],
  prefix: string,
): number {
  const keys = data && typeof data === 'object' ? Object.keys(data) : [];
  const score = (branch: SchemaNode, i: number): [number, number] => {
    const props = (branch.properties ?? {}) as SchemaNode;
    const overlap = keys.filter((k) => k in props).length;
    const count = inside.filter((e) => e.schemaPath.startsWith(`${prefix}${i}/`)).length;
    return [overlap, -count];
  };
  let best = 0;
  let bestScore: [number, number] = [-1, -Infinity];
  branches.forEach((branch, i) => {
    const s = score(branch, i);
    if (s[0] > bestScore[0] || (s[0] === bestScore[0] && s[1] > bestScore[1])) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}
