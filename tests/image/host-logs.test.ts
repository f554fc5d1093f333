import assert from "node:assert/strict";
import { chown, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { commandFor, logVolumesFor } from "../../src/container-hardening";
import { hardeningFlags } from "./support/container";
import { docker, dockerOrNull } from "./support/docker";
import { request, waitUntilServing } from "./support/http";
import { testImage } from "./support/image";
import { freeLoopbackPort } from "./support/ports";

const name = "nginx-site-test-host-logs";
const nginxUid = 101;

describe("nginx log files in a host directory (image built on the stand-in base)", () => {
  let logDir: string;
  let baseUrl: string;

  before(async () => {
    await dockerOrNull(["rm", "--force", name]);
    logDir = await mkdtemp(path.join(os.tmpdir(), "nginx-site-logs-"));
    await chown(logDir, nginxUid, nginxUid);
    // The mount and the command come from the program's own functions, so this runs what `pulumi up` runs.
    const [volume] = logVolumesFor(logDir);
    const command = commandFor(logDir);
    assert.ok(volume && command);
    const port = await freeLoopbackPort();
    await docker([
      "run", "--detach", "--name", name, ...hardeningFlags,
      "--volume", `${volume.hostPath as string}:${volume.containerPath as string}`,
      "--publish", `127.0.0.1:${port}:8080`,
      (await testImage()).tag, ...command,
    ]);
    baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilServing(baseUrl, 30_000);
  }, { timeout: 300_000 });

  after(async () => {
    await dockerOrNull(["rm", "--force", name]);
    await rm(logDir, { recursive: true, force: true });
  });

  it("writes every request to access.log on the host and errors to error.log, beside docker logs", { timeout: 30_000 }, async () => {
    await request(baseUrl, "/?host-log-probe");
    await request(baseUrl, "/missing-page-for-the-log");
    // The access log is written in batches flushed every second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    assert.deepEqual((await readdir(logDir)).sort(), ["access.log", "error.log"]);
    const lines = (await readFile(path.join(logDir, "access.log"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { uri: string; status: number });
    assert.ok(lines.some((l) => l.uri === "/?host-log-probe" && l.status === 200), "the page request is in access.log");
    assert.ok(lines.some((l) => l.uri === "/missing-page-for-the-log" && l.status === 404), "the 404 is in access.log");
    assert.match(await docker(["logs", name]), /host-log-probe/, "docker logs still has the request");
  });
});
