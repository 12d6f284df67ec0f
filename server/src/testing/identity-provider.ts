// A real OpenID Connect provider (oidc-provider) on loopback for the single sign-on tests:
// code flow with PKCE, and an interaction that signs in whoever the test names, no forms.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The subject the next login at the provider signs in as. */
  signInAs(subject: string): void;
  close(): Promise<void>;
}

interface GrantContext {
  oidc: {
    provider: Provider;
    client: { clientId: string };
    session: { accountId: string };
  };
}

export async function startIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  let subject = 'nobody';
  let provider: Provider | null = null;
  const server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) {
      void provider.interactionFinished(
        req,
        res,
        { login: { accountId: subject } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'minsheng';
  const clientSecret = 'minsheng-test-secret-0123456789abcdef';
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    cookies: { keys: ['minsheng-test-cookie-key'] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, name: `用户 ${id}` }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    pkce: { required: () => true },
    // A first-party client: consent is implied, so the only interaction is the login.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (s) => (subject = s),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A minimal cookie jar for following redirects across the app and the provider with fetch. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows redirects by hand (keeping cookies) until `stopAt` answered or a non-redirect;
 * `stopBefore` returns the URL without requesting it (response null).
 */
export async function follow(
  start: string,
  jar: CookieJar,
  stopAt: (url: URL) => boolean,
  stopBefore: (url: URL) => boolean = () => false,
): Promise<{ url: URL; response: Response | null }> {
  let url = new URL(start);
  for (let hop = 0; hop < 15; hop++) {
    if (stopBefore(url)) return { url, response: null };
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get('location');
    if (stopAt(url) || response.status < 300 || response.status >= 400 || !location)
      return { url, response };
    url = new URL(location, url);
  }
  throw new Error(`too many redirects from ${start}`);
}
