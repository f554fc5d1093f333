import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { docker, inspectJson, run } from "./support/docker";
import { defaultBuildArg } from "./support/dockerfile";
import { testImage, type TestImage } from "./support/image";
import { executableAt, findOnPath } from "./support/tools";

interface ImageDocument {
  Size: number;
  Config: {
    User: string;
    Env: string[] | null;
    Entrypoint: string[] | null;
    ExposedPorts: Record<string, object> | null;
    Healthcheck?: { Test: string[] };
    StopSignal?: string;
    Labels: Record<string, string> | null;
  };
  RootFS: { Layers: string[] };
}

interface DockleReport {
  summary?: { fatal: number; warn: number; pass: number };
  details?: { code: string; title: string; level: string; alerts: string[] }[];
}

const ociLabels = ["title", "description", "source", "version", "licenses", "revision", "created"].map(
  (key) => `org.opencontainers.image.${key}`,
);
const secretLooking = /password|passwd|token|secret|api[_-]?key|private[_-]?key/i;
const maxAddedLayers = 2;
const maxAddedBytes = 200 * 1024;

/** Files with the setuid or setgid bit, listed as root with the entrypoint overridden, for inspection only. */
async function privilegedFiles(image: string): Promise<string[]> {
  const out = await docker(["run", "--rm", "--user", "0", "--entrypoint", "find", image, "/", "-xdev", "-perm", "/6000", "-type", "f"]);
  return out === "" ? [] : out.split("\n").sort();
}

const dockle = executableAt(process.env.DOCKLE_BIN) ?? findOnPath("dockle");

describe("image audit (built on the stand-in base)", () => {
  let image: TestImage;
  let doc: ImageDocument;
  let base: ImageDocument;

  before(async () => {
    image = await testImage();
    doc = await inspectJson<ImageDocument>(image.tag);
    base = await inspectJson<ImageDocument>(image.base);
  }, { timeout: 300_000 });

  it("runs as the numeric non-root user 101", () => {
    assert.match(doc.Config.User, /^\d+(:\d+)?$/);
    assert.equal(doc.Config.User.split(":")[0], "101");
  });

  it("declares a health check, port 8080/tcp and SIGQUIT as its stop signal", () => {
    const test = doc.Config.Healthcheck?.Test ?? [];
    assert.ok(test.length > 0 && test[0] !== "NONE", `health check: ${JSON.stringify(test)}`);
    // The base's EXPOSE 80 is inherited and no Dockerfile instruction can withdraw it; nothing listens there.
    assert.ok(Object.keys(doc.Config.ExposedPorts ?? {}).includes("8080/tcp"));
    assert.equal(doc.Config.StopSignal, "SIGQUIT");
  });

  it("starts nginx directly, with no entrypoint script in front of it", () => {
    assert.deepEqual(doc.Config.Entrypoint ?? [], []);
  });

  it("carries all seven OCI labels, with the build's version, revision and time", () => {
    const labels = doc.Config.Labels ?? {};
    for (const key of ociLabels) {
      assert.ok((labels[key] ?? "").trim() !== "", `label ${key} is missing or empty`);
    }
    assert.equal(labels["org.opencontainers.image.version"], image.args.IMAGE_VERSION);
    assert.equal(labels["org.opencontainers.image.revision"], image.args.IMAGE_REVISION);
    assert.equal(labels["org.opencontainers.image.created"], image.args.IMAGE_CREATED);
  });

  it("pins the Dockerfile's default base image by tag and sha256 digest", async () => {
    const reference = await defaultBuildArg("BASE_IMAGE");
    assert.ok(reference, "nginx/Dockerfile has no default for ARG BASE_IMAGE");
    assert.match(reference, /^[\w.\/-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
  });

  it("adds no setuid or setgid file to the base", { timeout: 60_000 }, async () => {
    const [ours, theirs] = await Promise.all([privilegedFiles(image.tag), privilegedFiles(image.base)]);
    assert.deepEqual(ours.filter((file) => !theirs.includes(file)), []);
  });

  it("has nothing secret-looking in its history, environment or labels", async () => {
    const history = await docker(["history", "--no-trunc", "--format", "{{.CreatedBy}}", image.tag]);
    const places = {
      history: history.split("\n"),
      env: doc.Config.Env ?? [],
      labels: Object.entries(doc.Config.Labels ?? {}).map(([key, value]) => `${key}=${value}`),
    };
    for (const [place, lines] of Object.entries(places)) {
      assert.deepEqual(lines.filter((line) => secretLooking.test(line)), [], `secret-looking text in ${place}`);
    }
  });

  it(`adds at most ${maxAddedLayers} layers and under ${maxAddedBytes / 1024} KB to the base`, (t) => {
    const addedLayers = doc.RootFS.Layers.length - base.RootFS.Layers.length;
    const addedBytes = doc.Size - base.Size;
    t.diagnostic(`our layers: ${addedLayers}, ${(addedBytes / 1024).toFixed(1)} KB`);
    assert.deepEqual(doc.RootFS.Layers.slice(0, base.RootFS.Layers.length), base.RootFS.Layers, "not built on the base");
    assert.ok(addedLayers >= 1 && addedLayers <= maxAddedLayers, `${addedLayers} layers added`);
    assert.ok(addedBytes < maxAddedBytes, `${addedBytes} bytes added`);
  });

  it("passes dockle with no finding at warn level or above", { skip: dockle ? false : "dockle is not on PATH and DOCKLE_BIN is unset", timeout: 120_000 }, async () => {
    const args = ["--exit-code", "1", "--exit-level", "warn", "--format", "json", image.tag];
    // dockle exits 1 when it has findings; its JSON report is on stdout either way.
    const report = await run(dockle as string, args, { timeoutMs: 110_000 }).then(
      (result) => ({ ...result, exitCode: 0 }),
      (error: { stdout?: string; stderr?: string; code?: number }) => ({
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
        exitCode: error.code ?? -1,
      }),
    );
    const parsed = JSON.parse(report.stdout || "{}") as DockleReport;
    const findings = (parsed.details ?? []).filter((d) => d.level === "FATAL" || d.level === "WARN");
    assert.deepEqual(findings, [], report.stderr);
    assert.ok((parsed.summary?.pass ?? 0) > 0, `dockle ran no check: ${report.stdout}`);
    assert.equal(report.exitCode, 0, report.stderr);
  });
});
