import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runFailingProgram } from "./harness";

describe("checks before any resource exists", () => {
  test("a push without a registry token fails before any resource is created", async () => {
    const { error, siteResources } = await runFailingProgram({
      push: "true",
      imageRepository: "docker.io/alice/nginx-site",
      registryUsername: "alice",
    });
    assert.match(error.message, /nginx-site:registryToken is not set/);
    assert.deepEqual(siteResources, []);
  });

  test("a port of 70000 stops the program naming the key, the value and the range", async () => {
    const { error, siteResources } = await runFailingProgram({ hostPort: "70000" });
    assert.match(error.message, /nginx-site:hostPort is 70000; expected an integer from 1 to 65535\./);
    assert.deepEqual(siteResources, []);
  });

  test("an unreachable Docker daemon stops the program before any resource is created", async () => {
    const asked: string[] = [];
    const { error, siteResources } = await runFailingProgram({ dockerHost: "unix:///nowhere/docker.sock" }, async (host) => {
      asked.push(host);
      throw new Error("Cannot reach the Docker daemon at unix:///nowhere/docker.sock");
    });
    assert.deepEqual(asked, ["unix:///nowhere/docker.sock"]);
    assert.match(error.message, /Cannot reach the Docker daemon/);
    assert.deepEqual(siteResources, []);
  });
});
