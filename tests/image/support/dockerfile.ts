import { readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./image";

/** The default value of an `ARG name=value` line in nginx/Dockerfile, or undefined when it has none. */
export async function defaultBuildArg(name: string): Promise<string | undefined> {
  const dockerfile = await readFile(path.join(repoRoot, "nginx/Dockerfile"), "utf8");
  const pattern = new RegExp(`^\\s*ARG\\s+${name}=("?)(\\S+)\\1\\s*$`, "m");
  return pattern.exec(dockerfile)?.[2];
}
