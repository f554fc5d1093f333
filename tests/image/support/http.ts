import http from "node:http";

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A well-formed request through Node's own client; a fresh connection each time, so tests stay independent. */
export function request(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: http.OutgoingHttpHeaders; timeoutMs?: number } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl),
      { method: options.method ?? "GET", headers: options.headers, agent: false, timeout: options.timeoutMs ?? 5_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${path}: no response within the timeout`)));
    req.on("error", reject);
    req.end();
  });
}

/** Retries until the site answers `/` with 200, for the moments after a restart. */
export async function waitUntilServing(baseUrl: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await request(baseUrl, "/", { timeoutMs: 1_000 });
      if (res.status === 200) {
        return Date.now() - started;
      }
    } catch {
      // Refused or reset while nginx is still starting: keep polling until the deadline.
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${baseUrl}/ did not answer 200 within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
