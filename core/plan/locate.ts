// Maps a JSON pointer onto the YAML source: the line and column where the addressed value's key
// (or list item) starts. When the pointer goes further than the document (a missing field), the
// deepest existing ancestor is used, which is where the field should be added.
import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { pointerSegments } from './issues';

export interface SourcePosition {
  line: number;
  column: number;
}

export function locate(doc: Document, counter: LineCounter, path: string): SourcePosition {
  const { line, col } = counter.linePos(offsetOf(doc, path));
  return { line, column: col };
}

function offsetOf(doc: Document, path: string): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const segment of pointerSegments(path)) {
    const step = childOf(node, segment);
    if (!step) break;
    offset = step.offset ?? offset;
    node = step.node;
  }
  return offset;
}

function childOf(node: unknown, segment: string): { node: unknown; offset?: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    return pair && { node: pair.value, offset: startOf(pair.key) };
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const item: unknown = node.items[Number(segment)];
    return item === undefined ? undefined : { node: item, offset: startOf(item) };
  }
  return undefined;
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range?.[0];
  }
  return undefined;
}
