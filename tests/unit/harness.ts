// Runs the real program against Pulumi's mocks with a given stack configuration and records every
// resource it asks for. The mocks are strict: a resource type the site should not create, or any
// provider function call, fails the run.
import * as pulumi from "@pulumi/pulumi";
import type { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import program = require("../../index");
import type { DaemonCheck } from "../../src/docker-daemon";

export const BUILD_DIGEST = `sha256:${"a".repeat(64)}`;
export const IMAGE_ID = `sha256:${"b".repeat(64)}`;

export const TYPES = {
  stack: "pulumi:pulumi:Stack",
  site: "nginx-site:index:Site",
  dockerProvider: "pulumi:providers:docker",
  buildProvider: "pulumi:providers:docker-build",
  build: "docker-build:index:Image",
  image: "docker:index/remoteImage:RemoteImage",
  container: "docker:index/container:Container",
} as const;

export interface Recorded {
  type: string;
  name: string;
  // Mirrors pulumi.runtime.MockResourceArgs, whose inputs are untyped.
  inputs: Record<string, any>;
}

/** What the providers would compute; everything else echoes the inputs, as a real create does. */
function computedOutputs(type: string): Record<string, unknown> {
  switch (type) {
    case TYPES.build:
      return { digest: BUILD_DIGEST };
    case TYPES.image:
      return { imageId: IMAGE_ID, repoDigest: "" };
    default:
      return {};
  }
}

class StrictMocks implements pulumi.runtime.Mocks {
  readonly resources: Recorded[] = [];

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    if (!(Object.values(TYPES) as string[]).includes(args.type)) {
      throw new Error(`unexpected resource ${args.type} named ${args.name}`);
    }
    this.resources.push({ type: args.type, name: args.name, inputs: args.inputs });
    return { id: `${args.name}-id`, state: { ...args.inputs, ...computedOutputs(args.type) } };
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    throw new Error(`unexpected call to ${args.token}`);
  }
}

export interface Run {
  resources: Recorded[];
  /** The URNs the mock monitor minted; their type part names each resource's parent type. */
  urns: string[];
  outputs: Record<string, unknown>;
  /** The one recorded resource of this type; fails when there is none or more than one. */
  one(type: string): Recorded;
}

/** Unit tests have no Docker daemon; tests of the check itself pass their own. */
const daemonAnswers: DaemonCheck = async () => undefined;

/** Config keys are given without the project prefix, as `pulumi config set` takes them. */
async function configure(config: Record<string, string>, mocks: StrictMocks): Promise<void> {
  await pulumi.runtime.setMocks(mocks, "nginx-site", "test", false);
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([key, value]) => [`nginx-site:${key}`, value])),
  );
}

/** Runs the program the way the Pulumi CLI does: inside a root stack, with its return value as outputs. */
export async function runProgram(config: Record<string, string> = {}): Promise<Run> {
  const mocks = new StrictMocks();
  await configure(config, mocks);
  const outputs = (await pulumi.runtime.runInPulumiStack(() => program(daemonAnswers))) ?? {};
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
  return {
    resources: mocks.resources,
    urns: [...monitor.getRegisteredResources().keys()],
    outputs,
    one(type) {
      const matches = mocks.resources.filter((resource) => resource.type === type);
      if (matches.length !== 1) {
        throw new Error(`expected one ${type}, found ${matches.length}`);
      }
      return matches[0];
    },
  };
}

/**
 * Runs a program that must fail and returns its error with the site resources it had asked for.
 * The program is called without a root stack here: a stack would keep reporting the failure
 * after the test ends.
 */
export async function runFailingProgram(
  config: Record<string, string>,
  daemonCheck: DaemonCheck = daemonAnswers,
): Promise<{ error: Error; siteResources: Recorded[] }> {
  const mocks = new StrictMocks();
  await configure(config, mocks);
  try {
    await program(daemonCheck);
  } catch (error) {
    // Registrations travel to the mocks asynchronously; give any that were started time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { error: error as Error, siteResources: mocks.resources };
  }
  throw new Error("the program succeeded, but it was expected to fail");
}

export function isSecretValue(value: unknown): boolean {
  return pulumi.runtime.isRpcSecret(value);
}

export function plain<T = any>(value: unknown): T {
  return pulumi.runtime.unwrapRpcSecret(value) as T;
}
