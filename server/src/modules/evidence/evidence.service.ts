// Evidence files (佐证材料) for progress reports, supervision replies and inspections: the real
// type is sniffed from the content, the extension must agree with it, and sizes are capped.
// Files are kept in the database (see migration 0007) and downloaded only within scope.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { DB, EvidenceOwner } from '../../db/schema';
import { AppError, badRequest, type ErrorDetail } from '../../common/errors';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES, type UploadedFile } from '../../common/multipart';
import * as repo from './evidence.repository';

export interface CheckedFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

export interface EvidenceSummary {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  url: string;
}

/** Extension → the type file-type must find in the content, and the type we serve it as. */
const ACCEPTED: Record<string, { sniffed: string; mediaType: string }> = {
  jpg: { sniffed: 'jpg', mediaType: 'image/jpeg' },
  jpeg: { sniffed: 'jpg', mediaType: 'image/jpeg' },
  png: { sniffed: 'png', mediaType: 'image/png' },
  webp: { sniffed: 'webp', mediaType: 'image/webp' },
  gif: { sniffed: 'gif', mediaType: 'image/gif' },
  pdf: { sniffed: 'pdf', mediaType: 'application/pdf' },
  docx: {
    sniffed: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    sniffed: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  pptx: {
    sniffed: 'pptx',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  // Legacy Office files are OLE compound files: the container is all the content tells.
  doc: { sniffed: 'cfb', mediaType: 'application/msword' },
  xls: { sniffed: 'cfb', mediaType: 'application/vnd.ms-excel' },
};

export const ACCEPTED_EXTENSIONS = Object.keys(ACCEPTED);
const ACCEPTED_LABEL = '图片（JPG/PNG/WEBP/GIF）、PDF、Office 文档（DOC/DOCX/XLS/XLSX/PPTX）';
const MAX_NAME_LENGTH = 200;

/** Sniffs each file's real type (file-type): images (jpeg/png/webp/gif), PDF, Office (docx/xlsx/pptx, doc/xls);
 *  the extension must match the content; ≤ 10 MB each, ≤ 10 files. Throws 400/413 with field `files[i]`. */
export async function checkEvidenceFiles(files: UploadedFile[]): Promise<CheckedFile[]> {
  if (files.length > MAX_UPLOAD_FILES)
    throw new AppError(413, 'TOO_MANY_FILES', `附件过多：每次最多上传 ${MAX_UPLOAD_FILES} 个文件`, [
      { field: 'files', message: `最多 ${MAX_UPLOAD_FILES} 个文件` },
    ]);
  const tooLarge = files.findIndex((f) => f.bytes.length > MAX_UPLOAD_FILE_BYTES);
  if (tooLarge >= 0)
    throw new AppError(
      413,
      'FILE_TOO_LARGE',
      `文件“${files[tooLarge]!.fileName}”过大：单个附件不能超过 10 MB`,
      [{ field: `files[${tooLarge}]`, message: '超过 10 MB' }],
    );
  const checked: CheckedFile[] = [];
  const details: ErrorDetail[] = [];
  for (const [i, file] of files.entries()) {
    const result = await checkOne(file);
    if ('message' in result) details.push({ field: `files[${i}]`, message: result.message });
    else checked.push(result);
  }
  if (details.length > 0)
    throw badRequest('EVIDENCE_INVALID', `附件不符合要求：${details[0]!.message}`, details);
  return checked;
}

async function checkOne(file: UploadedFile): Promise<CheckedFile | { message: string }> {
  const fileName = cleanFileName(file.fileName);
  if (!fileName) return { message: '文件名为空' };
  if (file.bytes.length === 0) return { message: `文件“${fileName}”是空文件` };
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const accepted = ACCEPTED[ext];
  if (!accepted) return { message: `文件“${fileName}”的类型不受支持，仅接受${ACCEPTED_LABEL}` };
  const sniffed = await fileTypeFromBuffer(file.bytes);
  if (sniffed?.ext !== accepted.sniffed)
    return {
      message: `文件“${fileName}”的内容与扩展名 .${ext} 不符${sniffed ? `（实际为 ${sniffed.ext}）` : ''}`,
    };
  return {
    fileName,
    mediaType: accepted.mediaType,
    bytes: file.bytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
}

/** Keeps the base name only, without control characters, at a sane length. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean.length <= MAX_NAME_LENGTH) return clean;
  const ext = path.extname(clean);
  return clean.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
}

const summary = (r: {
  id: number;
  file_name: string;
  media_type: string;
  size: number;
}): EvidenceSummary => ({
  id: r.id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  url: `/api/evidence/${r.id}`,
});

/** Stores checked files for one owner inside the caller's transaction. */
export async function storeEvidence(
  trx: Kysely<DB>,
  owner: { type: EvidenceOwner; id: number; unitCode: string; domainCode: string | null },
  files: CheckedFile[],
  by: string,
): Promise<EvidenceSummary[]> {
  const at = new Date().toISOString();
  const stored: EvidenceSummary[] = [];
  for (const f of files) {
    const id = await repo.insertFile(trx, {
      owner_type: owner.type,
      owner_id: owner.id,
      file_name: f.fileName,
      media_type: f.mediaType,
      size: f.bytes.length,
      sha256: f.sha256,
      content: f.bytes,
      unit_code: owner.unitCode,
      domain_code: owner.domainCode,
      uploaded_at: at,
      uploaded_by: by,
    });
    stored.push(
      summary({ id, file_name: f.fileName, media_type: f.mediaType, size: f.bytes.length }),
    );
  }
  return stored;
}

/** Evidence of many owners at once (metadata only), keyed by owner id. */
export async function listEvidence(
  db: Kysely<DB>,
  type: EvidenceOwner,
  ownerIds: number[],
): Promise<Map<number, EvidenceSummary[]>> {
  const byOwner = new Map<number, EvidenceSummary[]>();
  for (const r of await repo.listByOwners(db, type, [...new Set(ownerIds)])) {
    const list = byOwner.get(r.owner_id) ?? [];
    list.push(summary(r));
    byOwner.set(r.owner_id, list);
  }
  return byOwner;
}

export { findFile } from './evidence.repository';
