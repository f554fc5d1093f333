import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { checkDockerDaemon, daemonAddress } from "../../src/docker-daemon";

const folder = mkdtempSync(join(tmpdir(), "nginx-site-daemon-"));
after(() => rmSync(folder, { recursive: true, force: true }));

/** A stand-in daemon on a unix socket that answers /_ping with the given status. */
async function fakeDaemon(status: number): Promise<{ socket: string; server: Server }> {
  const socket = join(folder, `docker-${status}.sock`);
  const server = createServer((request, response) => {
    response.statusCode = request.url === "/_ping" ? status : 404;
    response.end("OK");
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { socket, server };
}

describe("docker daemon preflight", () => {
  test("with no Docker daemon reachable, the error says so plainly and how to fix it", async () => {
    const address = `unix://${join(folder, "missing.sock")}`;
    await assert.rejects(checkDockerDaemon(address), (error: Error) => {
      assert.match(error.message, new RegExp(`^Cannot reach the Docker daemon at ${address} \\(.*ENOENT.*\\)\\. `));
      assert.match(error.message, /Start Docker \(or set nginx-site:dockerHost \/ DOCKER_HOST\) and run pulumi up again\.$/);
      return true;
    });
  });

  test("a daemon answering /_ping passes the check", async () => {
    const { socket, server } = await fakeDaemon(200);
    try {
      await checkDockerDaemon(`unix://${socket}`);
    } finally {
      server.close();
    }
  });

  test("a socket that answers but not as a healthy daemon fails the check", async () => {
    const { socket, server } = await fakeDaemon(500);
    try {
      await assert.rejects(checkDockerDaemon(`unix://${socket}`), /GET \/_ping answered 500/);
    } finally {
      server.close();
    }
  });

  test("a closed TCP port fails the check", async () => {
    // Port 1 on loopback is privileged and has nothing listening on a normal machine.
    await assert.rejects(checkDockerDaemon("tcp://127.0.0.1:1", 1000), /Cannot reach the Docker daemon at tcp:\/\/127\.0\.0\.1:1 \(/);
  });

  test("the stack's dockerHost wins over DOCKER_HOST, which wins over the default socket", () => {
    assert.equal(daemonAddress("tcp://10.0.0.2:2375", { DOCKER_HOST: "unix:///other.sock" }), "tcp://10.0.0.2:2375");
    assert.equal(daemonAddress("", { DOCKER_HOST: "unix:///other.sock" }), "unix:///other.sock");
    assert.equal(daemonAddress("", {}), "unix:///var/run/docker.sock");
  });
});
