// The public survey page: plain TypeScript and CSS (no framework), so a slow phone loads it
// quickly. It reads the link's parameters, shows the survey, checks required answers, submits.
import './survey.css';
import type { Question } from '../../../core/satisfaction/survey';
import { loadSurvey, submitAnswers, SurveyApiError, type LinkParams } from './api';
import { applySkipLogic, buildForm, readAnswers, showFieldErrors } from './form';
import { el } from '../light/dom';

const root = document.getElementById('survey')!;

function linkParams(): LinkParams | null {
  const q = new URLSearchParams(location.search);
  const s = q.get('s');
  const p = q.get('p');
  const k = q.get('k');
  return s && p && k ? { s, p, k, t: q.get('t') } : null;
}

function showMessage(title: string, text: string, role: 'alert' | 'status' = 'alert'): void {
  root.replaceChildren(el('div', { class: 'done', role }, el('h2', {}, title), el('p', {}, text)));
}

function missingRequired(
  questions: Question[],
  answers: Record<string, unknown>,
  form: HTMLFormElement,
) {
  return questions
    .filter(
      (q) =>
        q.required && !form.querySelector<HTMLFieldSetElement>(`[data-question="${q.id}"]`)?.hidden,
    )
    .filter((q) => answers[q.id] === undefined)
    .map((q) => ({ field: q.id, message: '此题为必答题，请作答' }));
}

async function start(): Promise<void> {
  const link = linkParams();
  if (!link) return showMessage('链接不完整', '问卷链接无效或不完整，请重新扫描二维码。');
  let data;
  try {
    data = await loadSurvey(link);
  } catch (error) {
    const message =
      error instanceof SurveyApiError ? error.body.message : '问卷加载失败，请稍后重试';
    return showMessage('无法打开问卷', message);
  }
  const { survey, wave, place } = data;
  document.title = `${survey.title} · ${place.name}`;
  const alert = el('div', { class: 'alert', role: 'alert', hidden: '' });
  const form = buildForm(survey.questions);
  const button = el('button', { type: 'submit' }, '提交问卷');
  form.append(button);
  root.replaceChildren(
    el(
      'header',
      { class: 'banner' },
      el('h1', {}, survey.title),
      el(
        'p',
        {},
        `${place.name === place.cityName ? place.name : `${place.cityName} · ${place.name}`} · 第 ${wave.code} 轮`,
      ),
    ),
    ...(survey.description ? [el('p', { class: 'intro' }, survey.description)] : []),
    el(
      'p',
      { class: 'privacy' },
      '本问卷匿名填写，不收集姓名、手机号等个人信息（题目另有说明的除外）。带 * 的为必答题。',
    ),
    alert,
    form,
  );
  applySkipLogic(form, survey.questions);
  form.addEventListener('change', () => {
    applySkipLogic(form, survey.questions);
    // Once errors are on screen, answering a question clears its error as the citizen goes.
    if (!alert.hidden) showMissing({ focus: false });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  function showMissing(options: { focus: boolean }): Record<string, unknown> | null {
    const answers = readAnswers(form, survey.questions);
    const missing = missingRequired(survey.questions, answers, form);
    showFieldErrors(form, missing, options);
    alert.textContent = `还有 ${missing.length} 道必答题未作答`;
    alert.hidden = missing.length === 0;
    return missing.length ? null : answers;
  }

  async function send(): Promise<void> {
    const answers = showMissing({ focus: true });
    if (!answers) return;
    button.disabled = true;
    button.textContent = '正在提交…';
    try {
      const result = await submitAnswers(link!, wave.id, answers);
      showMessage('提交成功', result.message, 'status');
    } catch (error) {
      const body =
        error instanceof SurveyApiError
          ? error.body
          : { code: 'UNKNOWN', message: '提交失败，请稍后重试' };
      alert.textContent = body.message;
      alert.hidden = false;
      showFieldErrors(form, body.details ?? []);
      button.disabled = false;
      button.textContent = '提交问卷';
      if (!body.details?.length) alert.scrollIntoView({ block: 'center' });
    }
  }
}

void start();
