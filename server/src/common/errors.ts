// Domain errors carry a stable code, an HTTP status and a Chinese message for the user.
// Every API error leaves the server as `{ code, message, details? }`.

export interface ErrorDetail {
  /** Field path (`password`, `/domains/0/name`), with sheet/row/line where a file is involved. */
  field?: string;
  line?: number;
  row?: number;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Chinese, shown to the user as it is. */
    readonly userMessage: string,
    readonly details?: ErrorDetail[],
    /** Extra top-level fields of the response (e.g. both values of an edit conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, code, message, details);
export const unauthenticated = (message = '请先登录') =>
  new AppError(401, 'AUTH_REQUIRED', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
