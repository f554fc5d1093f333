// Turns the stack's raw configuration into typed settings, or fails with one error that lists every
// problem, so a user fixes them all in one go and no resource is touched before that.
import { isIP } from "node:net";
import { isImageReference, isRepository, isTag, normalizeRegistry, splitRepository } from "./image-reference";

export const CONFIG_NAMESPACE = "nginx-site";

const RESTART_POLICIES = ["no", "on-failure", "always", "unless-stopped"] as const;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];

/** Docker refuses a memory limit below 6 MB. */
const MIN_MEMORY_MB = 6;
/** Docker's range for the relative CPU weight. */
const MIN_CPU_SHARES = 2;
const MAX_CPU_SHARES = 262144;

/** Every key as Pulumi hands it over: a string, with the Pulumi.yaml default already applied. */
export interface RawConfig {
  baseImage: string;
  imageRepository: string;
  imageTag: string;
  push: string;
  registryServer: string;
  registryUsername: string;
  hostPort: string;
  hostAddress: string;
  containerName: string;
  restartPolicy: string;
  memoryMb: string;
  cpuShares: string;
  readOnlyRootFilesystem: string;
  dropAllCapabilities: string;
  noNewPrivileges: string;
  logMaxSize: string;
  logMaxFiles: string;
  hostLogDirectory: string;
  dockerHost: string;
}

export interface Settings {
  baseImage: string;
  imageRepository: string;
  imageTag: string;
  push: boolean;
  registryServer: string;
  registryUsername: string;
  hostPort: number;
  hostAddress: string;
  containerName: string;
  restartPolicy: RestartPolicy;
  memoryMb: number;
  cpuShares: number;
  readOnlyRootFilesystem: boolean;
  dropAllCapabilities: boolean;
  noNewPrivileges: boolean;
  logMaxSize: string;
  logMaxFiles: number;
  hostLogDirectory: string;
  dockerHost: string;
}

class Problems {
  readonly messages: string[] = [];

  add(key: keyof RawConfig, raw: string, expected: string): void {
    this.messages.push(`${CONFIG_NAMESPACE}:${key} is ${shown(raw)}; ${expected}.`);
  }

  /** For a value that must not be repeated back, such as the token. */
  addWithoutValue(key: string, text: string): void {
    this.messages.push(`${CONFIG_NAMESPACE}:${key} ${text}.`);
  }
}

function shown(raw: string): string {
  if (raw === "") {
    return "empty";
  }
  return /^-?\d+(\.\d+)?$/.test(raw) ? raw : JSON.stringify(raw);
}

function integer(raw: RawConfig, key: keyof RawConfig, min: number, max: number, problems: Problems): number {
  const value = raw[key].trim();
  const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!(parsed >= min && parsed <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    problems.add(key, raw[key], `expected an integer ${range}`);
  }
  return parsed;
}

function boolean(raw: RawConfig, key: keyof RawConfig, problems: Problems): boolean {
  const value = raw[key].trim();
  if (value !== "true" && value !== "false") {
    problems.add(key, raw[key], "expected true or false");
  }
  return value === "true";
}

function isRestartPolicy(value: string): value is RestartPolicy {
  return (RESTART_POLICIES as readonly string[]).includes(value);
}

function checkImage(raw: RawConfig, push: boolean, problems: Problems): void {
  if (!isImageReference(raw.baseImage)) {
    problems.add("baseImage", raw.baseImage, "expected an image reference such as nginx:<version>-alpine-slim@sha256:<digest>");
  }
  if (!isRepository(raw.imageRepository)) {
    problems.add(
      "imageRepository",
      raw.imageRepository,
      "expected lowercase path components (a-z, 0-9 and single . _ or - inside) separated by /, optionally after a registry host[:port], e.g. docker.io/<user>/nginx-site",
    );
  }
  if (!isTag(raw.imageTag)) {
    problems.add("imageTag", raw.imageTag, "expected 1 to 128 letters, digits, _ . or -, not starting with . or -");
  }
  if (push) {
    checkPush(raw, problems);
  }
}

