import net from "node:net";

export interface RawResponse {
  /** Everything the server sent before it closed the connection (or before the timeout). */
  raw: string;
  /** Status code from the first status line, or null when the server sent nothing parseable. */
  status: number | null;
  headers: Map<string, string[]>;
  body: string;
  /** True when the server closed the connection; false when the timeout ended the wait. */
  closedByServer: boolean;
  elapsedMs: number;
}

/** Parses the first response head; header names are lower-cased and repeated headers kept in order. */
export function parseResponse(raw: string): Pick<RawResponse, "status" | "headers" | "body"> {
  const headers = new Map<string, string[]>();
  const headEnd = raw.indexOf("\r\n\r\n");
  const head = headEnd === -1 ? raw : raw.slice(0, headEnd);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const match = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine);
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
    }
  }
  return {
    status: match?.[1] === undefined ? null : Number(match[1]),
    headers,
    body: headEnd === -1 ? "" : raw.slice(headEnd + 4),
  };
}

/**
 * Sends bytes exactly as given — malformed request lines, odd encodings, huge headers that Node's
 * client would refuse to send — and collects the reply until the server closes the connection.
 * Chunks are written with `gapMs` between them, which also lets a test drip a request slowly.
 */
export function sendRaw(
  port: number,
  chunks: readonly (string | Buffer)[],
  options: { timeoutMs?: number; gapMs?: number } = {},
): Promise<RawResponse> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const received: Buffer[] = [];
    let closedByServer = false;
    let writer: NodeJS.Timeout | undefined;
    const socket = net.connect(port, "127.0.0.1");

    const finish = () => {
      clearTimeout(timer);
      clearTimeout(writer);
      socket.destroy();
      const raw = Buffer.concat(received).toString("latin1");
      resolve({ raw, ...parseResponse(raw), closedByServer, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(finish, timeoutMs);

    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("end", () => {
      closedByServer = true;
      finish();
    });
    // A reset after the server has answered (it closes while bytes are still arriving) still counts as a close.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET" || error.code === "EPIPE") {
        closedByServer = true;
        finish();
      } else {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on("connect", () => {
      let next = 0;
      const writeNext = () => {
        if (next >= chunks.length || socket.destroyed) {
          return;
        }
        socket.write(chunks[next++] as string | Buffer);
        writer = setTimeout(writeNext, options.gapMs ?? 0);
      };
      writeNext();
    });
  });
}
