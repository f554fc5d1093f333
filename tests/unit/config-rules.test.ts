import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULTS } from "../../src/config";
import { checkConfig, RawConfig } from "../../src/config-rules";

/** The error message checkConfig throws for the defaults with these changes, or "" when it accepts them. */
function problemsWith(changes: Partial<RawConfig>, tokenGiven = false): string {
  try {
    checkConfig({ ...DEFAULTS, ...changes }, tokenGiven);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

const pushing: Partial<RawConfig> = {
  push: "true",
  imageRepository: "docker.io/alice/nginx-site",
  registryUsername: "alice",
};

describe("configuration rules", () => {
  test("the defaults are a valid local stack", () => {
    const settings = checkConfig(DEFAULTS, false);
    assert.equal(settings.hostPort, 8080);
    assert.equal(settings.push, false);
    assert.equal(settings.memoryMb, 64);
    assert.equal(settings.readOnlyRootFilesystem, true);
  });

  test("a port of 70000 is rejected naming the key, the value and the range", () => {
    assert.match(problemsWith({ hostPort: "70000" }), /nginx-site:hostPort is 70000; expected an integer from 1 to 65535\./);
  });

  test("ports 0, 8080.5 and text are rejected; 1 and 65535 are accepted", () => {
    assert.match(problemsWith({ hostPort: "0" }), /hostPort is 0;/);
    assert.match(problemsWith({ hostPort: "8080.5" }), /hostPort is 8080\.5;/);
    assert.match(problemsWith({ hostPort: "http" }), /hostPort is "http";/);
    assert.equal(problemsWith({ hostPort: "1" }), "");
    assert.equal(problemsWith({ hostPort: "65535" }), "");
  });

  test("a repository outside the reference grammar is rejected with an example of a good one", () => {
    const message = problemsWith({ imageRepository: "Alice/Site" });
    assert.match(message, /nginx-site:imageRepository is "Alice\/Site"; expected lowercase path components/);
    assert.match(message, /docker\.io\/<user>\/nginx-site/);
  });

  test("a tag outside [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} is rejected", () => {
    assert.match(problemsWith({ imageTag: "-dev" }), /nginx-site:imageTag is "-dev";/);
    assert.match(problemsWith({ imageTag: "a".repeat(129) }), /nginx-site:imageTag is "a{129}";/);
    assert.equal(problemsWith({ imageTag: "1.0.0_rc-1" }), "");
  });

  test("a push without a registry token names the command that sets it", () => {
    assert.match(
      problemsWith(pushing, false),
      /nginx-site:registryToken is not set; pushing needs a registry access token: pulumi config set --secret registryToken <token>\./,
    );
    assert.equal(problemsWith(pushing, true), "");
  });

  test("a push without a registry user is rejected", () => {
    assert.match(problemsWith({ ...pushing, registryUsername: "" }, true), /nginx-site:registryUsername is empty; pushing needs the registry user/);
  });

  test("a push of a repository without a namespace says to use docker.io/<user>/<repo>", () => {
    assert.match(
      problemsWith({ ...pushing, imageRepository: "nginx-site" }, true),
      /nginx-site:imageRepository is "nginx-site"; pushing needs the registry and your namespace in it: set it to docker\.io\/alice\/nginx-site\./,
    );
  });

  test("a push to a registry other than registryServer is rejected", () => {
    assert.match(
      problemsWith({ ...pushing, imageRepository: "localhost:5000/team/nginx-site" }, true),
      /nginx-site:registryServer is "docker\.io"; expected localhost:5000, the registry of nginx-site:imageRepository/,
    );
    assert.equal(
      problemsWith({ ...pushing, imageRepository: "localhost:5000/team/nginx-site", registryServer: "localhost:5000" }, true),
      "",
    );
  });

  test("an unknown restart policy is rejected with the accepted ones listed", () => {
    assert.match(
      problemsWith({ restartPolicy: "sometimes" }),
      /nginx-site:restartPolicy is "sometimes"; expected one of no, on-failure, always, unless-stopped\./,
    );
  });

  test("memory below Docker's 6 MB floor, or not a number, is rejected", () => {
    assert.match(problemsWith({ memoryMb: "5" }), /nginx-site:memoryMb is 5; expected an integer of at least 6\./);
    assert.match(problemsWith({ memoryMb: "64MB" }), /nginx-site:memoryMb is "64MB";/);
    assert.equal(problemsWith({ memoryMb: "6" }), "");
  });

  test("cpu shares below 2 and fewer than one log file are rejected", () => {
    assert.match(problemsWith({ cpuShares: "1" }), /nginx-site:cpuShares is 1; expected an integer from 2 to 262144\./);
    assert.match(problemsWith({ logMaxFiles: "0" }), /nginx-site:logMaxFiles is 0; expected an integer of at least 1\./);
  });

  test("an empty or malformed base image is rejected", () => {
    assert.match(problemsWith({ baseImage: "" }), /nginx-site:baseImage is empty; expected an image reference/);
    assert.match(problemsWith({ baseImage: "nginx@sha256:short" }), /nginx-site:baseImage is "nginx@sha256:short";/);
  });

  test("a host address must be an IP literal", () => {
    assert.match(problemsWith({ hostAddress: "localhost" }), /nginx-site:hostAddress is "localhost"; expected an IPv4 or IPv6 address/);
    assert.equal(problemsWith({ hostAddress: "0.0.0.0" }), "");
    assert.equal(problemsWith({ hostAddress: "::1" }), "");
  });

  test("booleans, log size, container name, log directory and docker host are checked", () => {
    assert.match(problemsWith({ push: "yes" }), /nginx-site:push is "yes"; expected true or false\./);
    assert.match(problemsWith({ logMaxSize: "10MB" }), /nginx-site:logMaxSize is "10MB";/);
    assert.match(problemsWith({ containerName: "-site" }), /nginx-site:containerName is "-site";/);
    assert.match(problemsWith({ hostLogDirectory: "logs" }), /nginx-site:hostLogDirectory is "logs"; expected an absolute host path/);
    assert.match(problemsWith({ dockerHost: "/var/run/docker.sock" }), /nginx-site:dockerHost is "\/var\/run\/docker\.sock"; expected unix:\/\/\//);
    assert.equal(problemsWith({ dockerHost: "tcp://127.0.0.1:2375", hostLogDirectory: "/var/log/site" }), "");
  });

  test("several problems are reported together in one error", () => {
    const message = problemsWith({ hostPort: "70000", imageTag: "bad tag", restartPolicy: "never", push: "true" });
    assert.match(message, /^\d+ configuration problems, nothing was changed:/);
    for (const key of ["hostPort", "imageTag", "restartPolicy", "registryUsername", "registryToken", "imageRepository"]) {
      assert.match(message, new RegExp(`- nginx-site:${key} `), `missing ${key} in:\n${message}`);
    }
  });
});
