// Problems found in a plan file. Every problem carries a JSON pointer to the offending value,
// and, once located in the source, the 1-based line and column, in English and in Chinese.

/** A problem in a plan file, located by JSON pointer and by line and column (both 1-based). */
export interface PlanError {
  /** JSON pointer, e.g. /domains/0/tasks/2/targets/1/value ('' is the whole document). */
  path: string;
  line: number;
  column: number;
  message: string;
  /** The user-facing message, in Chinese. */
  messageZh: string;
  /** The file name given to the parser, if any. */
  file?: string;
}

/** A problem before it is located in the source text. */
export interface PlanIssue {
  path: string;
  message: string;
  messageZh: string;
}

export function issue(path: string, message: string, messageZh: string): PlanIssue {
  return { path, message, messageZh };
}

/** Builds a JSON pointer from segments (RFC 6901 escaping). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Splits a JSON pointer into its unescaped segments. */
export function pointerSegments(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
