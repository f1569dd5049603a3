import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { InputError } from '@fjord/platform';
import { TOKEN_COOKIE } from '../auth/authenticator';
import type { Caller } from '../auth/caller';
import type { SessionHandlers, VersionInfo } from '../auth/session-handlers';
import { strictObject } from './body';
import { emptyAnswer } from './empty-answer';
import { ClientAddress, CurrentCaller } from './request-params';
import { Public } from './route-metadata';
import { Token } from './tokens';
import { JsonBodyPipe } from './validation-pipes';

/** A login request: a local account's name and password. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** Reads a login body: `username` and `password` strings (a `token` field is accepted and ignored, as Argo CD's). */
export function loginBody(body: unknown): LoginRequest {
  const b = strictObject(body, ['username', 'password', 'token'], 'login request');
  if (typeof b.username !== 'string' || typeof b.password !== 'string' || !b.username) throw new InputError('username and password are required');
  return { username: b.username, password: b.password };
}

/** Login, logout, who-am-I and the version: `/api/v1/session`, `/api/v1/session/userinfo`, `/api/version`. */
@Controller('api')
export class SessionController {
  constructor(
    @Inject(Token.SessionHandlers) private readonly session: SessionHandlers,
    @Inject(Token.Version) private readonly version: VersionInfo,
  ) {}

  /** Checks the password (rate limited per account and client address) and returns a session token. */
  @Post('v1/session')
  @Public()
  @HttpCode(200)
  async login(@Body(new JsonBodyPipe(loginBody)) req: LoginRequest, @ClientAddress() client: string): Promise<{ token: string }> {
    return { token: await this.session.login(req.username, req.password, client) };
  }

  /** Argo CD's logout: revokes the presented token and clears the UI's cookie; answers `{}`. */
  @Delete('v1/session')
  @Header('Set-Cookie', `${TOKEN_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`)
  logout(@CurrentCaller() caller: Caller): Promise<object> {
    return emptyAnswer(this.session.logout(caller));
  }

  @Get('v1/session/userinfo')
  userInfo(@CurrentCaller() caller: Caller): ReturnType<SessionHandlers['userInfo']> {
    return this.session.userInfo(caller);
  }

  @Get('version')
  @Public()
  getVersion(): VersionInfo {
    return this.version;
  }
}
