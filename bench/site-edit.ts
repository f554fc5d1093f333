import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hardeningFlags } from "../tests/image/support/container";
import { docker, dockerOrNull } from "../tests/image/support/docker";
import { request } from "../tests/image/support/http";
import { buildEnvironment, repoRoot } from "../tests/image/support/image";
import { freeLoopbackPort } from "../tests/image/support/ports";

const marker = "Served by nginx-site";

/**
 * What a user types by hand for a one-line site edit: docker build, docker rm -f, docker run,
 * then wait until the new text is served. The Pulumi side of this comparison is `pulumi up`.
 */
export async function handTypedSiteEdit(base: string, edits: number): Promise<number[]> {
  const context = await mkdtemp(path.join(os.tmpdir(), "nginx-site-edit-"));
  await Promise.all(
    ["nginx", "site", ".dockerignore"].map((entry) => cp(path.join(repoRoot, entry), path.join(context, entry), { recursive: true })),
  );
  const page = path.join(context, "site/index.html");
  const original = await readFile(page, "utf8");
  const env = await buildEnvironment();
  const port = await freeLoopbackPort();
  const name = "nginx-site-bench-edit";
  const timings: number[] = [];
  try {
    for (let edit = 0; edit <= edits; edit++) {
      const text = `${marker} (edit ${edit})`;
      await writeFile(page, original.replace(marker, text));
      const started = Date.now();
      await docker(["build", "-q", "-f", path.join(context, "nginx/Dockerfile"), "--build-arg", `BASE_IMAGE=${base}`,
        "-t", "nginx-site:bench-edit", context], { env, timeoutMs: 300_000 });
      await dockerOrNull(["rm", "--force", name]);
      await docker(["run", "--detach", "--name", name, "--label", "nginx-site.bench=1", ...hardeningFlags,
        "--publish", `127.0.0.1:${port}:8080`, "nginx-site:bench-edit"]);
      await waitForText(`http://127.0.0.1:${port}`, text);
      // The first round only warms the build cache, as a user's earlier builds would have.
      if (edit > 0) {
        timings.push(Date.now() - started);
      }
    }
  } finally {
    await dockerOrNull(["rm", "--force", name]);
    await rm(context, { recursive: true, force: true });
  }
  return timings;
}

async function waitForText(baseUrl: string, text: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = await request(baseUrl, "/", { timeoutMs: 1_000 }).then((r) => r.body, () => "");
    if (body.includes(text)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${baseUrl}/ never showed "${text}"`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
