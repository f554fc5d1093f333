// The image name grammar of the distribution "reference" spec, checked here so a bad name fails at
// preview with our own message instead of halfway through a build or a push.

const alphaNumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|-+)";
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6Host = "\\[[a-fA-F0-9:]+\\]";
const domain = `(?:${domainName}|${ipv6Host})(?::[0-9]+)?`;

const repositoryPattern = new RegExp(`^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*$`);
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The spec caps a full repository name at 255 characters. */
const maxRepositoryLength = 255;

/** Docker Hub answers to several host names; credentials and names must agree on one. */
const dockerHubAliases = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

export function isRepository(name: string): boolean {
  return name.length <= maxRepositoryLength && repositoryPattern.test(name);
}

export function isTag(tag: string): boolean {
  return tagPattern.test(tag);
}

/**
 * Splits a repository into the registry it lives on and its path, the way the Docker CLI does: the
 * first component is a registry only if it looks like a host (has a dot or a port, or is localhost).
 */
export function splitRepository(name: string): { registry: string; path: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (first !== "" && (first.includes(".") || first.includes(":") || first === "localhost")) {
    return { registry: normalizeRegistry(first), path: name.slice(slash + 1) };
  }
  return { registry: "docker.io", path: name };
}

/** Maps the Docker Hub aliases and an https:// prefix onto one spelling so two addresses compare. */
export function normalizeRegistry(address: string): string {
  const host = address.replace(/^https?:\/\//, "").replace(/\/.*$/, "").toLowerCase();
  return dockerHubAliases.has(host) ? "docker.io" : host;
}

const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** A full image reference: repository, then an optional :tag, then an optional @digest. */
export function isImageReference(reference: string): boolean {
  const at = reference.indexOf("@");
  const nameAndTag = at === -1 ? reference : reference.slice(0, at);
  if (at !== -1 && !digestPattern.test(reference.slice(at + 1))) {
    return false;
  }
  const colon = nameAndTag.lastIndexOf(":");
  const hasTag = colon > nameAndTag.lastIndexOf("/");
  if (!hasTag) {
    return isRepository(nameAndTag);
  }
  return isRepository(nameAndTag.slice(0, colon)) && isTag(nameAndTag.slice(colon + 1));
}