function checkPush(raw: RawConfig, problems: Problems): void {
  const user = raw.registryUsername.trim() === "" ? "<user>" : raw.registryUsername.trim();
  if (!raw.imageRepository.includes("/")) {
    const name = raw.imageRepository === "" ? "nginx-site" : raw.imageRepository;
    problems.add(
      "imageRepository",
      raw.imageRepository,
      `pushing needs the registry and your namespace in it: set it to ${normalizeRegistry(raw.registryServer)}/${user}/${name}`,
    );
  } else if (isRepository(raw.imageRepository)) {
    const target = splitRepository(raw.imageRepository).registry;
    if (target !== normalizeRegistry(raw.registryServer)) {
      problems.add(
        "registryServer",
        raw.registryServer,
        `expected ${target}, the registry of ${CONFIG_NAMESPACE}:imageRepository, so the credentials go where the image is pushed`,
      );
    }
  }
  if (raw.registryUsername.trim() === "") {
    problems.add("registryUsername", raw.registryUsername, "pushing needs the registry user: pulumi config set registryUsername <user>");
  }
}

function checkToken(push: boolean, tokenGiven: boolean, problems: Problems): void {
  if (push && !tokenGiven) {
    problems.addWithoutValue(
      "registryToken",
      "is not set; pushing needs a registry access token: pulumi config set --secret registryToken <token>",
    );
  }
}

function checkContainer(raw: RawConfig, problems: Problems): void {
  if (isIP(raw.hostAddress) === 0) {
    problems.add("hostAddress", raw.hostAddress, "expected an IPv4 or IPv6 address such as 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)");
  }
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(raw.containerName)) {
    problems.add("containerName", raw.containerName, "expected at least 2 letters, digits, _ . or -, starting with a letter or digit");
  }
  if (!isRestartPolicy(raw.restartPolicy)) {
    problems.add("restartPolicy", raw.restartPolicy, `expected one of ${RESTART_POLICIES.join(", ")}`);
  }
  if (!/^[1-9][0-9]*[kmg]$/.test(raw.logMaxSize)) {
    problems.add("logMaxSize", raw.logMaxSize, "expected a size with a unit k, m or g, e.g. 10m");
  }
  if (raw.hostLogDirectory !== "" && !raw.hostLogDirectory.startsWith("/")) {
    problems.add("hostLogDirectory", raw.hostLogDirectory, "expected an absolute host path, or empty for docker logs only");
  }
  if (raw.dockerHost !== "" && !/^(unix:\/\/\/.+|tcp:\/\/[^/:]+:\d+)$/.test(raw.dockerHost)) {
    problems.add("dockerHost", raw.dockerHost, "expected unix:///path/to/docker.sock, tcp://host:port, or empty for the Docker default");
  }
}

/**
 * Checks every key and returns typed settings; throws one Error naming each bad key, value and what is
 * allowed. The token is known only by whether it was given, so its value never reaches a message.
 */
export function checkConfig(raw: RawConfig, tokenGiven: boolean): Settings {
  const problems = new Problems();
  const push = boolean(raw, "push", problems);
  checkImage(raw, push, problems);
  const hostPort = integer(raw, "hostPort", 1, 65535, problems);
  checkContainer(raw, problems);
  checkToken(push, tokenGiven, problems);
  const settings: Settings = {
    baseImage: raw.baseImage,
    imageRepository: raw.imageRepository,
    imageTag: raw.imageTag,
    push,
    registryServer: raw.registryServer,
    registryUsername: raw.registryUsername.trim(),
    hostPort,
    hostAddress: raw.hostAddress,
    containerName: raw.containerName,
    // Checked by checkContainer; a bad policy throws below before these settings are returned.
    restartPolicy: raw.restartPolicy as RestartPolicy,
    memoryMb: integer(raw, "memoryMb", MIN_MEMORY_MB, Number.MAX_SAFE_INTEGER, problems),
    cpuShares: integer(raw, "cpuShares", MIN_CPU_SHARES, MAX_CPU_SHARES, problems),
    readOnlyRootFilesystem: boolean(raw, "readOnlyRootFilesystem", problems),
    dropAllCapabilities: boolean(raw, "dropAllCapabilities", problems),
    noNewPrivileges: boolean(raw, "noNewPrivileges", problems),
    logMaxSize: raw.logMaxSize,
    logMaxFiles: integer(raw, "logMaxFiles", 1, Number.MAX_SAFE_INTEGER, problems),
    hostLogDirectory: raw.hostLogDirectory,
    dockerHost: raw.dockerHost,
  };
  const messages = problems.messages;
  if (messages.length > 0) {
    const heading = messages.length === 1 ? "1 configuration problem" : `${messages.length} configuration problems`;
    throw new Error(`${heading}, nothing was changed:\n  - ${messages.join("\n  - ")}`);
  }
  return settings;
}
