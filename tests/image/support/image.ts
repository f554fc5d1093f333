import { readFile } from "node:fs/promises";
import path from "node:path";
import { docker, dockerOrNull, run } from "./docker";

export const repoRoot = path.resolve(__dirname, "../../..");

/** The stand-in base made by scripts/make-standin-base.sh; nothing can be pulled on the test machine. */
export const standInBase = "localhost/nginx-standin:1.22";
export const baseImage = process.env.BASE_IMAGE ?? standInBase;
export const testImageTag = "nginx-site:test";

export interface BuildArgs {
  IMAGE_VERSION: string;
  IMAGE_REVISION: string;
  IMAGE_CREATED: string;
}

export interface TestImage {
  tag: string;
  base: string;
  args: BuildArgs;
}

/**
 * Build arguments derived from the checkout, not from the clock, so every test file of one run
 * asks for the same build and all but the first are served from the layer cache.
 */
async function buildArgsFromCheckout(): Promise<BuildArgs> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  const git = (args: string[]) => run("git", ["-C", repoRoot, ...args]).then((r) => r.stdout.trim());
  const revision = await git(["rev-parse", "HEAD"]);
  const committed = new Date(await git(["log", "-1", "--format=%cI"]));
  return {
    IMAGE_VERSION: pkg.version,
    IMAGE_REVISION: revision,
    IMAGE_CREATED: committed.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/** Without the buildx plugin the modern CLI cannot use BuildKit, so fall back to the classic builder. */
export async function buildEnvironment(): Promise<NodeJS.ProcessEnv> {
  const hasBuildx = (await dockerOrNull(["buildx", "version"])) !== null;
  return hasBuildx ? process.env : { ...process.env, DOCKER_BUILDKIT: "0" };
}

async function ensureBaseImage(): Promise<void> {
  if ((await dockerOrNull(["image", "inspect", baseImage])) !== null) {
    return;
  }
  if (baseImage !== standInBase) {
    throw new Error(`base image ${baseImage} (from BASE_IMAGE) is not present and cannot be pulled here`);
  }
  await run("bash", [path.join(repoRoot, "scripts/make-standin-base.sh")], { timeoutMs: 600_000 });
}

async function build(): Promise<TestImage> {
  await ensureBaseImage();
  const args = await buildArgsFromCheckout();
  const buildArgFlags = Object.entries({ BASE_IMAGE: baseImage, ...args }).flatMap(([key, value]) => [
    "--build-arg",
    `${key}=${value}`,
  ]);
  await docker(["build", "-f", path.join(repoRoot, "nginx/Dockerfile"), ...buildArgFlags, "-t", testImageTag, repoRoot], {
    env: await buildEnvironment(),
    timeoutMs: 600_000,
  });
  return { tag: testImageTag, base: baseImage, args };
}

let pending: Promise<TestImage> | undefined;

/** Builds the site image once per test process; later calls share the same result. */
export function testImage(): Promise<TestImage> {
  pending ??= build();
  return pending;
}
