import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULTS } from "../../src/config";
import { BUILD_DIGEST, runFailingProgram, runProgram, TYPES } from "./harness";
import { projectDeclarations, stackConfig } from "./project-files";

describe("project and stack configuration", () => {
  test("every key in Pulumi.yaml has a type, a description and the program's default", () => {
    const declared = projectDeclarations();
    assert.deepEqual(Object.keys(declared).sort(), [...Object.keys(DEFAULTS), "registryToken"].sort());
    for (const [key, declaration] of Object.entries(declared)) {
      assert.match(declaration.type ?? "", /^(string|integer|boolean)$/, `${key} has no type`);
      assert.ok(declaration.description, `${key} has no description`);
      const expected = key === "registryToken" ? "" : DEFAULTS[key as keyof typeof DEFAULTS];
      assert.equal(declaration.default, expected, `${key} defaults differ`);
    }
  });

  test("the stack files only set declared keys", () => {
    const declared = Object.keys(projectDeclarations());
    for (const stack of ["dev", "prod"]) {
      for (const key of Object.keys(stackConfig(stack))) {
        assert.ok(declared.includes(key), `Pulumi.${stack}.yaml sets undeclared ${key}`);
      }
    }
  });

  test("the dev stack serves a local dev image on 127.0.0.1:8080 as nginx-site-dev", async () => {
    const run = await runProgram(stackConfig("dev"));
    assert.equal(run.one(TYPES.build).inputs.push, false);
    assert.deepEqual(run.one(TYPES.build).inputs.tags, ["nginx-site:dev"]);
    assert.deepEqual(run.one(TYPES.container).inputs.ports, [{ internal: 8080, external: 8080, ip: "127.0.0.1" }]);
    assert.equal(run.outputs.containerName, "nginx-site-dev");
  });

  test("the prod stack without the operator's repository, user and token fails naming all three", async () => {
    const { error, siteResources } = await runFailingProgram(stackConfig("prod"));
    assert.match(error.message, /^3 configuration problems/);
    assert.match(error.message, /nginx-site:imageRepository is "nginx-site"; pushing needs the registry and your namespace in it: set it to docker\.io\/<user>\/nginx-site\./);
    assert.match(error.message, /nginx-site:registryUsername is empty/);
    assert.match(error.message, /nginx-site:registryToken is not set/);
    assert.deepEqual(siteResources, []);
  });

  test("the prod stack with them pushes to Docker Hub and serves on every interface", async () => {
    const run = await runProgram({
      ...stackConfig("prod"),
      imageRepository: "docker.io/alice/nginx-site",
      registryUsername: "alice",
      registryToken: "dckr_pat_example",
    });
    assert.equal(run.one(TYPES.build).inputs.push, true);
    assert.deepEqual(run.one(TYPES.container).inputs.ports, [{ internal: 8080, external: 80, ip: "0.0.0.0" }]);
    assert.equal(run.outputs.imageRef, `docker.io/alice/nginx-site:prod@${BUILD_DIGEST}`);
    assert.equal(run.outputs.url, "http://127.0.0.1:80/");
  });
});
