// What goes wrong with an uploaded file, said in Chinese with its place, so a reporter can
// find the cell. The server turns an ImportProblem into a 400 answer; nothing is stored.

export interface Place {
  sheet?: string;
  /** 1-based spreadsheet row, or CSV line. */
  row?: number;
  /** Spreadsheet column letter (`J`). */
  column?: string;
  /** The column's heading or the field name (`本期值`, `value`). */
  field?: string;
}

export interface PlacedError extends Place {
  /** Chinese, starting with the place: “工作表“数据填报”第 5 行 J 列（本期值）：…”. */
  message: string;
}

export class ImportProblem extends Error {
  constructor(
    readonly code: string,
    /** Chinese, shown as it is. */
    readonly userMessage: string,
    readonly errors: PlacedError[] = [],
    /** 400 for a bad file, 413 for one over the size limit. */
    readonly status = 400,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'ImportProblem';
  }
}

/** `工作表“数据填报”第 5 行 J 列（本期值）` / `第 3 行（value）`. */
export function describePlace(place: Place): string {
  let where = place.sheet ? `工作表“${place.sheet}”` : '';
  if (place.row !== undefined) where += `第 ${place.row} 行`;
  if (place.column) where += ` ${place.column} 列`;
  if (!place.field) return where;
  return where ? `${where}（${place.field}）` : `字段“${place.field}”`;
}

export function placed(place: Place, why: string): PlacedError {
  const where = describePlace(place);
  return { ...place, message: where ? `${where}：${why}` : why };
}
