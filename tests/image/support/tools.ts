import { accessSync, constants } from "node:fs";
import path from "node:path";

/** Full path of an executable on PATH, or undefined; optional tools turn into skipped tests, not failures. */
export function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const found = executableAt(path.join(dir, program));
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** An executable file at `candidate`, or undefined. */
export function executableAt(candidate: string | undefined): string | undefined {
  if (candidate === undefined || candidate === "") {
    return undefined;
  }
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return undefined;
  }
}
