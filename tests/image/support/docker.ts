import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a program with an argument vector (never a shell string) and returns its output. */
export async function run(
  program: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const { stdout, stderr } = await execFileAsync(program, [...args], {
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, stderr };
}

/** Runs the docker CLI and returns its trimmed standard output. */
export async function docker(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  return (await run("docker", args, options)).stdout.trim();
}

/** Like docker(), but a non-zero exit yields null instead of an exception. */
export async function dockerOrNull(args: readonly string[]): Promise<string | null> {
  try {
    return await docker(args);
  } catch {
    return null;
  }
}

/** Reads one Go-template field of `docker inspect`, e.g. "{{.State.Health.Status}}". */
export async function inspectField(target: string, template: string): Promise<string> {
  return docker(["inspect", "--format", template, target]);
}

/** Parses the full `docker inspect` document of one object. */
export async function inspectJson<T>(target: string): Promise<T> {
  const [doc] = JSON.parse(await docker(["inspect", target])) as T[];
  if (doc === undefined) {
    throw new Error(`docker inspect returned nothing for ${target}`);
  }
  return doc;
}
