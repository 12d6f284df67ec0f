// Exports: a wave's responses as CSV or XLSX (formula-safe, streamed page by page), and the
// index tables as XLSX.
import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import { notFound } from '../../common/errors';
import type { Actor } from '../../common/policy';
import type { DB } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import type { Question } from '../../../../core/satisfaction/survey';
import { formulaSafe } from '../../../../core/satisfaction/text';
import { parseQuestions, requireSurvey } from './surveys.service';
import type { IndexCell } from './satisfaction.service';
import * as repo from './surveys.repository';

const PAGE = 2000;

function answerText(q: Question, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (q.type === 'single' || q.type === 'multiple') {
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => q.options.find((o) => o.value === v)?.label ?? String(v)).join('；');
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

async function* responseRows(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  waveId: number,
  waveCode: string,
  questions: Question[],
): AsyncGenerator<string[]> {
  const scope = actor.unitScope;
  let after = 0;
  for (;;) {
    const page = await repo.responsePage(db, waveId, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    for (const r of page) {
      const visible =
        scope === 'all' || scope.has(r.city_code) || (!!r.county_code && scope.has(r.county_code));
      if (!visible) continue;
      const answers = JSON.parse(r.answers) as Record<string, unknown>;
      yield [
        String(r.id),
        waveCode,
        orgs.get(r.city_code)?.name ?? r.city_code,
        r.county_code ? (orgs.get(r.county_code)?.name ?? r.county_code) : '',
        r.submitted_at,
        ...questions.map((q) => formulaSafe(answerText(q, answers[q.id]))),
      ];
    }
  }
}

async function waveOf(db: Kysely<DB>, surveyId: number, code: string) {
  const wave = await repo.findWaveByCode(db, surveyId, code);
  if (!wave) throw notFound('WAVE_NOT_FOUND', `问卷没有“${code}”轮次`);
  return wave;
}

export async function exportResponses(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  surveyId: number,
  waveCode: string,
  format: 'csv' | 'xlsx',
): Promise<Readable> {
  const survey = await requireSurvey(db, surveyId);
  const wave = await waveOf(db, surveyId, waveCode);
  const questions = parseQuestions(survey);
  const header = ['答卷编号', '轮次', '地市', '区县', '提交时间', ...questions.map((q) => q.text)];
  const rows = responseRows(db, orgs, actor, wave.id, wave.code, questions);
  if (format === 'csv') {
    const csv = stringify({ bom: true });
    void (async () => {
      try {
        csv.write(header.map(formulaSafe));
        for await (const row of rows) if (!csv.write(row)) await once(csv, 'drain');
        csv.end();
      } catch (error) {
        csv.destroy(error as Error);
      }
    })();
    return csv;
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('答卷');
  void (async () => {
    try {
      sheet.addRow(header.map(formulaSafe)).commit();
      for await (const row of rows) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

export async function indexWorkbook(title: string, minN: number, cells: IndexCell[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('满意度指数');
  sheet.addRow([formulaSafe(title)]);
  sheet.addRow([`最小样本量 ${minN}；指数 0–100，括号内为 95% 置信区间`]);
  sheet.addRow(['轮次', '地区代码', '地区', '领域', '样本量', '指数', '下限', '上限', '说明']);
  for (const c of cells)
    sheet.addRow([
      c.waveCode,
      c.placeCode,
      c.placeName,
      c.domainCode === 'ALL' ? '总体' : c.domainCode,
      c.n,
      c.index,
      c.ciLow,
      c.ciHigh,
      c.status === 'ok' ? '' : c.label,
    ]);
  sheet.columns.forEach((col) => (col.width = 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function once(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
  return new Promise((resolve) => emitter.once(event, () => resolve()));
}
