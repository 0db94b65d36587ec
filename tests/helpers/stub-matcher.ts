import http from 'http';

/**
 * A stand-in matcher whose answers each test chooses: an HTTP error, a slow answer, a given body.
 * Failure modes of the real service are hard to provoke on demand; this makes them explicit.
 */
export type StubReply = { status: number; body: unknown; delayMs?: number };

export interface StubMatcher {
  url: string;
  requests: { path: string; authorization: string | undefined; body: unknown }[];
  reply: (handler: (path: string, body: unknown) => StubReply) => void;
  stop: () => Promise<void>;
}

export const startStubMatcher = async (): Promise<StubMatcher> => {
  let handler: (path: string, body: unknown) => StubReply = () => ({ status: 503, body: { error: { message: 'not configured' } } });
  const requests: StubMatcher['requests'] = [];
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as unknown) : null;
      requests.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
      const reply = handler(request.url ?? '', body);
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (next) => {
      handler = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/**
 * Forwards every request to `target`, holding the first `POST /v1/match` for `delayMs`: a long run, on
 * demand, so a test can watch the page while the matcher works.
 */
export const startSlowFirstMatch = async (target: string, delayMs: number): Promise<{ url: string; stop: () => Promise<void> }> => {
  let delayed = false;
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const forward = async () => {
        const upstream = await fetch(`${target}${request.url ?? ''}`, {
          method: request.method,
          headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        response.end(Buffer.from(await upstream.arrayBuffer()));
      };
      const hold = !delayed && request.method === 'POST' && request.url === '/v1/match';
      if (hold) delayed = true;
      setTimeout(() => void forward().catch(() => response.destroy()), hold ? delayMs : 0);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
