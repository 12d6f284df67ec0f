// CSV files saved by Excel or WPS on a Chinese Windows are usually GB18030 (GBK), not UTF-8.
// Valid UTF-8 is taken as it is (without its BOM); anything else is read as GB18030.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const gb18030 = new TextDecoder('gb18030');

export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return gb18030.decode(bytes);
  }
}
