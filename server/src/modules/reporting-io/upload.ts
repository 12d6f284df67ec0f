// File uploads without multipart: the file is the request body, with its own content type
// (xlsx, csv) and a body limit just for these routes. Registered inside this module's plugin
// scope, so other modules' parsers and the app's 1 MB JSON limit are untouched. The scope's
// error handler gives the upload errors their own Chinese messages and turns ImportProblem
// into a 400/413 answer; everything else goes to the app's handler.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors';
import { ImportProblem } from '../../../../core/reporting-io';

export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPES = ['text/csv', 'application/csv'];
const RAW_TYPES = [XLSX_TYPE, ...CSV_TYPES, 'application/octet-stream'];

export function registerUploadParsers(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    RAW_TYPES,
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
}

/** The body must be a file of one of these types (content type without parameters). */
export function requireFileBody(
  request: { headers: Record<string, unknown>; body: unknown },
  accepted: string[],
  what: string,
): Buffer {
  const header = request.headers['content-type'];
  const type = (typeof header === 'string' ? header : '').split(';')[0]!.trim().toLowerCase();
  if (!accepted.includes(type) || !Buffer.isBuffer(request.body))
    throw new AppError(
      415,
      'UPLOAD_CONTENT_TYPE',
      `请直接以文件内容作为请求体上传${what}，Content-Type 为 ${accepted[0]}（不支持 multipart 表单）`,
    );
  if (request.body.length === 0) throw new AppError(400, 'UPLOAD_EMPTY', `上传的${what}是空文件`);
  return request.body;
}

export function toAppError(problem: ImportProblem): AppError {
  return new AppError(
    problem.status,
    problem.code,
    problem.userMessage,
    problem.errors.map((e) => ({
      ...(e.column ? { field: `${e.sheet ?? ''}!${e.column}${e.row ?? ''}` } : {}),
      ...(e.row !== undefined ? { row: e.row } : {}),
      message: e.message,
    })),
  );
}

export function setUploadErrorHandler(scope: FastifyInstance, parent: FastifyInstance): void {
  const fallback = parent.errorHandler;
  scope.setErrorHandler(function handle(
    error: FastifyError | ImportProblem | AppError,
    request,
    reply,
  ) {
    let mapped: unknown = error;
    if (error instanceof ImportProblem) mapped = toAppError(error);
    else if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      mapped = new AppError(
        413,
        'FILE_TOO_LARGE',
        `文件超过 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB 上限，未做任何处理。请拆分为多个文件分批上传`,
      );
    else if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      mapped = new AppError(
        415,
        'UPLOAD_CONTENT_TYPE',
        `不支持的内容类型（不支持 multipart 表单）。Excel 文件请直接作为请求体、以 ${XLSX_TYPE} 上传，CSV 以 text/csv 上传，JSON 以 application/json 提交`,
      );
    return fallback.call(this, mapped as FastifyError, request, reply);
  });
}
