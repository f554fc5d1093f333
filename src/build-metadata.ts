// The version, revision and creation time baked into the image's labels. They come from the sources,
// never from the clock, so a second `pulumi up` with nothing changed passes the same build args and
// proposes no rebuild.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The folders that make up the image; a change anywhere else must not move its labels. */
const IMAGE_SOURCES = ["site", "nginx"];

/** Used when there is no commit and no file to take a time from, so the value still never changes. */
const EPOCH = "1970-01-01T00:00:00Z";

export interface BuildMetadata {
  imageVersion: string;
  imageRevision: string;
  imageCreated: string;
  /** Where the sources live, for the org.opencontainers.image.source label. */
  imageSource: string;
}

/** The outside world the metadata is read from, injected so the rules below can be tested. */
export interface SourceAccess {
  /** Runs git with these arguments; undefined when git fails, e.g. outside a checkout. */
  git(args: string[]): string | undefined;
  /** The newest modification time of any file under these folders, if there is one. */
  newestModification(folders: string[]): Date | undefined;
}

function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A clean checkout is described by the last commit that touched the image sources. Uncommitted edits
 * (or no git at all) fall back to the newest file time, which still changes only when a file does.
 */
export function describeSources(access: SourceAccess): { imageRevision: string; imageCreated: string } {
  const commit = access.git(["log", "-1", "--format=%H %cI", "--", ...IMAGE_SOURCES]) ?? "";
  const [hash, committed] = commit.split(" ");
  const status = access.git(["status", "--porcelain", "--", ...IMAGE_SOURCES]);
  const dirty = status !== undefined && status !== "";
  const revision = hash ? hash.slice(0, 12) : "unknown";

  if (hash && committed && !dirty) {
    return { imageRevision: revision, imageCreated: isoSeconds(new Date(committed)) };
  }
  const newest = access.newestModification(IMAGE_SOURCES);
  return {
    imageRevision: dirty ? `${revision}-dirty` : revision,
    imageCreated: newest ? isoSeconds(newest) : EPOCH,
  };
}

/**
 * The checkout's origin as a browsable https URL. Credentials that a remote URL may carry are dropped:
 * the label is public, and so is every other build argument.
 */
export function sourceUrl(access: SourceAccess): string {
  const remote = access.git(["remote", "get-url", "origin"]);
  if (!remote) {
    return "unknown";
  }
  const scpLike = /^[\w.-]+@([\w.-]+):(.+)$/.exec(remote);
  const candidate = scpLike ? `https://${scpLike[1]}/${scpLike[2]}` : remote;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "https:" && url.protocol !== "http:" && url.protocol !== "ssh:") {
      return "unknown";
    }
    return `https://${url.host}${url.pathname.replace(/\.git$/, "")}`;
  } catch {
    return "unknown";
  }
}

function newestUnder(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) {
    return 0;
  }
  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestUnder(join(path, entry))), 0);
}

/** Reads the sources under `root` with the real git and file system. */
export function localSources(root: string): SourceAccess {
  return {
    git(args) {
      try {
        return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      } catch {
        return undefined;
      }
    },
    newestModification(folders) {
      const newest = Math.max(0, ...folders.map((folder) => newestUnder(join(root, folder))));
      return newest > 0 ? new Date(Math.floor(newest / 1000) * 1000) : undefined;
    },
  };
}

export function readBuildMetadata(root: string, access: SourceAccess = localSources(root)): BuildMetadata {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  return { imageVersion: version, ...describeSources(access), imageSource: sourceUrl(access) };
}
