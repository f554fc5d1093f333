import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { BUILD_DIGEST, IMAGE_ID, plain, Run, runProgram, TYPES } from "./harness";

describe("a local stack with the defaults", () => {
  let run: Run;
  before(async () => {
    run = await runProgram({});
  });
  const build = () => run.one(TYPES.build).inputs;
  const image = () => run.one(TYPES.image).inputs;
  const container = () => run.one(TYPES.container).inputs;

  test("the program creates exactly the site's resources", () => {
    assert.deepEqual(run.resources.map((resource) => resource.type).sort(), Object.values(TYPES).sort());
  });

  test("child resources are named after the component", () => {
    const children = run.resources.filter((resource) => resource.type !== TYPES.stack && resource.type !== TYPES.site);
    assert.deepEqual(children.map((resource) => resource.name).sort(), [
      "site-build",
      "site-container",
      "site-docker",
      "site-docker-build",
      "site-image",
    ]);
    assert.equal(run.one(TYPES.site).name, "site");
  });

  test("every child resource is parented to the site component", () => {
    const children = run.urns.filter((urn) => !urn.endsWith("::site") && !urn.endsWith("::nginx-site-test"));
    assert.equal(children.length, 5);
    for (const urn of children) {
      assert.match(urn, /::nginx-site:index:Site\$[^$:]+:[^$]+::site-/);
    }
  });

  test("the image is built from nginx/Dockerfile with the repository root as context", () => {
    assert.deepEqual(build().context, { location: "." });
    assert.deepEqual(build().dockerfile, { location: "./nginx/Dockerfile" });
    assert.deepEqual(build().tags, ["nginx-site:latest"]);
  });

  test("the build gets the pinned base image and source-derived labels, never a secret", () => {
    assert.equal(
      build().buildArgs.BASE_IMAGE,
      "nginx:1.30.4-alpine-slim@sha256:cc6010a6ce4e6262953eeaf61ee809fa9a59f4832609eb2dc92aec8e46a42653",
    );
    assert.equal(build().buildArgs.IMAGE_VERSION, "1.0.0");
    assert.match(build().buildArgs.IMAGE_REVISION, /^([0-9a-f]{12}|unknown)(-dirty)?$/);
    assert.match(build().buildArgs.IMAGE_CREATED, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(build().buildArgs.IMAGE_SOURCE, /^(https:\/\/\S+|unknown)$/);
    assert.deepEqual(Object.keys(build().buildArgs).sort(), ["BASE_IMAGE", "IMAGE_CREATED", "IMAGE_REVISION", "IMAGE_SOURCE", "IMAGE_VERSION"]);
  });

  test("without push the image is loaded into the local daemon and no credentials are passed", () => {
    assert.equal(build().push, false);
    assert.equal(build().load, true);
    assert.deepEqual(build().registries, []);
    assert.deepEqual(JSON.parse(run.one(TYPES.dockerProvider).inputs.registryAuth), []);
  });

  test("the local image is resolved to its image ID so a rebuild replaces the container", () => {
    assert.equal(image().name, "nginx-site:latest");
    assert.deepEqual(image().triggers, { buildDigest: BUILD_DIGEST });
    assert.equal(image().keepLocally, true);
    assert.equal(container().image, IMAGE_ID);
  });

  test("the container maps host port 8080 on 127.0.0.1 to the site's port 8080", () => {
    assert.deepEqual(container().ports, [{ internal: 8080, external: 8080, ip: "127.0.0.1" }]);
  });

  test("up waits for the container to turn healthy, probed every 5 s at /healthz", () => {
    assert.equal(container().wait, true);
    assert.equal(container().waitTimeout, 60);
    assert.deepEqual(container().healthcheck, {
      tests: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"],
      interval: "5s",
      timeout: "3s",
      retries: 3,
      startPeriod: "10s",
    });
  });

  test("the container is hardened: read-only root with a small /tmp, no capabilities, no new privileges", () => {
    assert.equal(container().readOnly, true);
    assert.deepEqual(container().tmpfs, { "/tmp": "rw,noexec,nosuid,size=16m" });
    assert.deepEqual(container().capabilities, { drops: ["ALL"] });
    assert.deepEqual(container().securityOpts, ["no-new-privileges:true"]);
  });

  test("the container is limited and restarted as configured, with a rotated json-file log", () => {
    assert.equal(container().name, "nginx-site");
    assert.equal(container().restart, "unless-stopped");
    assert.equal(container().memory, 64);
    assert.equal(container().cpuShares, 512);
    assert.equal(container().logDriver, "json-file");
    assert.deepEqual(container().logOpts, { "max-size": "10m", "max-file": "3" });
    assert.deepEqual(container().volumes, []);
    assert.equal(container().command, undefined);
    assert.equal(container().destroyGraceSeconds, 10);
  });

  test("no Docker host is forced on the providers, so DOCKER_HOST or the default socket applies", () => {
    assert.equal(run.one(TYPES.dockerProvider).inputs.host, undefined);
    assert.equal(plain(run.one(TYPES.buildProvider).inputs.host), process.env.DOCKER_HOST ?? "");
  });

  test("the stack exports the URL, the image ID, the build digest and the container name", () => {
    assert.deepEqual(run.outputs, {
      url: "http://127.0.0.1:8080/",
      imageRef: IMAGE_ID,
      digest: BUILD_DIGEST,
      containerName: "nginx-site",
    });
  });
});

describe("a local stack with its own settings", () => {
  let run: Run;
  before(async () => {
    run = await runProgram({
      hostPort: "9090",
      hostAddress: "0.0.0.0",
      containerName: "nginx-site-dev",
      imageTag: "dev",
      restartPolicy: "on-failure",
      memoryMb: "128",
      cpuShares: "256",
      readOnlyRootFilesystem: "false",
      dropAllCapabilities: "false",
      noNewPrivileges: "false",
      logMaxSize: "1m",
      logMaxFiles: "5",
      hostLogDirectory: "/var/log/nginx-site",
      dockerHost: "tcp://127.0.0.1:2375",
    });
  });
  const container = () => run.one(TYPES.container).inputs;

  test("the port, bind address, name, limits and log rotation follow the config", () => {
    assert.deepEqual(container().ports, [{ internal: 8080, external: 9090, ip: "0.0.0.0" }]);
    assert.equal(container().name, "nginx-site-dev");
    assert.equal(container().restart, "on-failure");
    assert.equal(container().memory, 128);
    assert.equal(container().cpuShares, 256);
    assert.deepEqual(container().logOpts, { "max-size": "1m", "max-file": "5" });
    assert.deepEqual(run.one(TYPES.build).inputs.tags, ["nginx-site:dev"]);
  });

  test("each hardening switch can be turned off", () => {
    assert.equal(container().readOnly, false);
    assert.equal(container().tmpfs, undefined);
    assert.equal(container().capabilities, undefined);
    assert.deepEqual(container().securityOpts, []);
  });

  test("a host log directory is mounted where the image writes its log files", () => {
    assert.deepEqual(container().volumes, [{ hostPath: "/var/log/nginx-site", containerPath: "/var/log/nginx-host" }]);
    assert.deepEqual(container().command, ["nginx", "-c", "/etc/nginx/nginx-host-logs.conf", "-g", "daemon off;"]);
  });

  test("both providers talk to the configured Docker host", () => {
    assert.equal(run.one(TYPES.dockerProvider).inputs.host, "tcp://127.0.0.1:2375");
    assert.equal(run.one(TYPES.buildProvider).inputs.host, "tcp://127.0.0.1:2375");
  });

  test("a site bound to every interface is still linked through loopback", () => {
    assert.equal(run.outputs.url, "http://127.0.0.1:9090/");
    assert.equal(run.outputs.containerName, "nginx-site-dev");
  });
});

describe("an IPv6 bind address", () => {
  let run: Run;
  before(async () => {
    run = await runProgram({ hostAddress: "::1" });
  });

  test("the URL puts the address in brackets", () => {
    assert.equal(run.outputs.url, "http://[::1]:8080/");
  });
});
