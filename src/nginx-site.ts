// The site as one unit: build the nginx image, optionally push it, resolve it to an immutable ID and
// run a hardened container from that ID.
import * as docker from "@pulumi/docker";
import * as dockerBuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import {
  capabilitiesFor,
  commandFor,
  HEALTHCHECK,
  HEALTHY_TIMEOUT_SECONDS,
  logOptsFor,
  logVolumesFor,
  securityOptsFor,
  STOP_GRACE_SECONDS,
  tmpfsFor,
} from "./container-hardening";
import { SITE_PORT } from "./image-contract";

export interface NginxSiteArgs {
  /** The build context: the repository root, holding nginx/Dockerfile and site/. */
  sourceDir: pulumi.Input<string>;
  /** Base image for the Dockerfile's BASE_IMAGE argument, pinned by digest. */
  baseImage: pulumi.Input<string>;
  /** Label values for the image; they must not change between runs unless the sources do. */
  imageVersion: pulumi.Input<string>;
  imageRevision: pulumi.Input<string>;
  imageCreated: pulumi.Input<string>;
  imageSource: pulumi.Input<string>;
  imageRepository: pulumi.Input<string>;
  imageTag: pulumi.Input<string>;
  /** Push to the registry and run the pushed digest, instead of loading the image into the local daemon. */
  push: pulumi.Input<boolean>;
  registryServer: pulumi.Input<string>;
  registryUsername: pulumi.Input<string>;
  /** Only read when pushing; pass it as a secret. */
  registryToken?: pulumi.Input<string>;
  /** Docker daemon address; left out, the providers use DOCKER_HOST or the default socket. */
  dockerHost?: pulumi.Input<string>;
  containerName: pulumi.Input<string>;
  hostPort: pulumi.Input<number>;
  hostAddress: pulumi.Input<string>;
  restartPolicy: pulumi.Input<string>;
  memoryMb: pulumi.Input<number>;
  cpuShares: pulumi.Input<number>;
  readOnlyRootFilesystem: pulumi.Input<boolean>;
  dropAllCapabilities: pulumi.Input<boolean>;
  noNewPrivileges: pulumi.Input<boolean>;
  logMaxSize: pulumi.Input<string>;
  logMaxFiles: pulumi.Input<number>;
  /** Host directory for nginx log files; left out, logs go to `docker logs` only. */
  hostLogDirectory?: pulumi.Input<string>;
}

/** A URL a browser on this machine can open: a wildcard bind is reached through loopback. */
function siteUrl(hostAddress: string, hostPort: number): string {
  const host = hostAddress === "0.0.0.0" ? "127.0.0.1" : hostAddress === "::" ? "::1" : hostAddress;
  return `http://${host.includes(":") ? `[${host}]` : host}:${hostPort}/`;
}

export class NginxSite extends pulumi.ComponentResource {
  /** Where the site answers. */
  readonly url: pulumi.Output<string>;
  /** The exact image the container runs: repo:tag@digest when pushed, the local image ID otherwise. */
  readonly imageRef: pulumi.Output<string>;
  /** The digest BuildKit reported for the build. */
  readonly digest: pulumi.Output<string>;
  readonly containerName: pulumi.Output<string>;
  readonly containerId: pulumi.Output<string>;

