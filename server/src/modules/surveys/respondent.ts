// Signed values of the public survey: place links, respondent tokens and single-use panel
// tokens. The key is SURVEY_SECRET, or a random key kept in the data directory (created on
// first use, mode 0600), so every process sharing that directory signs alike.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const RESPONDENT_COOKIE = 'minsheng_rt';

export class SurveySigner {
  constructor(private readonly key: Buffer) {}

  static load(dataDir: string, env: NodeJS.ProcessEnv = process.env): SurveySigner {
    if (env.SURVEY_SECRET) return new SurveySigner(Buffer.from(env.SURVEY_SECRET));
    const file = path.join(dataDir, 'survey-secret');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      try {
        fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return new SurveySigner(Buffer.from(fs.readFileSync(file, 'utf8').trim()));
  }

  private mac(text: string, length: number): string {
    return createHmac('sha256', this.key).update(text).digest('base64url').slice(0, length);
  }

  /** The `k` parameter of a survey × place link. */
  linkKey(surveyId: number, placeCode: string): string {
    return this.mac(`link:${surveyId}:${placeCode}`, 16);
  }

  linkValid(surveyId: number, placeCode: string, key: string): boolean {
    return safeEqual(this.linkKey(surveyId, placeCode), key);
  }

  /** A new respondent token for the cookie: random id and its signature. */
  newRespondentToken(): string {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.mac(`rt:${id}`, 22)}`;
  }

  /** The respondent id of a valid token, else null. */
  respondentId(token: string | undefined): string | null {
    if (!token) return null;
    const [id, sig] = token.split('.');
    if (!id || !sig || !safeEqual(this.mac(`rt:${id}`, 22), sig)) return null;
    return id;
  }

  /**
   * What is stored for one respondent in one wave: a keyed hash, different per wave so one
   * person's answers across waves cannot be linked, and not reversible to the cookie.
   */
  respondentKey(respondentId: string, waveId: number): string {
    return this.mac(`resp:${waveId}:${respondentId}`, 32);
  }
}

export const newPanelToken = () => randomBytes(18).toString('base64url');
export const panelTokenHash = (token: string) =>
  createHash('sha256').update(`panel:${token}`).digest('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
