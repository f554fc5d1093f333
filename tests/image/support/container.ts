import { setTimeout as sleep } from "node:timers/promises";
import { docker, dockerOrNull, inspectField } from "./docker";
import { freeLoopbackPort } from "./ports";

/** Every container a test starts carries this label, so a crashed run's leftovers can be found. */
const suiteLabel = "nginx-site.test-suite";
const containerPort = 8080;

/**
 * The same hardening the Pulumi program applies to the site container; the tests prove the image
 * behaves under exactly these limits.
 */
export const hardeningFlags: readonly string[] = [
  "--read-only",
  "--tmpfs",
  "/tmp:rw,noexec,nosuid,size=16m",
  "--cap-drop",
  "ALL",
  "--security-opt",
  "no-new-privileges",
  "--memory",
  "64m",
  "--cpu-shares",
  "512",
  "--restart",
  "unless-stopped",
  "--log-opt",
  "max-size=10m",
  "--log-opt",
  "max-file=3",
];

export interface SiteContainer {
  name: string;
  port: number;
  baseUrl: string;
}

/** Removes every container a suite started, including those left by an earlier run that crashed. */
export async function removeSuiteContainers(suite: string): Promise<void> {
  const ids = await docker(["ps", "--all", "--quiet", "--filter", `label=${suiteLabel}=${suite}`]);
  if (ids !== "") {
    await docker(["rm", "--force", "--volumes", ...ids.split("\n")]);
  }
}

/** Starts the image hardened like production, published on a free loopback port, and waits until healthy. */
export async function startSiteContainer(suite: string, image: string, index = 0): Promise<SiteContainer> {
  const name = `nginx-site-test-${suite}-${index}`;
  const port = await freeLoopbackPort();
  await docker([
    "run",
    "--detach",
    "--name",
    name,
    "--label",
    `${suiteLabel}=${suite}`,
    ...hardeningFlags,
    "--publish",
    `127.0.0.1:${port}:${containerPort}`,
    image,
  ]);
  const container = { name, port, baseUrl: `http://127.0.0.1:${port}` };
  await waitUntilHealthy(name);
  return container;
}

export async function healthStatus(name: string): Promise<string> {
  return inspectField(name, "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}");
}

/** Polls Docker's own health verdict; fails early with the logs if the container has stopped. */
export async function waitUntilHealthy(name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [status, running] = await Promise.all([
      healthStatus(name),
      inspectField(name, "{{.State.Running}}"),
    ]);
    if (status === "healthy") {
      return;
    }
    if (Date.now() > deadline || status === "none") {
      const logs = (await dockerOrNull(["logs", "--tail", "40", name])) ?? "";
      throw new Error(`${name} is not healthy (health=${status}, running=${running}); logs:\n${logs}`);
    }
    await sleep(200);
  }
}

/** Docker's own record of the container's hostname, which the site reports back in /server-info. */
export function configuredHostname(name: string): Promise<string> {
  return inspectField(name, "{{.Config.Hostname}}");
}
