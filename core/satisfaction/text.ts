// Text hygiene for citizen input and for files staff open in spreadsheet programs.

// C0 and C1 control characters, DEL, and the bidirectional overrides that can disguise text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control characters (line breaks become spaces) and trims. */
export function stripControlCharacters(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(CONTROL, '')
    .trim();
}

/**
 * Neutralises text a spreadsheet would run as a formula (CSV/formula injection): a leading
 * = + - @ (or tab / carriage return) gets a leading apostrophe. Numbers are left alone.
 */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}
