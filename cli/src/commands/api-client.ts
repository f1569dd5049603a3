import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where `fjord login` keeps the server and token: ~/.config/fjord/config.json, readable by the user only. */
export const configPath = () => join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'fjord', 'config.json');

/** The stored session. */
export interface CliConfig {
  server: string;
  token: string;
  username?: string;
}

/** Saves the session with mode 0600. */
export function saveConfig(config: CliConfig): void {
  const path = configPath();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Forgets the stored session (the token goes with the file). */
export function forgetConfig(): void {
  rmSync(configPath(), { force: true });
}

/** Reads the session, or explains how to get one. */
export function loadConfig(): CliConfig {
  const path = configPath();
  if (!existsSync(path)) throw new Error('not logged in: run `fjord login SERVER --username NAME --password PASSWORD`');
  return JSON.parse(readFileSync(path, 'utf8')) as CliConfig;
}

/** The server's base URL from what the user typed (`localhost:8080` means http). */
export const serverUrl = (server: string) => (/^https?:\/\//.test(server) ? server : `http://${server}`).replace(/\/+$/, '');

/** An error answer of the API, with its status and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A small client of the gateway's REST API. */
export class ApiClient {
  constructor(
    private readonly server: string,
    private readonly token?: string,
  ) {}

  /** A client for the stored session. */
  static fromConfig(): ApiClient {
    const c = loadConfig();
    return new ApiClient(c.server, c.token);
  }

  /** Sends a request and returns the JSON answer; ApiError with the server's message otherwise. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${serverUrl(this.server)}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { message: text };
    }
    if (!res.ok) throw new ApiError(res.status, `${res.status}: ${(parsed as { message?: string }).message ?? res.statusText}`);
    return parsed as T;
  }

  /** Opens the server-sent event stream and calls `onEvent` with each data object until `signal` aborts. */
  async stream(path: string, onEvent: (data: unknown) => boolean | void, signal: AbortSignal): Promise<void> {
    const res = await fetch(`${serverUrl(this.server)}${path}`, { headers: this.token ? { Authorization: `Bearer ${this.token}` } : {}, signal });
    if (!res.ok || !res.body) throw new ApiError(res.status, `${res.status}: ${await res.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (data && onEvent(JSON.parse(data)) === true) return;
      }
    }
  }
}
