import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnFreePort } from './listen';

/** Options of the test Git server. */
export interface GitServerOptions {
  /** Directory whose subdirectories are the served repositories (`<root>/<name>` is `<url>/<name>`). */
  root: string;
  /** Require HTTP basic auth with these credentials. */
  auth?: { username: string; password: string };
}

/** A running smart-HTTP Git server. */
export interface GitServer {
  /** Base URL, e.g. http://127.0.0.1:PORT; a repository is `${url}/${name}`. */
  url: string;
  /** Requests served, by `METHOD path`; tests use it to see fetches happen (or not). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves the repositories under `root` over Git's smart HTTP protocol with the real `git http-backend` (CGI),
 * so that clone, fetch and ls-remote go through a real Git server. Loopback only.
 */
export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (options.auth && !authorized(req, options.auth)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fjord-test"' }).end('authentication required\n');
      return;
    }
    runBackend(options.root, req, res);
  });
  const port = await listenOnFreePort(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorized(req: IncomingMessage, auth: { username: string; password: string }): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${auth.username}:${auth.password}`;
}

function runBackend(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: 'fjord-test',
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('utf8').split('\r\n')) {
      const [name, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', () => res.writeHead(500).end());
}
