import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./image";

async function configFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return configFiles(full);
      }
      return Promise.resolve(entry.name.endsWith(".conf") ? [full] : []);
    }),
  );
  return nested.flat();
}

/**
 * The value of a directive as written in the repository's nginx configuration, so tests that
 * depend on a limit follow it when it changes. Fails if the directive is absent or set twice.
 */
export async function nginxDirective(name: string): Promise<string> {
  const values: string[] = [];
  for (const file of await configFiles(path.join(repoRoot, "nginx"))) {
    const text = await readFile(file, "utf8");
    for (const match of text.matchAll(new RegExp(`^\\s*${name}\\s+([^;#]+);`, "gm"))) {
      values.push((match[1] ?? "").trim());
    }
  }
  if (values.length !== 1) {
    throw new Error(`expected one ${name} directive under nginx/, found ${values.length}`);
  }
  return values[0] as string;
}

/** Converts an nginx time such as "10s", "500ms" or "1m" to milliseconds. */
export function nginxTimeMs(value: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(value);
  if (!match) {
    throw new Error(`unsupported nginx time: ${value}`);
  }
  const factor = { ms: 1, s: 1000, m: 60_000 }[(match[2] ?? "s") as "ms" | "s" | "m"];
  return Number(match[1]) * factor;
}
