import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { BUILD_DIGEST, IMAGE_ID, isSecretValue, plain, Run, runProgram, TYPES } from "./harness";

const prod = {
  push: "true",
  imageRepository: "docker.io/alice/nginx-site",
  imageTag: "prod",
  registryUsername: "alice",
  registryToken: "dckr_pat_example",
  containerName: "nginx-site-prod",
};

describe("a stack that pushes to Docker Hub", () => {
  let run: Run;
  before(async () => {
    run = await runProgram(prod);
  });
  const build = () => run.one(TYPES.build).inputs;
  const image = () => run.one(TYPES.image).inputs;
  const provider = () => run.one(TYPES.dockerProvider).inputs;

  test("the image is tagged with the full repository and pushed, not loaded", () => {
    assert.deepEqual(build().tags, ["docker.io/alice/nginx-site:prod"]);
    assert.equal(build().push, true);
    assert.equal(build().load, false);
  });

  test("the build logs in to the registry with the user and the token", () => {
    assert.deepEqual(plain(build().registries), [{ address: "docker.io", username: "alice", password: "dckr_pat_example" }]);
  });

  test("the docker provider gets the same credentials so it can pull the pushed digest", () => {
    assert.deepEqual(JSON.parse(plain(provider().registryAuth)), [
      { address: "docker.io", username: "alice", password: "dckr_pat_example" },
    ]);
  });

  test("the registry token stays a secret output", () => {
    assert.equal(isSecretValue(build().registries), true);
    assert.equal(isSecretValue(provider().registryAuth), true);
    assert.doesNotMatch(JSON.stringify(build().buildArgs), /dckr_pat_example/);
  });

  test("the container runs the pushed image by digest", () => {
    assert.equal(image().name, `docker.io/alice/nginx-site:prod@${BUILD_DIGEST}`);
    assert.equal(image().keepLocally, false);
    assert.equal(run.one(TYPES.container).inputs.image, IMAGE_ID);
  });

  test("the stack exports the pushed reference with its digest", () => {
    assert.equal(run.outputs.imageRef, `docker.io/alice/nginx-site:prod@${BUILD_DIGEST}`);
    assert.equal(run.outputs.digest, BUILD_DIGEST);
    assert.equal(run.outputs.containerName, "nginx-site-prod");
  });
});
