import { chmod, mkdtemp, readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEFAULTS } from "../src/config";
import { hardeningFlags } from "../tests/image/support/container";
import { docker, dockerOrNull, inspectField } from "../tests/image/support/docker";
import { waitUntilServing } from "../tests/image/support/http";
import { freeLoopbackPort } from "../tests/image/support/ports";

const benchLabel = "nginx-site.bench=1";

export interface Running {
  name: string;
  baseUrl: string;
  /** Milliseconds from `docker run` to the first 200 on `/`. */
  startToServingMs: number;
}

export async function removeBenchContainers(): Promise<void> {
  const ids = await docker(["ps", "--all", "--quiet", "--filter", `label=${benchLabel}`]);
  if (ids !== "") {
    await docker(["rm", "--force", ...ids.split("\n")]);
  }
}

async function start(name: string, port: number, runArgs: string[]): Promise<Running> {
  await dockerOrNull(["rm", "--force", name]);
  const started = Date.now();
  await docker(["run", "--detach", "--name", name, "--label", benchLabel, ...runArgs]);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(baseUrl, 30_000);
  return { name, baseUrl, startToServingMs: Date.now() - started };
}

/** Our image, hardened exactly as the Pulumi program runs it. */
export async function startOurs(name: string, image: string): Promise<Running> {
  const port = await freeLoopbackPort();
  return start(name, port, [...hardeningFlags, "--health-interval", "1s", "--publish", `127.0.0.1:${port}:8080`, image]);
}

/**
 * The base image with its stock configuration, serving the very files our image serves, with the
 * same memory and CPU limits: the difference left is our nginx configuration.
 */
export async function startStock(name: string, base: string, htmlDir: string): Promise<Running> {
  const port = await freeLoopbackPort();
  return start(name, port, [
    "--memory", `${DEFAULTS.memoryMb}m`, "--cpu-shares", DEFAULTS.cpuShares,
    "--volume", `${htmlDir}:/usr/share/nginx/html:ro`,
    "--publish", `127.0.0.1:${port}:80`,
    base,
  ]);
}

/** Milliseconds from `docker run` until Docker itself reports the container healthy. */
export async function startToHealthyMs(name: string, image: string): Promise<number> {
  const running = await startOurs(name, image);
  const started = Date.now() - running.startToServingMs;
  while ((await inspectField(name, "{{.State.Health.Status}}")) !== "healthy") {
    if (Date.now() - started > 60_000) {
      throw new Error(`${name} did not become healthy within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = Date.now() - started;
  await docker(["rm", "--force", name]);
  return elapsed;
}

/** Resident memory of an idle container as `docker stats` reports it, in bytes. */
export async function idleMemoryBytes(name: string): Promise<number> {
  const usage = await docker(["stats", "--no-stream", "--format", "{{.MemUsage}}", name]);
  const match = /^([\d.]+)\s*([KMG]?i?B)/.exec(usage);
  if (match === null) {
    throw new Error(`cannot read memory from docker stats: ${usage}`);
  }
  const unit: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, kB: 1e3, MB: 1e6, GB: 1e9 };
  return Number(match[1]) * (unit[match[2]!] ?? 1);
}

/** Copies the document root out of an image, so the stock container can serve the same bytes. */
export async function extractDocumentRoot(image: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "nginx-site-bench-"));
  // mkdtemp makes it private; the stock nginx workers run unprivileged and must read it.
  await chmod(dir, 0o755);
  const id = await docker(["create", image]);
  try {
    await docker(["cp", `${id}:/usr/share/nginx/site/.`, dir]);
  } finally {
    await docker(["rm", id]);
  }
  return dir;
}

/** The compressible file nearest to 10 KB: a typical stylesheet or script. */
export async function assetNearTenKilobytes(htmlDir: string): Promise<string> {
  const candidates: Array<{ url: string; size: number }> = [];
  const walk = async (dir: string, url: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full, `${url}${entry.name}/`);
      } else if (/\.(css|js|html|svg|json)$/.test(entry.name)) {
        candidates.push({ url: `${url}${entry.name}`, size: (await stat(full)).size });
      }
    }
  };
  await walk(htmlDir, "/");
  candidates.sort((a, b) => Math.abs(a.size - 10_240) - Math.abs(b.size - 10_240));
  const best = candidates[0];
  if (best === undefined) {
    throw new Error(`no compressible file under ${htmlDir}`);
  }
  return best.url;
}
