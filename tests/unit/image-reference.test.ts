import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isImageReference, isRepository, isTag, splitRepository } from "../../src/image-reference";

describe("image reference grammar", () => {
  for (const name of [
    "nginx-site",
    "alice/nginx-site",
    "docker.io/alice/nginx-site",
    "localhost:5000/nginx-site",
    "registry.example.com:443/team/web/app",
    "[::1]:5000/app",
    "a__b/c.d_e-f--g",
  ]) {
    test(`the repository ${name} is accepted`, () => assert.equal(isRepository(name), true));
  }

  for (const name of [
    "",
    "Nginx-Site",
    "docker.io/Alice/site",
    "alice/site:1.0",
    "-site",
    "site-",
    "a//b",
    "a/",
    "a___b",
    "site@sha256:abc",
    `a/${"b".repeat(254)}`,
  ]) {
    test(`the repository ${JSON.stringify(name.length > 40 ? `${name.slice(0, 12)}…` : name)} is rejected`, () =>
      assert.equal(isRepository(name), false));
  }

  test("tags follow [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", () => {
    assert.equal(isTag("1.0.0"), true);
    assert.equal(isTag("_Dev-2"), true);
    assert.equal(isTag("a".repeat(128)), true);
    assert.equal(isTag("a".repeat(129)), false);
    assert.equal(isTag(".hidden"), false);
    assert.equal(isTag("with space"), false);
    assert.equal(isTag(""), false);
  });

  test("a full reference may carry a tag, a digest or both", () => {
    const digest = `sha256:${"c".repeat(64)}`;
    assert.equal(isImageReference("nginx"), true);
    assert.equal(isImageReference("nginx:1.30.4-alpine-slim"), true);
    assert.equal(isImageReference(`nginx:1.30.4-alpine-slim@${digest}`), true);
    assert.equal(isImageReference(`localhost:5000/base@${digest}`), true);
    assert.equal(isImageReference("localhost:5000/base"), true);
    assert.equal(isImageReference("nginx:bad tag"), false);
    assert.equal(isImageReference("nginx@sha256:short"), false);
    assert.equal(isImageReference(""), false);
  });

  test("the registry of a repository is found the way the Docker CLI finds it", () => {
    assert.deepEqual(splitRepository("alice/site"), { registry: "docker.io", path: "alice/site" });
    assert.deepEqual(splitRepository("index.docker.io/alice/site"), { registry: "docker.io", path: "alice/site" });
    assert.deepEqual(splitRepository("localhost/site"), { registry: "localhost", path: "site" });
    assert.deepEqual(splitRepository("ghcr.io/alice/site"), { registry: "ghcr.io", path: "alice/site" });
    assert.deepEqual(splitRepository("site"), { registry: "docker.io", path: "site" });
  });
});
