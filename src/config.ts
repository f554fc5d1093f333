// Reads the stack configuration once, checks it, and shapes it into the site's arguments.
import * as pulumi from "@pulumi/pulumi";
import { checkConfig, CONFIG_NAMESPACE, RawConfig } from "./config-rules";
import type { NginxSiteArgs } from "./nginx-site";

/**
 * The same defaults as Pulumi.yaml. Pulumi applies those itself; these cover runs without the CLI,
 * such as the unit tests, which also check that both lists agree.
 */
export const DEFAULTS: RawConfig = {
  baseImage:
    "nginx:1.30.4-alpine-slim@sha256:cc6010a6ce4e6262953eeaf61ee809fa9a59f4832609eb2dc92aec8e46a42653",
  imageRepository: "nginx-site",
  imageTag: "latest",
  push: "false",
  registryServer: "docker.io",
  registryUsername: "",
  hostPort: "8080",
  hostAddress: "127.0.0.1",
  containerName: "nginx-site",
  restartPolicy: "unless-stopped",
  memoryMb: "64",
  cpuShares: "512",
  readOnlyRootFilesystem: "true",
  dropAllCapabilities: "true",
  noNewPrivileges: "true",
  logMaxSize: "10m",
  logMaxFiles: "3",
  hostLogDirectory: "",
  dockerHost: "",
};

/** The site's arguments that come from configuration; the build metadata and context are added by the caller. */
export type ConfiguredSiteArgs = Omit<NginxSiteArgs, "sourceDir" | "imageVersion" | "imageRevision" | "imageCreated" | "imageSource">;

export interface SiteConfig {
  /** Empty when the Docker default applies. */
  dockerHost: string;
  site: ConfiguredSiteArgs;
}

export function readConfig(config = new pulumi.Config(CONFIG_NAMESPACE)): SiteConfig {
  // Each key is read as text and parsed by the rules, so every bad value is reported in one go
  // instead of the first getNumber/getBoolean failure hiding the rest.
  const raw = Object.fromEntries(
    Object.entries(DEFAULTS).map(([key, fallback]) => [key, config.get(key) ?? fallback]),
  ) as unknown as RawConfig;

  // Only the token's presence is looked at here; its value travels on as a secret Output.
  const token = config.getSecret("registryToken");
  const settings = checkConfig(raw, (config.get("registryToken") ?? "") !== "");

  const { dockerHost, hostLogDirectory, ...site } = settings;
  return {
    dockerHost,
    site: {
      ...site,
      registryToken: token,
      dockerHost: dockerHost || undefined,
      hostLogDirectory: hostLogDirectory || undefined,
    },
  };
}
