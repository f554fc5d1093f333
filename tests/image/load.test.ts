import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import path from "node:path";
import { removeSuiteContainers, startSiteContainer, type SiteContainer } from "./support/container";
import { run } from "./support/docker";
import { testImage } from "./support/image";
import { findOnPath } from "./support/tools";

const suite = "load";
const minRequests = 100_000;
const threads = 2;
const connections = 256;
// wrk always runs for the full duration (its threads cannot end the run early). Two shared cores
// serve about 10,000 requests/s, so the minimum is reached in about 10 s; the rest is headroom for
// a busy machine.
const durationSeconds = 25;

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

const wrk = findOnPath("wrk");

describe("the site under load (image built on the stand-in base)", { skip: wrk ? false : "wrk is not installed" }, () => {
  let site: SiteContainer;

  before(async () => {
    await removeSuiteContainers(suite);
    site = await startSiteContainer(suite, (await testImage()).tag);
  }, { timeout: 300_000 });

  after(() => removeSuiteContainers(suite));

  it(`answers at least ${minRequests} requests at concurrency ${connections} without one error`, { timeout: 90_000 }, async (t) => {
    const { stdout } = await run(
      wrk as string,
      [
        `-t${threads}`,
        `-c${connections}`,
        `-d${durationSeconds}s`,
        "--timeout",
        "5s",
        // As browsers ask; the site answers with its precompressed copies.
        "--header",
        "Accept-Encoding: gzip",
        "-s",
        path.join(__dirname, "support/load-summary.lua"),
        `${site.baseUrl}/`,
      ],
      { timeoutMs: (durationSeconds + 30) * 1000 },
    );
    const line = stdout.split("\n").find((l) => l.startsWith("WRK_SUMMARY "));
    assert.ok(line, `wrk printed no summary:\n${stdout}`);
    const summary = JSON.parse(line.slice("WRK_SUMMARY ".length)) as WrkSummary;
    const seconds = summary.durationUs / 1e6;
    t.diagnostic(
      `${summary.requests} requests in ${seconds.toFixed(1)} s = ${Math.round(summary.requests / seconds)} req/s, ` +
        `p99 ${(summary.latencyP99Us / 1000).toFixed(1)} ms`,
    );

    assert.ok(summary.requests >= minRequests, `only ${summary.requests} requests within ${durationSeconds} s`);
    assert.deepEqual(
      {
        connect: summary.connectErrors,
        read: summary.readErrors,
        write: summary.writeErrors,
        timeout: summary.timeoutErrors,
        status: summary.statusErrors,
        non2xx: summary.non2xx,
      },
      { connect: 0, read: 0, write: 0, timeout: 0, status: 0, non2xx: 0 },
    );
  });
});
