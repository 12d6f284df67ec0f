// Renders the questions as an accessible form (fieldset + legend per question, native radios
// and checkboxes, keyboard-operable) and reads the answers back.
import type { Question } from '../../../core/satisfaction/survey';
import { likertRange } from '../../../core/satisfaction/survey';
import { isShown } from '../../../core/satisfaction/answers';
import { el } from '../light/dom';

const ENDS: Record<string, [string, string]> = {
  '1-5': ['1 = 非常不满意', '5 = 非常满意'],
  '0-10': ['0 = 非常不满意', '10 = 非常满意'],
};

function legend(q: Question, n: number): HTMLLegendElement {
  const l = el('legend', {}, `${n}. ${q.text}`);
  if (q.required) l.append(el('span', { class: 'req', 'aria-hidden': 'true' }, '*'));
  return l;
}

function questionField(q: Question, n: number): HTMLFieldSetElement {
  const fs = el('fieldset', { 'data-question': q.id, id: `q-${q.id}` });
  if (q.required) fs.setAttribute('aria-required', 'true');
  fs.append(legend(q, n));
  const name = `q_${q.id}`;
  switch (q.type) {
    case 'likert': {
      const { min, max } = likertRange(q.scale);
      const scale = el('div', { class: 'scale' });
      for (let v = min; v <= max; v++)
        scale.append(
          el(
            'label',
            {},
            el('input', { type: 'radio', name, value: String(v), 'aria-label': `${v} 分` }),
            el('span', {}, String(v)),
          ),
        );
      const [lo, hi] = ENDS[q.scale]!;
      fs.append(
        scale,
        el('div', { class: 'ends', 'aria-hidden': 'true' }, el('span', {}, lo), el('span', {}, hi)),
      );
      break;
    }
    case 'single':
    case 'multiple':
      for (const o of q.options)
        fs.append(
          el(
            'label',
            { class: 'option' },
            el('input', { type: q.type === 'single' ? 'radio' : 'checkbox', name, value: o.value }),
            el('span', {}, o.label),
          ),
        );
      break;
    case 'text': {
      const id = `input-${q.id}`;
      fs.append(
        el('textarea', { id, name, maxlength: String(q.maxLength ?? 500), 'aria-label': q.text }),
      );
      if (q.personal)
        fs.append(el('p', { class: 'privacy' }, '此题涉及个人信息，仅用于回访，可不填写。'));
      break;
    }
  }
  return fs;
}

export function buildForm(questions: Question[]): HTMLFormElement {
  const form = el('form', { novalidate: '' });
  questions.forEach((q, i) => form.append(questionField(q, i + 1)));
  return form;
}

/** The answers currently given, for visible questions only. */
export function readAnswers(form: HTMLFormElement, questions: Question[]): Record<string, unknown> {
  const data = new FormData(form);
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (!isShown(q.showIf, answers)) continue;
    const name = `q_${q.id}`;
    if (q.type === 'multiple') {
      const values = data.getAll(name).map(String);
      if (values.length) answers[q.id] = values;
    } else if (q.type === 'likert') {
      const v = data.get(name);
      if (v !== null) answers[q.id] = Number(v);
    } else {
      const v = data.get(name);
      if (typeof v === 'string' && v.trim() !== '') answers[q.id] = v;
    }
  }
  return answers;
}

/** Shows or hides questions by their skip conditions. */
export function applySkipLogic(form: HTMLFormElement, questions: Question[]): void {
  const answers = readAnswers(form, questions);
  for (const q of questions) {
    const fs = form.querySelector<HTMLFieldSetElement>(`[data-question="${q.id}"]`);
    if (fs) fs.hidden = !isShown(q.showIf, answers);
  }
}

export function showFieldErrors(
  form: HTMLFormElement,
  errors: Array<{ field?: string; message: string }>,
  options: { focus: boolean } = { focus: true },
): void {
  form.querySelectorAll('.field-error').forEach((n) => n.remove());
  form.querySelectorAll('fieldset.invalid').forEach((n) => {
    n.classList.remove('invalid');
    n.removeAttribute('aria-invalid');
  });
  let first: HTMLFieldSetElement | null = null;
  for (const e of errors) {
    const fs = form.querySelector<HTMLFieldSetElement>(`[data-question="${e.field ?? ''}"]`);
    if (!fs) continue;
    fs.classList.add('invalid');
    fs.setAttribute('aria-invalid', 'true');
    const id = `err-${e.field}`;
    fs.append(el('p', { class: 'field-error', id }, e.message));
    fs.setAttribute('aria-describedby', id);
    first ??= fs;
  }
  if (options.focus) first?.querySelector<HTMLElement>('input, textarea')?.focus();
}
