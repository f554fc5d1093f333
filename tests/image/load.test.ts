import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { siteContainerPerSuite } from "./support/container";
import { findOnPath } from "./support/tools";
import { failures, wrk } from "./support/wrk";

const suite = "load";
const minRequests = 100_000;
const threads = 2;
const connections = 256;
// wrk always runs for the full duration (its threads cannot end the run early). Two shared cores
// serve about 10,000 requests/s, so the minimum is reached in about 10 s; the rest is headroom for
// a busy machine.
const durationSeconds = 25;

const wrkProgram = findOnPath("wrk");

describe("the site under load (image built on the stand-in base)", { skip: wrkProgram ? false : "wrk is not installed" }, () => {
  const site = siteContainerPerSuite(suite);

  it(`answers at least ${minRequests} requests at concurrency ${connections} without one error`, { timeout: 90_000 }, async (t) => {
    const summary = await wrk(wrkProgram as string, { url: `${site().baseUrl}/`, threads, connections, seconds: durationSeconds });
    const seconds = summary.durationUs / 1e6;
    t.diagnostic(
      `${summary.requests} requests in ${seconds.toFixed(1)} s = ${Math.round(summary.requests / seconds)} req/s, ` +
        `p99 ${(summary.latencyP99Us / 1000).toFixed(1)} ms`,
    );

    assert.ok(summary.requests >= minRequests, `only ${summary.requests} requests within ${durationSeconds} s`);
    assert.deepEqual(failures(summary), { connect: 0, read: 0, write: 0, timeout: 0, status: 0, non2xx: 0 });
  });
});
