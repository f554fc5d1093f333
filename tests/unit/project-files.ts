// Reads the project's Pulumi.yaml declarations and stack files. They are flat and written by us, so a
// line reader is enough; a shape it does not know fails the tests that use it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

function scalar(text: string): string {
  const value = text.trim();
  return value.startsWith('"') ? (JSON.parse(value) as string) : value;
}

export interface Declaration {
  type?: string;
  description?: string;
  default?: string;
}

/** The `config:` declarations of Pulumi.yaml, by key. */
export function projectDeclarations(): Record<string, Declaration> {
  const declarations: Record<string, Declaration> = {};
  let current: Declaration | undefined;
  let inConfig = false;
  for (const line of readFileSync(join(root, "Pulumi.yaml"), "utf8").split("\n")) {
    if (/^\S/.test(line)) {
      inConfig = line === "config:";
      continue;
    }
    const key = /^ {2}(\w+):$/.exec(line);
    const property = /^ {4}(type|description|default): (.*)$/.exec(line);
    if (inConfig && key) {
      current = declarations[key[1]] = {};
    } else if (inConfig && property && current) {
      current[property[1] as keyof Declaration] = scalar(property[2]);
    }
  }
  return declarations;
}

/** A stack file's values, keyed without the project prefix, as the unit test harness takes them. */
export function stackConfig(stack: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8").split("\n")) {
    const entry = /^ {2}nginx-site:(\w+): (.*)$/.exec(line);
    if (entry) {
      values[entry[1]] = scalar(entry[2]);
    }
  }
  return values;
}
