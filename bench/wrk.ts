import { failures, wrk as runWrk } from "../tests/image/support/wrk";

export interface WrkRun {
  requestsPerSecond: number;
  p99Ms: number;
  bytesPerRequest: number;
  errors: number;
}

/** One bounded wrk run, reduced to the figures the benchmark compares. */
export async function wrk(url: string, seconds: number, connections: number): Promise<WrkRun> {
  const s = await runWrk("wrk", { url, threads: 2, connections, seconds });
  return {
    requestsPerSecond: s.requests / (s.durationUs / 1e6),
    p99Ms: s.latencyP99Us / 1000,
    bytesPerRequest: s.requests === 0 ? 0 : s.bytes / s.requests,
    errors: Object.values(failures(s)).reduce((sum, count) => sum + count, 0),
  };
}
