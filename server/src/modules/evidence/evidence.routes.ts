// Evidence download: the stored bytes of one file, only within the reader's unit and domain scope.
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { authorize } from '../../common/access';
import { notFound } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import { attachment } from '../reporting-io/reporting-io.routes';
import { FileBody } from '../reporting-io/reporting-io.schema';
import { findFile } from './evidence.service';

/** Images and PDFs open in the browser; Office files download. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf']);

export function evidenceRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/evidence/:id',
    {
      config: { access: 'task.read' },
      schema: {
        tags: ['tasking'],
        summary: '下载佐证材料 Download an evidence file',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: FileBody, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await findFile(ctx.db, request.params.id);
      if (!file) throw notFound('EVIDENCE_NOT_FOUND', '佐证材料不存在');
      await authorize(ctx, request, 'task.read', {
        unitCode: file.unit_code,
        domainCode: file.domain_code,
      });
      const disposition = attachment(file.file_name);
      return reply
        .header('content-type', file.media_type)
        .header(
          'content-disposition',
          INLINE.has(file.media_type) ? disposition.replace(/^attachment/, 'inline') : disposition,
        )
        .header('cache-control', 'private, max-age=3600')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(Buffer.from(file.content));
    },
  );
}