  constructor(name: string, args: NginxSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super("nginx-site:index:Site", name, {}, opts);

    const push = pulumi.output(args.push);
    const taggedName = pulumi.interpolate`${args.imageRepository}:${args.imageTag}`;

    // Credentials exist only for a push; the token stays a secret on its way to both providers.
    const registries = pulumi
      .all([push, args.registryServer, args.registryUsername, args.registryToken])
      .apply(([pushing, address, username, password]) => (pushing ? [{ address, username, password: password ?? "" }] : []));

    // Explicit, so the build goes to the stack's Docker host: the same daemon that runs the container.
    const buildProvider = new dockerBuild.Provider(`${name}-docker-build`, { host: args.dockerHost }, { parent: this });

    // Runs the container on the same daemon, and can pull the pushed digest with the registry credentials.
    const dockerProvider = new docker.Provider(
      `${name}-docker`,
      { host: args.dockerHost, registryAuth: registries },
      { parent: this },
    );

    // The site's image, built from nginx/Dockerfile; loaded into the daemon, or pushed when asked to.
    const image = new dockerBuild.Image(
      `${name}-build`,
      {
        context: { location: args.sourceDir },
        dockerfile: { location: pulumi.interpolate`${args.sourceDir}/nginx/Dockerfile` },
        buildArgs: {
          BASE_IMAGE: args.baseImage,
          IMAGE_VERSION: args.imageVersion,
          IMAGE_REVISION: args.imageRevision,
          IMAGE_CREATED: args.imageCreated,
          IMAGE_SOURCE: args.imageSource,
        },
        tags: [taggedName],
        push,
        load: push.apply((pushing) => !pushing),
        registries,
        // A broken Dockerfile or site then fails at preview; previews never push.
        buildOnPreview: true,
      },
      // A published tag may already be pulled by others, so destroy leaves registries alone; the
      // built image stays in the local daemon too, as it would after `docker build`.
      { parent: this, provider: buildProvider, retainOnDelete: true },
    );

    const pushedRef = pulumi.interpolate`${taggedName}@${image.digest}`;

    // Pins the built image to an immutable ID: a new build digest replaces this resource, and with it
    // the container, while an unchanged build leaves both alone.
    const runnable = new docker.RemoteImage(
      `${name}-image`,
      {
        // The pushed digest is pulled from the registry; a local build is found under its tag, never pulled.
        name: pulumi.all([push, pushedRef, taggedName]).apply(([pushing, pushed, tagged]) => (pushing ? pushed : tagged)),
        triggers: { buildDigest: image.digest },
        // A local image is the build's; a copy pulled from the registry is ours to remove on destroy.
        keepLocally: push.apply((pushing) => !pushing),
      },
      { parent: this, provider: dockerProvider },
    );

    // The site itself. Its image is the ID rather than a name because Docker records the ID, so a name
    // would read as drift on every refresh and a moved tag would go unnoticed.
    const container = new docker.Container(
      `${name}-container`,
      {
        name: args.containerName,
        image: runnable.imageId,
        ports: [{ internal: SITE_PORT, external: args.hostPort, ip: args.hostAddress }],
        restart: args.restartPolicy,
        healthcheck: HEALTHCHECK,
        wait: true,
        waitTimeout: HEALTHY_TIMEOUT_SECONDS,
        memory: args.memoryMb,
        cpuShares: args.cpuShares,
        readOnly: args.readOnlyRootFilesystem,
        tmpfs: pulumi.output(args.readOnlyRootFilesystem).apply(tmpfsFor),
        capabilities: pulumi.output(args.dropAllCapabilities).apply(capabilitiesFor),
        securityOpts: pulumi.output(args.noNewPrivileges).apply(securityOptsFor),
        logDriver: "json-file",
        logOpts: pulumi.all([args.logMaxSize, args.logMaxFiles]).apply(([size, files]) => logOptsFor(size, files)),
        volumes: pulumi.output(args.hostLogDirectory).apply(logVolumesFor),
        command: pulumi.output(args.hostLogDirectory).apply(commandFor),
        destroyGraceSeconds: STOP_GRACE_SECONDS,
      },
      // A fixed container name and host port cannot exist twice, so the old container must go first.
      { parent: this, provider: dockerProvider, deleteBeforeReplace: true },
    );

    this.url = pulumi.all([args.hostAddress, args.hostPort]).apply(([address, port]) => siteUrl(address, port));
    // A local image has no registry digest; its ID is what `docker run` and `docker image inspect` accept.
    this.imageRef = pulumi
      .all([push, pushedRef, runnable.imageId])
      .apply(([pushing, pushed, imageId]) => (pushing ? pushed : imageId));
    this.digest = image.digest;
    this.containerName = container.name;
    this.containerId = container.id;

    this.registerOutputs({
      url: this.url,
      imageRef: this.imageRef,
      digest: this.digest,
      containerName: this.containerName,
      containerId: this.containerId,
    });
  }
}
