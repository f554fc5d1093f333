import path from "node:path";
import { run } from "./docker";

/** What load-summary.lua prints at the end of a run. */
export interface WrkSummary {
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

export interface WrkRun {
  url: string;
  threads: number;
  connections: number;
  /** wrk always runs this long: its threads cannot end the run early. */
  seconds: number;
}

/**
 * One bounded wrk run on loopback, asking for gzip as browsers do (the site answers with its
 * precompressed copies), summarised by load-summary.lua.
 */
export async function wrk(program: string, load: WrkRun): Promise<WrkSummary> {
  const { stdout } = await run(
    program,
    [
      `-t${load.threads}`,
      `-c${load.connections}`,
      `-d${load.seconds}s`,
      "--timeout",
      "5s",
      "--header",
      "Accept-Encoding: gzip",
      "-s",
      path.join(__dirname, "load-summary.lua"),
      load.url,
    ],
    { timeoutMs: (load.seconds + 30) * 1000 },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("WRK_SUMMARY "));
  if (line === undefined) {
    throw new Error(`wrk printed no summary for ${load.url}:\n${stdout}`);
  }
  return JSON.parse(line.slice("WRK_SUMMARY ".length)) as WrkSummary;
}

/** Every way a request can fail: socket errors, timeouts and answers that are not 2xx. */
export function failures(summary: WrkSummary) {
  return {
    connect: summary.connectErrors,
    read: summary.readErrors,
    write: summary.writeErrors,
    timeout: summary.timeoutErrors,
    status: summary.statusErrors,
    non2xx: summary.non2xx,
  };
}
