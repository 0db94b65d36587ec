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
