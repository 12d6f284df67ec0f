// Reading a plan file: YAML syntax, then the schema, then the semantic rules. Every error
// points at the offending value by JSON pointer and by line and column in the source.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { PlanError, PlanIssue } from './issues';
import { locate } from './locate';
import type { Plan } from './schema';
import { semanticIssues } from './semantic';
import { schemaIssues } from './validate-schema';

export { exportPlanYaml } from './export';

export interface PlanParseResult {
  /** Present only when there are no errors. */
  plan?: Plan;
  errors: PlanError[];
}

export function parsePlanYaml(text: string, fileName?: string): PlanParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const file = fileName === undefined ? {} : { file: fileName };
  if (doc.errors.length > 0)
    return { errors: doc.errors.map((e) => syntaxError(e, lineCounter, file)) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { errors: [{ ...structureError(e), ...file }] };
  }
  const shapeIssues = schemaIssues(data);
  const issues = shapeIssues.length > 0 ? shapeIssues : semanticIssues(data as Plan);
  if (issues.length === 0) return { plan: data as Plan, errors: [] };
  return { errors: sortByPosition(issues.map((i) => located(i, doc, lineCounter, file))) };
}

/** Reads and parses a plan file (Node only). I/O failures (missing file …) are thrown. */
export function loadPlanFile(path: string): PlanParseResult {
  return parsePlanYaml(readFileSync(path, 'utf8'), path);
}

function located(
  i: PlanIssue,
  doc: Document,
  counter: LineCounter,
  file: { file?: string },
): PlanError {
  return { ...i, ...locate(doc, counter, i.path), ...file };
}

function syntaxError(e: YAMLError, counter: LineCounter, file: { file?: string }): PlanError {
  const pos = counter.linePos(e.pos[0]);
  const detail = e.message;
  return {
    path: '',
    line: pos.line,
    column: pos.col,
    message: `YAML syntax error: ${detail}`,
    messageZh: `YAML 格式错误(第 ${pos.line} 行第 ${pos.col} 列):请检查缩进、冒号、引号和括号。${detail}`,
    ...file,
  };
}

function structureError(e: unknown): PlanError {
  const detail = e instanceof Error ? e.message : String(e);
  return {
    path: '',
    line: 1,
    column: 1,
    message: `cannot read the YAML document: ${detail}`,
    messageZh: `无法读取 YAML 文档:${detail}`,
  };
}

function sortByPosition(errors: PlanError[]): PlanError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
