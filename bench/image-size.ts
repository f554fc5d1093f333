import { spawn } from "node:child_process";
import { createGzip } from "node:zlib";
import { inspectJson } from "../tests/image/support/docker";

interface ImageDoc {
  Size: number;
  RootFS: { Layers: string[] };
}

export interface ImageFigures {
  bytes: number;
  layers: number;
  gzipBytes: number;
}

/** `docker save | gzip` byte count: roughly what a registry stores and a pull transfers. */
function savedGzipBytes(image: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const save = spawn("docker", ["save", image], { stdio: ["ignore", "pipe", "inherit"] });
    const gzip = createGzip({ level: 6 });
    let bytes = 0;
    gzip.on("data", (chunk: Buffer) => (bytes += chunk.length));
    gzip.on("end", () => resolve(bytes));
    gzip.on("error", reject);
    save.on("error", reject);
    save.on("exit", (code) => code !== 0 && reject(new Error(`docker save ${image} exited with ${code}`)));
    save.stdout.pipe(gzip);
  });
}

export async function imageFigures(image: string): Promise<ImageFigures> {
  const doc = await inspectJson<ImageDoc>(image);
  return { bytes: doc.Size, layers: doc.RootFS.Layers.length, gzipBytes: await savedGzipBytes(image) };
}
