// Reading multipart/form-data uploads (evidence files with a few text fields). The parts are
// streamed one by one and each file is buffered under the size limit, so an oversized file is
// refused while it arrives instead of after it has been held in memory whole.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError, badRequest } from './errors';

export interface UploadedFile {
  fieldName: string;
  fileName: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export const MAX_UPLOAD_FILES = 10;
export const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;
/** Text fields are short (a progress note, a reason); anything longer is not a form we sent. */
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 50;

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Reads a whole multipart/form-data request; too many/too large files → AppError 413/400 in Chinese. */
export async function readMultipartForm(
  request: FastifyRequest,
  limits: { maxFiles?: number; maxFileBytes?: number } = {},
): Promise<MultipartForm> {
  const maxFiles = limits.maxFiles ?? MAX_UPLOAD_FILES;
  const maxFileBytes = limits.maxFileBytes ?? MAX_UPLOAD_FILE_BYTES;
  if (!request.isMultipart())
    throw badRequest('MULTIPART_REQUIRED', '请以 multipart/form-data 表单提交（含附件）');
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    const parts = request.parts({
      // One more than allowed, so "too many files" is told apart from the plugin's own ceiling.
      limits: {
        files: maxFiles + 1,
        fileSize: maxFileBytes,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated)
          throw badRequest('FIELD_TOO_LONG', `字段“${part.fieldname}”过长`, [
            { field: part.fieldname, message: `不能超过 ${MAX_FIELD_BYTES / 1024} KB` },
          ]);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const index = files.length;
      if (index >= maxFiles) {
        await drain(part.file);
        throw tooManyFiles(maxFiles);
      }
      const bytes = await readFile(part, index, maxFileBytes);
      // An empty file input still sends a part with no name; it is not an attachment.
      if (!part.filename && bytes.length === 0) continue;
      files.push({ fieldName: part.fieldname, fileName: part.filename, bytes });
    }
  } catch (e) {
    throw translate(e, maxFiles, maxFileBytes, files.length);
  }
  return { fields, files };
}

async function readFile(
  part: { toBuffer(): Promise<Buffer>; filename: string },
  index: number,
  maxFileBytes: number,
): Promise<Buffer> {
  try {
    return await part.toBuffer();
  } catch (e) {
    if (codeOf(e) === 'FST_REQ_FILE_TOO_LARGE')
      throw fileTooLarge(index, part.filename, maxFileBytes);
    throw e;
  }
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) void _chunk;
}

function tooManyFiles(maxFiles: number): AppError {
  return new AppError(413, 'TOO_MANY_FILES', `附件过多：每次最多上传 ${maxFiles} 个文件`, [
    { field: 'files', message: `最多 ${maxFiles} 个文件` },
  ]);
}

function fileTooLarge(index: number, fileName: string, maxFileBytes: number): AppError {
  return new AppError(
    413,
    'FILE_TOO_LARGE',
    `文件“${fileName}”过大：单个附件不能超过 ${mb(maxFileBytes)}`,
    [{ field: `files[${index}]`, message: `超过 ${mb(maxFileBytes)}` }],
  );
}

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

/** Maps the plugin's and busboy's errors to Chinese ones; ours pass through. */
function translate(e: unknown, maxFiles: number, maxFileBytes: number, index: number): unknown {
  if (e instanceof AppError) return e;
  switch (codeOf(e) ?? '') {
    case 'FST_FILES_LIMIT':
      return tooManyFiles(maxFiles);
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(index, '', maxFileBytes);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError(413, 'TOO_MANY_FIELDS', '表单字段过多');
    case 'FST_PROTO_VIOLATION':
      return badRequest('MULTIPART_INVALID', '表单字段名无效');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return badRequest('MULTIPART_REQUIRED', '请以 multipart/form-data 表单提交（含附件）');
    default:
      if (
        e instanceof Error &&
        /multipart|boundary|terminated early|Unexpected end/i.test(e.message)
      )
        return badRequest('MULTIPART_INVALID', '上传的表单数据不完整或格式错误，请重新提交');
      return e;
  }
}
