import { after, before } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULTS } from "../../../src/config";
import {
  capabilitiesFor,
  HEALTHCHECK,
  logOptsFor,
  securityOptsFor,
  tmpfsFor,
} from "../../../src/container-hardening";
import { SITE_PORT } from "../../../src/image-contract";
import { docker, dockerOrNull, inspectField } from "./docker";
import { testImage } from "./image";
import { freeLoopbackPort } from "./ports";

/**
 * Every container a test starts carries its suite and the test process's pid, so a crashed run's
 * leftovers can be found without touching the containers of a run that is still going.
 */
const suiteLabel = "nginx-site.test-suite";
const ownerLabel = "nginx-site.test-owner";

/**
 * The docker run flags for exactly the container the Pulumi program creates with its default config:
 * derived from the program's own settings, so the tests cannot drift from what `pulumi up` runs.
 */
export const hardeningFlags: readonly string[] = [
  "--read-only",
  ...Object.entries(tmpfsFor(true) ?? {}).flatMap(([path, options]) => ["--tmpfs", `${path}:${options}`]),
  ...(capabilitiesFor(true)?.drops as string[]).flatMap((capability) => ["--cap-drop", capability]),
  ...securityOptsFor(true).flatMap((option) => ["--security-opt", option]),
  "--memory",
  `${DEFAULTS.memoryMb}m`,
  "--cpu-shares",
  DEFAULTS.cpuShares,
  "--restart",
  DEFAULTS.restartPolicy,
  ...Object.entries(logOptsFor(DEFAULTS.logMaxSize, Number(DEFAULTS.logMaxFiles))).flatMap(([key, value]) => [
    "--log-opt",
    `${key}=${value}`,
  ]),
];

/** The program's health check timing, which probes more often than the image's own HEALTHCHECK. */
export const deployedHealthFlags: readonly string[] = [
  "--health-interval",
  HEALTHCHECK.interval as string,
  "--health-timeout",
  HEALTHCHECK.timeout as string,
  "--health-retries",
  String(HEALTHCHECK.retries),
  "--health-start-period",
  HEALTHCHECK.startPeriod as string,
];

export interface SiteContainer {
  name: string;
  port: number;
  baseUrl: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes this process's containers of a suite, and those left behind by test processes that have died. */
export async function removeSuiteContainers(suite: string): Promise<void> {
  const listing = await docker([
    "ps",
    "--all",
    "--filter",
    `label=${suiteLabel}=${suite}`,
    "--format",
    `{{.ID}} {{.Label "${ownerLabel}"}}`,
  ]);
  const stale = listing
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split(" "))
    .filter(([, owner]) => Number(owner) === process.pid || !isAlive(Number(owner)))
    .map(([id]) => id as string);
  if (stale.length > 0) {
    await docker(["rm", "--force", "--volumes", ...stale]);
  }
}

/** Starts the image hardened like production, published on a free loopback port, and waits until healthy. */
export async function startSiteContainer(suite: string, image: string, index = 0): Promise<SiteContainer> {
  const name = `nginx-site-test-${suite}-${process.pid}-${index}`;
  const port = await freeLoopbackPort();
  await docker([
    "run",
    "--detach",
    "--name",
    name,
    "--label",
    `${suiteLabel}=${suite}`,
    "--label",
    `${ownerLabel}=${process.pid}`,
    ...hardeningFlags,
    ...deployedHealthFlags,
    "--publish",
    `127.0.0.1:${port}:${SITE_PORT}`,
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

/**
 * Gives the enclosing describe() one hardened site container: started before its tests (after
 * clearing a crashed run's leftovers), removed after them. Returns a getter, since the container
 * exists only once the hook has run.
 */
export function siteContainerPerSuite(suite: string): () => SiteContainer {
  let site: SiteContainer | undefined;
  before(async () => {
    await removeSuiteContainers(suite);
    site = await startSiteContainer(suite, (await testImage()).tag);
  }, { timeout: 300_000 });
  after(() => removeSuiteContainers(suite));
  return () => {
    if (site === undefined) {
      throw new Error(`the ${suite} suite's container has not started`);
    }
    return site;
  };
}
