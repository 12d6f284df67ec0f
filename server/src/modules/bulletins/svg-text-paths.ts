// resvg shapes every <text> with its font, and with a CJK font collection that costs tens of
// milliseconds per label. Chart labels repeat (city and domain names, ticks, legends), so each
// distinct label is turned into glyph outlines once per process and reused: the chart's texts
// become paths before rasterising, and the picture is the same.
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

const MAX_CACHED = 5000;
const cache = new Map<string, string>();

const TEXT = /<text((?:\s+[\w:-]+="[^"]*")*)\s*>([^<]*)<\/text>/g;
const ATTR = /([\w:-]+)="([^"]*)"/g;
/** What decides the outline; everything else (transform, fill, …) stays on the element. */
const SHAPING = new Set(['dominant-baseline', 'text-anchor', 'x', 'y', 'style']);

interface Label {
  key: string;
  shaping: string;
  rest: string;
  content: string;
}

function parse(attrs: string, content: string): Label {
  const shaping: string[] = [];
  const rest: string[] = [];
  for (const [, name, value] of attrs.matchAll(ATTR)) {
    (SHAPING.has(name!) ? shaping : rest).push(`${name}="${value}"`);
    // The style carries the font and also the paint (fill, opacity): keep it on the path too.
    if (name === 'style') rest.push(`style="${value}"`);
  }
  const s = shaping.join(' ');
  return { key: `${s}|${content}`, shaping: s, rest: rest.join(' '), content };
}

/** Outlines of the labels not yet cached, in one resvg pass. */
function outline(labels: Label[], options: ResvgRenderOptions): void {
  const todo = [
    ...new Map(labels.filter((l) => !cache.has(l.key)).map((l) => [l.key, l])).values(),
  ];
  if (!todo.length) return;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
    todo.map((l, i) => `<g id="L${i}"><text ${l.shaping}>${l.content}</text></g>`).join('') +
    '</svg>';
  const out = new Resvg(svg, options).toString();
  const paths = new Map<number, string[]>();
  for (const chunk of out.split('<g id="L').slice(1)) {
    const index = Number(chunk.slice(0, chunk.indexOf('"')));
    paths.set(
      index,
      [...chunk.matchAll(/\sd="([^"]*)"/g)].map((m) => m[1]!),
    );
  }
  if (cache.size + todo.length > MAX_CACHED) cache.clear();
  todo.forEach((l, i) => cache.set(l.key, (paths.get(i) ?? []).join(' ')));
}

/** The same SVG with every text drawn as paths (for rasterising only). */
export function textToPaths(svg: string, options: ResvgRenderOptions): string {
  const labels = [...svg.matchAll(TEXT)].map((m) => parse(m[1] ?? '', m[2] ?? ''));
  outline(labels, options);
  let i = 0;
  return svg.replace(TEXT, () => {
    const label = labels[i++]!;
    const d = cache.get(label.key);
    return d ? `<path d="${d}" ${label.rest}/>` : '';
  });
}
