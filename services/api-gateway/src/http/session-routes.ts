import { InputError } from '@fjord/platform';
import { TOKEN_COOKIE } from '../auth/authenticator';
import type { SessionHandlers, VersionInfo } from '../auth/session-handlers';
import { strictObject } from './body';
import { HttpMethod, type Route } from './route';

/** Login, logout, who-am-I and the version: `/api/v1/session`, `/api/v1/session/userinfo`, `/api/version`. */
export function sessionRoutes(session: SessionHandlers, version: VersionInfo): Route[] {
  return [
    {
      method: HttpMethod.Post,
      path: '/api/v1/session',
      public: true,
      handle: async (c) => {
        const b = strictObject(await c.json(), ['username', 'password', 'token'], 'login request');
        if (typeof b.username !== 'string' || typeof b.password !== 'string' || !b.username) throw new InputError('username and password are required');
        return { token: await session.login(b.username, b.password, c.client) };
      },
    },
    {
      // Argo CD's logout: revokes the presented token and clears the UI's cookie; answers `{}`.
      method: HttpMethod.Delete,
      path: '/api/v1/session',
      handle: async (c) => {
        await session.logout(c.caller);
        c.res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`);
        return {};
      },
    },
    { method: HttpMethod.Get, path: '/api/v1/session/userinfo', handle: async (c) => session.userInfo(c.caller) },
    { method: HttpMethod.Get, path: '/api/version', public: true, handle: async () => version },
  ];
}
