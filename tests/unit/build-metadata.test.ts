import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { describeSources, localSources, readBuildMetadata, SourceAccess, sourceUrl } from "../../src/build-metadata";

const HASH = "0123456789abcdef0123456789abcdef01234567";
const FILE_TIME = new Date("2024-03-04T05:06:07Z");

/** A fake checkout: `log` and `status` are what git would print, undefined when git fails. */
function sources(log: string | undefined, status: string | undefined): SourceAccess {
  return {
    git: (args) => (args[0] === "log" ? log : args[0] === "status" ? status : undefined),
    newestModification: () => FILE_TIME,
  };
}

describe("build metadata", () => {
  test("a clean checkout is labelled with the last commit of site/ and nginx/ and its time in UTC", () => {
    assert.deepEqual(describeSources(sources(`${HASH} 2024-05-01T12:00:00+02:00`, "")), {
      imageRevision: "0123456789ab",
      imageCreated: "2024-05-01T10:00:00Z",
    });
  });

  test("uncommitted changes mark the revision dirty and take the newest file time", () => {
    assert.deepEqual(describeSources(sources(`${HASH} 2024-05-01T12:00:00+02:00`, " M site/index.html")), {
      imageRevision: "0123456789ab-dirty",
      imageCreated: "2024-03-04T05:06:07Z",
    });
  });

  test("new sources that were never committed are unknown-dirty", () => {
    assert.deepEqual(describeSources(sources("", "?? nginx/Dockerfile")), {
      imageRevision: "unknown-dirty",
      imageCreated: "2024-03-04T05:06:07Z",
    });
  });

  test("without git the revision is unknown and the time comes from the files", () => {
    assert.deepEqual(describeSources(sources(undefined, undefined)), {
      imageRevision: "unknown",
      imageCreated: "2024-03-04T05:06:07Z",
    });
  });

  test("with neither git nor files the time is fixed, never the clock", () => {
    const nothing: SourceAccess = { git: () => undefined, newestModification: () => undefined };
    assert.equal(describeSources(nothing).imageCreated, "1970-01-01T00:00:00Z");
  });

  test("the local reader finds the newest file below site/ and nginx/ and the package version", () => {
    const root = mkdtempSync(join(tmpdir(), "nginx-site-meta-"));
    try {
      mkdirSync(join(root, "site", "css"), { recursive: true });
      mkdirSync(join(root, "nginx"));
      writeFileSync(join(root, "package.json"), JSON.stringify({ version: "2.3.4" }));
      writeFileSync(join(root, "site", "css", "main.css"), "");
      writeFileSync(join(root, "nginx", "Dockerfile"), "");
      writeFileSync(join(root, "README.md"), "");
      utimesSync(join(root, "site", "css", "main.css"), FILE_TIME, FILE_TIME);
      utimesSync(join(root, "nginx", "Dockerfile"), new Date("2020-01-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z"));
      // Files outside the image sources must not move the label.
      utimesSync(join(root, "README.md"), new Date("2030-01-01T00:00:00Z"), new Date("2030-01-01T00:00:00Z"));

      const offline: SourceAccess = { ...localSources(root), git: () => undefined };
      assert.deepEqual(readBuildMetadata(root, offline), {
        imageVersion: "2.3.4",
        imageRevision: "unknown",
        imageCreated: "2024-03-04T05:06:07Z",
        imageSource: "unknown",
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe("the source label", () => {
    const origin = (remote: string | undefined): SourceAccess => ({
      git: (args) => (args[0] === "remote" ? remote : undefined),
      newestModification: () => undefined,
    });

    test("an https origin is used without its .git suffix", () => {
      assert.equal(sourceUrl(origin("https://github.com/acme/nginx-site.git")), "https://github.com/acme/nginx-site");
    });

    test("an ssh origin in scp form becomes the https address of the same repository", () => {
      assert.equal(sourceUrl(origin("git@github.com:acme/nginx-site.git")), "https://github.com/acme/nginx-site");
    });

    test("credentials in the origin never reach the public label", () => {
      assert.equal(sourceUrl(origin("https://bot:ghp_secret123@github.com/acme/nginx-site.git")), "https://github.com/acme/nginx-site");
    });

    test("without an origin, or with a local path as origin, the source is unknown", () => {
      assert.equal(sourceUrl(origin(undefined)), "unknown");
      assert.equal(sourceUrl(origin("/srv/git/nginx-site.git")), "unknown");
    });
  });
});
