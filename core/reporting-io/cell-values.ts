// Reading numbers and text out of spreadsheet and CSV cells, and writing text back safely.

/** What a spreadsheet library hands back for a cell (exceljs's CellValue, loosely). */
export type RawCell = unknown;

export type NumberReading =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'formula'; formula: string }
  | { kind: 'invalid'; shown: string };

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Whether a cell holds a formula (Excel, WPS and LibreOffice all store them as `<f>`). */
export function isFormula(cell: RawCell): cell is { formula?: string; sharedFormula?: string } {
  return (
    typeof cell === 'object' && cell !== null && ('formula' in cell || 'sharedFormula' in cell)
  );
}

/**
 * A number from a cell: numbers as they are; text only when it is plainly a number (spaces,
 * full-width digits and thousands separators allowed); formulas are reported, never evaluated.
 */
export function readNumber(cell: RawCell): NumberReading {
  if (cell === null || cell === undefined) return { kind: 'empty' };
  if (typeof cell === 'number')
    return Number.isFinite(cell)
      ? { kind: 'number', value: cell }
      : { kind: 'invalid', shown: String(cell) };
  if (isFormula(cell))
    return { kind: 'formula', formula: String(cell.formula ?? cell.sharedFormula) };
  const text = readText(cell);
  if (text === null) return { kind: 'invalid', shown: describeCell(cell) };
  return parseNumberText(text);
}

export function parseNumberText(text: string): NumberReading {
  const trimmed = toHalfWidth(text).trim();
  if (trimmed === '') return { kind: 'empty' };
  const plain = THOUSANDS.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
  if (!NUMBER_TEXT.test(plain)) return { kind: 'invalid', shown: text };
  const value = Number(plain);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid', shown: text };
}

/** Text of a cell (plain, rich text or hyperlink); null for anything that is not text. */
export function readText(cell: RawCell): string | null {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell !== 'object' || cell === null) return null;
  if ('richText' in cell && Array.isArray(cell.richText))
    return (cell.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('text' in cell && typeof cell.text === 'string') return cell.text;
  return null;
}

function describeCell(cell: RawCell): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object' && cell !== null && 'error' in cell) return String(cell.error);
  return JSON.stringify(cell) ?? '';
}

function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/\uFF0C/g, ',')
    .replace(/\u3000/g, ' ');
}

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd`, `-2+3`, `@SUM`) is
 * prefixed with a single quote, so it stays text when the file is opened (OWASP CSV injection).
 * Numbers are written as numbers and never pass through here.
 */
export function neutralise(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}
