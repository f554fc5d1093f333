import path from "node:path";
import { run } from "../tests/image/support/docker";

export interface WrkRun {
  requestsPerSecond: number;
  p99Ms: number;
  bytesPerRequest: number;
  errors: number;
}

interface WrkSummary {
  requests: number;
  durationUs: number;
  bytes: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeoutErrors: number;
  statusErrors: number;
  non2xx: number;
  latencyP99Us: number;
}

const summaryScript = path.join(__dirname, "../tests/image/support/load-summary.lua");
// Far more than any run can reach in its duration, so the duration alone ends it.
const unreachableQuota = 100_000_000;

/**
 * One bounded wrk run on loopback. Asks for gzip like every browser does, so "bytes per request"
 * is what really crosses the wire.
 */
export async function wrk(url: string, seconds: number, connections: number): Promise<WrkRun> {
  const { stdout } = await run(
    "wrk",
    ["-t2", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s", "-H", "Accept-Encoding: gzip, deflate, br",
      "-s", summaryScript, url, "--", String(unreachableQuota)],
    { timeoutMs: (seconds + 30) * 1000 },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("WRK_SUMMARY "));
  if (line === undefined) {
    throw new Error(`wrk printed no summary for ${url}:\n${stdout}`);
  }
  const s = JSON.parse(line.slice("WRK_SUMMARY ".length)) as WrkSummary;
  return {
    requestsPerSecond: s.requests / (s.durationUs / 1e6),
    p99Ms: s.latencyP99Us / 1000,
    bytesPerRequest: s.requests === 0 ? 0 : s.bytes / s.requests,
    errors: s.connectErrors + s.readErrors + s.writeErrors + s.timeoutErrors + s.statusErrors + s.non2xx,
  };
}
