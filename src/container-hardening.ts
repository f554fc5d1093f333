// How the container is locked down and kept observable. Plain functions of plain values, so each
// choice can be read (and tested) apart from the resource that uses it.
import type * as docker from "@pulumi/docker";
import { HEALTH_URL, HOST_LOG_MOUNT, HOST_LOG_NGINX_CONF } from "./image-contract";

type Healthcheck = docker.types.input.ContainerHealthcheck;
type Capabilities = docker.types.input.ContainerCapabilities;
type Volume = docker.types.input.ContainerVolume;

/**
 * The image's own HEALTHCHECK, probed more often: `wait` blocks `pulumi up` until the container is
 * healthy, and the image's slower interval would make every up wait for it.
 */
export const HEALTHCHECK: Healthcheck = {
  tests: ["CMD", "wget", "-q", "-O", "/dev/null", HEALTH_URL],
  interval: "5s",
  timeout: "3s",
  retries: 3,
  startPeriod: "10s",
};

/** Long enough for nginx to finish open requests after the image's STOPSIGNAL (SIGQUIT). */
export const STOP_GRACE_SECONDS = 10;

/** How long `pulumi up` waits for the container to turn healthy before it reports a failure. */
export const HEALTHY_TIMEOUT_SECONDS = 60;

/** nginx keeps its pid and temp files under /tmp; a read-only root filesystem needs it writable. */
export function tmpfsFor(readOnlyRootFilesystem: boolean): Record<string, string> | undefined {
  return readOnlyRootFilesystem ? { "/tmp": "rw,noexec,nosuid,size=16m" } : undefined;
}

/** nginx serves a high port as an unprivileged user, so it needs no capability at all. */
export function capabilitiesFor(dropAllCapabilities: boolean): Capabilities | undefined {
  return dropAllCapabilities ? { drops: ["ALL"] } : undefined;
}

export function securityOptsFor(noNewPrivileges: boolean): string[] {
  return noNewPrivileges ? ["no-new-privileges:true"] : [];
}

/** json-file keeps `docker logs` working; the limits stop the log from filling the host's disk. */
export function logOptsFor(maxSize: string, maxFiles: number): Record<string, string> {
  return { "max-size": maxSize, "max-file": String(maxFiles) };
}

/**
 * The image logs to stdout/stderr, which json-file keeps for `docker logs`. A host directory, when
 * given, is mounted where the image's host-logs entry point also writes log files, so those outlive
 * the container.
 */
export function logVolumesFor(hostLogDirectory: string | undefined): Volume[] {
  return hostLogDirectory ? [{ hostPath: hostLogDirectory, containerPath: HOST_LOG_MOUNT }] : [];
}

/** Without a host log directory the image's own CMD applies; with one, nginx starts on the config that writes there. */
export function commandFor(hostLogDirectory: string | undefined): string[] | undefined {
  return hostLogDirectory ? ["nginx", "-c", HOST_LOG_NGINX_CONF, "-g", "daemon off;"] : undefined;
}
