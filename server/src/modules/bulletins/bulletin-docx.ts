// The bulletin as a Word document in the layout of a Chinese government document (GB/T 9704
// in spirit): red masthead and rule, 文号, a centred 小标宋 title, 黑体 section headings, 仿宋
// body on a fixed 28-point line, tables for the lists, charts as numbered figures, the 落款
// with its date, and the 印发 line. Fonts are named as on Chinese Windows (SimSun, FangSong,
// SimHei, KaiTi); LibreOffice substitutes Noto CJK.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { BulletinBlock, BulletinDocument } from '../../../../core/tasking/bulletin';
import type { RenderedChart } from './bulletin-charts';

/**
 * What the generator prints: a bulletin, or another document in the same layout (the
 * 中期评估 report) with its own masthead words.
 */
export type DocxDocument = Pick<
  BulletinDocument,
  'issuer' | 'docNumber' | 'title' | 'addressee' | 'intro' | 'sections' | 'signature' | 'dateLine'
> & { masthead?: string };

type FontName = 'SimSun' | 'FangSong' | 'SimHei' | 'KaiTi' | 'FZXiaoBiaoSong-B05S';
const RED = 'C00000';
/** 三号 (16 pt) body; sizes are half-points. */
const BODY = 32;
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** A4 text width with 28 mm / 26 mm side margins, in twips. */
const TEXT_WIDTH = 11906 - 1588 - 1474;

function run(text: string, font: FontName, size = BODY, extra: Partial<IRunOptions> = {}) {
  // The Latin fallback keeps digits and letters in Times New Roman, as typed documents do.
  const latin = font === 'SimHei' ? 'SimHei' : 'Times New Roman';
  const eastAsia = font === 'FZXiaoBiaoSong-B05S' ? 'SimSun' : font;
  return new TextRun({
    text,
    size,
    font: { ascii: latin, hAnsi: latin, eastAsia, cs: latin },
    ...extra,
  });
}

const body = (text: string, lead?: string) =>
  new Paragraph({
    spacing: LINE,
    indent: { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
    children: [...(lead ? [run(lead, 'KaiTi', BODY, { bold: true })] : []), run(text, 'FangSong')],
  });

function masthead(doc: DocxDocument): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480, after: 240 },
      children: [run(`${doc.issuer}`, 'FZXiaoBiaoSong-B05S', 52, { color: RED, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [
        run(doc.masthead ?? '督 查 通 报', 'FZXiaoBiaoSong-B05S', 72, { color: RED, bold: true }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      border: {
        bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 8 },
      },
      children: [run(doc.docNumber, 'FangSong')],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 240 },
      children: [run(doc.title, 'FZXiaoBiaoSong-B05S', 44)],
    }),
    new Paragraph({ spacing: LINE, children: [run(doc.addressee, 'FangSong')] }),
    body(doc.intro),
  ];
}

function cell(text: string, header: boolean, width: number, span?: number) {
  return new TableCell({
    columnSpan: span,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: header || text.length <= 8 ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, header ? 'SimHei' : 'SimSun', 21)],
      }),
    ],
  });
}

function table(
  block: Extract<BulletinBlock, { type: 'table' }>,
  n: number,
): Array<Paragraph | Table> {
  const weights = block.weights ?? block.columns.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const row = (cells: string[], header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) => cell(c, header, widths[i]!)),
    });
  const rows = [row(block.columns, true)];
  if (block.rows.length === 0)
    rows.push(
      new TableRow({ children: [cell(block.empty, false, TEXT_WIDTH, block.columns.length)] }),
    );
  for (const r of block.rows) rows.push(row(r));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 120 },
      keepNext: true,
      children: [run(`表${n}  ${block.caption}`, 'SimHei', 24)],
    }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function figure(chart: RenderedChart, caption: string, n: number): Paragraph[] {
  // Fit the text width (about 16 cm = 605 px at 96 dpi), keeping the aspect ratio.
  const width = Math.min(600, chart.width);
  const height = Math.round((chart.height * width) / chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240 },
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width, height } })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(`图${n}  ${caption}`, 'KaiTi', 24)],
    }),
  ];
}

function closing(doc: DocxDocument): Paragraph[] {
  const right = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      indent: { right: 640 },
      children: [run(text, 'FangSong')],
    });
  return [
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({ spacing: LINE, children: [] }),
    right(doc.signature),
    right(doc.dateLine),
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({
      spacing: LINE,
      border: {
        top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 },
        bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 },
      },
      indent: { left: 280, right: 280 },
      children: [run(`抄送：省委办公厅，省政府办公厅。`, 'FangSong', 28)],
    }),
    new Paragraph({
      spacing: LINE,
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
      indent: { left: 280, right: 280 },
      children: [
        run(`${doc.issuer}办公室`, 'FangSong', 28),
        run(`\t${doc.dateLine}印发`, 'FangSong', 28),
      ],
      tabStops: [{ type: 'right', position: TEXT_WIDTH - 560 }],
    }),
  ];
}

export async function bulletinDocx(
  doc: DocxDocument,
  charts: Record<string, RenderedChart>,
): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [...masthead(doc)];
  let tables = 0;
  let figures = 0;
  for (const section of doc.sections) {
    children.push(
      new Paragraph({
        spacing: LINE,
        indent: { firstLine: 640 },
        keepNext: true,
        children: [run(section.heading, 'SimHei')],
      }),
    );
    for (const block of section.blocks) {
      if (block.type === 'paragraph') children.push(body(block.text, block.lead));
      else if (block.type === 'table') children.push(...table(block, (tables += 1)));
      else children.push(...figure(charts[block.chart]!, block.caption, (figures += 1)));
    }
  }
  children.push(...closing(doc));
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    description: `${doc.docNumber} ${doc.title}`,
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Times New Roman', eastAsia: 'FangSong' }, size: BODY },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, footer: 992 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 28,
                    font: { ascii: 'SimSun', eastAsia: 'SimSun' },
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
