// The bulletin as one printable HTML page: the same model as the .docx, charts inlined as
// SVG. Every text is escaped; the page carries no script (its CSP forbids any).
import type { BulletinBlock, BulletinDocument } from '../../../../core/tasking/bulletin';
import type { RenderedChart } from './bulletin-charts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `
  body { margin: 0; background: #f2f2f2; color: #111; }
  .page { max-width: 820px; margin: 24px auto; padding: 56px 64px; background: #fff;
    font-family: FangSong, "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; }
  .issuer { text-align: center; color: #c00000; font-family: SimSun, "Noto Serif CJK SC", serif;
    font-weight: bold; font-size: 26pt; line-height: 1.4; margin: 0; }
  .masthead { text-align: center; color: #c00000; font-weight: bold; font-size: 36pt; letter-spacing: 0.5em;
    font-family: SimSun, "Noto Serif CJK SC", serif; line-height: 1.6; margin: 8px 0 16px; }
  .docno { text-align: center; padding-bottom: 8px; border-bottom: 3px double #c00000; margin-bottom: 32px; }
  h1 { text-align: center; font-family: SimSun, "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.5;
    font-weight: normal; margin: 0 0 24px; }
  h2 { font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
    text-indent: 2em; margin: 0; }
  p { text-indent: 2em; margin: 0; text-align: justify; }
  p.addressee { text-indent: 0; }
  .lead { font-family: KaiTi, "STKaiti", serif; font-weight: bold; }
  table { width: 100%; border-collapse: collapse; margin: 4px 0 16px; font-family: SimSun, serif;
    font-size: 10.5pt; line-height: 1.5; }
  th, td { border: 1px solid #333; padding: 3px 6px; }
  th { background: #e7e6e6; font-family: SimHei, sans-serif; font-weight: normal; }
  caption { font-family: SimHei, sans-serif; font-size: 12pt; padding: 8px 0 4px; }
  figure { margin: 16px 0; text-align: center; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-family: KaiTi, serif; font-size: 12pt; }
  .sign { text-align: right; text-indent: 0; padding-right: 2em; }
  .cc { border-top: 1px solid #000; border-bottom: 1px solid #000; font-size: 14pt; margin-top: 48px;
    text-indent: 0; padding: 0 0.5em; }
  @media print { body { background: #fff; } .page { margin: 0; padding: 0; max-width: none; } }
`;

function block(
  b: BulletinBlock,
  n: { table: number; figure: number },
  charts: Record<string, RenderedChart>,
) {
  if (b.type === 'paragraph')
    return `<p>${b.lead ? `<span class="lead">${escapeHtml(b.lead)}</span>` : ''}${escapeHtml(b.text)}</p>`;
  if (b.type === 'table') {
    n.table += 1;
    const head = b.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
    const rows = b.rows.length
      ? b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')
      : `<tr><td colspan="${b.columns.length}" style="text-align:center">${escapeHtml(b.empty)}</td></tr>`;
    return `<table><caption>表${n.table}  ${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  }
  n.figure += 1;
  // ECharts escapes the texts it writes into the SVG; the SVG holds no script.
  return `<figure>${charts[b.chart]!.svg}<figcaption>图${n.figure}  ${escapeHtml(b.caption)}</figcaption></figure>`;
}

export function bulletinHtml(doc: BulletinDocument, charts: Record<string, RenderedChart>): string {
  const n = { table: 0, figure: 0 };
  const sections = doc.sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.heading)}</h2>${s.blocks.map((b) => block(b, n, charts)).join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><main class="page">
<p class="issuer">${escapeHtml(doc.issuer)}</p>
<div class="masthead">督查通报</div>
<div class="docno">${escapeHtml(doc.docNumber)}</div>
<h1>${escapeHtml(doc.title)}</h1>
<p class="addressee">${escapeHtml(doc.addressee)}</p>
<p>${escapeHtml(doc.intro)}</p>
${sections}
<p class="sign" style="margin-top:56px">${escapeHtml(doc.signature)}</p>
<p class="sign">${escapeHtml(doc.dateLine)}</p>
<p class="cc">抄送：省委办公厅，省政府办公厅。</p>
</main></body></html>`;
}
