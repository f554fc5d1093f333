/**
 * Side-by-side benchmark: our image and configuration against the base image with its stock
 * configuration, measured in one run on one machine. Prints a markdown table and writes JSON to
 * bench/results/. Loopback only; every load run is bounded by its duration.
 *
 *   npm run bench                       BENCH_REPETITIONS=5 BENCH_SECONDS=10 npm run bench
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { request } from "../tests/image/support/http";
import { testImage } from "../tests/image/support/image";
import {
  assetNearTenKilobytes,
  extractDocumentRoot,
  idleMemoryBytes,
  removeBenchContainers,
  startOurs,
  startStock,
  startToHealthyMs,
} from "./containers";
import { imageFigures } from "./image-size";
import { handTypedSiteEdit } from "./site-edit";
import { ratio, repeat, spread, type Spread } from "./stats";
import { formatTable, type Row } from "./table";
import { wrk, type WrkRun } from "./wrk";

const repetitions = Number(process.env.BENCH_REPETITIONS ?? 3);
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 64;

async function serving(oursUrl: string, stockUrl: string, urlPath: string) {
  const ours: WrkRun[] = [];
  const stock: WrkRun[] = [];
  // Alternate the two so drift in the machine's load hits both alike.
  for (let i = 0; i < repetitions; i++) {
    ours.push(await wrk(`${oursUrl}${urlPath}`, loadSeconds, connections));
    stock.push(await wrk(`${stockUrl}${urlPath}`, loadSeconds, connections));
  }
  const pick = (runs: WrkRun[], key: keyof WrkRun): Spread => spread(runs.map((r) => r[key]));
  return {
    path: urlPath,
    bodyBytes: { ours: await bodyBytes(oursUrl, urlPath), stock: await bodyBytes(stockUrl, urlPath) },
    rps: { ours: pick(ours, "requestsPerSecond"), stock: pick(stock, "requestsPerSecond") },
    p99Ms: { ours: pick(ours, "p99Ms"), stock: pick(stock, "p99Ms") },
    bytesPerRequest: { ours: pick(ours, "bytesPerRequest"), stock: pick(stock, "bytesPerRequest") },
    errors: { ours: pick(ours, "errors"), stock: pick(stock, "errors") },
  };
}

/** The body alone, as a browser asking for gzip receives it: the wire figure less the headers. */
async function bodyBytes(baseUrl: string, urlPath: string): Promise<number> {
  const res = await request(baseUrl, urlPath, { headers: { "Accept-Encoding": "gzip" } });
  return Number(res.headers["content-length"]);
}

async function main(): Promise<void> {
  await removeBenchContainers();
  const image = await testImage();
  const [ours, base] = await Promise.all([imageFigures(image.tag), imageFigures(image.base)]);

  const htmlDir = await extractDocumentRoot(image.tag);
  const asset = await assetNearTenKilobytes(htmlDir);
  const oursRunning = await startOurs("nginx-site-bench-ours", image.tag);
  const stockRunning = await startStock("nginx-site-bench-stock", image.base, htmlDir);
  const load = [await serving(oursRunning.baseUrl, stockRunning.baseUrl, "/"), await serving(oursRunning.baseUrl, stockRunning.baseUrl, asset)];
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const memory = {
    ours: Math.round(await idleMemoryBytes(oursRunning.name)),
    stock: Math.round(await idleMemoryBytes(stockRunning.name)),
  };
  await removeBenchContainers();

  const startServing = {
    ours: await repeat(repetitions, async () => (await startOurs("nginx-site-bench-start", image.tag)).startToServingMs),
    stock: await repeat(repetitions, async () => (await startStock("nginx-site-bench-start", image.base, htmlDir)).startToServingMs),
  };
  const startHealthy = await repeat(repetitions, () => startToHealthyMs("nginx-site-bench-healthy", image.tag));
  await removeBenchContainers();
  const siteEdit = spread(await handTypedSiteEdit(image.base, repetitions));
  await rm(htmlDir, { recursive: true, force: true });

  const rows: Row[] = [
    { figure: "image size, uncompressed (bytes)", ours: ours.bytes, other: base.bytes, otherName: "base" },
    { figure: "bytes our layers add", ours: ours.bytes - base.bytes, other: 0, otherName: "base" },
    { figure: "layers (ours adds)", ours: ours.layers, other: base.layers, otherName: "base", note: `+${ours.layers - base.layers}` },
    { figure: "image size, docker save \\| gzip (bytes)", ours: ours.gzipBytes, other: base.gzipBytes, otherName: "base" },
    ...load.flatMap((l) => [
      { figure: `${l.path}: requests/s (median)`, ours: l.rps.ours.median, other: l.rps.stock.median, otherName: "stock", target: "≥ 1.0×" },
      { figure: `${l.path}: p99 latency ms (median)`, ours: l.p99Ms.ours.median, other: l.p99Ms.stock.median, otherName: "stock" },
      { figure: `${l.path}: bytes on the wire per response`, ours: l.bytesPerRequest.ours.median, other: l.bytesPerRequest.stock.median, otherName: "stock", target: "≤ 0.40×" },
      { figure: `${l.path}: body bytes per response`, ours: l.bodyBytes.ours, other: l.bodyBytes.stock, otherName: "stock", note: "the rest is headers" },
      { figure: `${l.path}: errors (max of runs)`, ours: Math.max(...l.errors.ours.runs), other: Math.max(...l.errors.stock.runs), otherName: "stock" },
    ]),
    { figure: "start → first 200, ms (min / median)", ours: startServing.ours.median, other: startServing.stock.median, otherName: "stock", note: `min ${startServing.ours.min} / ${startServing.stock.min}` },
    { figure: "start → healthy (1 s health interval), ms", ours: startHealthy.median, note: `min ${startHealthy.min}; stock has no healthcheck` },
    { figure: "idle memory (bytes)", ours: memory.ours, other: memory.stock, otherName: "stock" },
    { figure: "site edit by hand: build + rm -f + run → new text, ms", ours: siteEdit.median, note: `min ${siteEdit.min}; the pulumi up side needs the Pulumi CLI` },
  ];

  const table = formatTable(rows, { repetitions, loadSeconds, connections, base: image.base, asset });
  console.log(table);
  const resultsDir = path.join(__dirname, "results");
  await mkdir(resultsDir, { recursive: true });
  const json = { measuredAt: new Date().toISOString(), repetitions, loadSeconds, connections, base: image.base, asset,
    image: { ours, base }, load, memory, startServing, startHealthy, siteEdit, ratios: {
      rps: load.map((l) => ({ path: l.path, ratio: ratio(l.rps.ours.median, l.rps.stock.median) })),
      bytes: load.map((l) => ({ path: l.path, ratio: ratio(l.bytesPerRequest.ours.median, l.bytesPerRequest.stock.median) })),
    } };
  await writeFile(path.join(resultsDir, "latest.json"), `${JSON.stringify(json, null, 2)}\n`);
}

main().catch(async (error: unknown) => {
  await removeBenchContainers().catch(() => undefined);
  console.error(error);
  process.exitCode = 1;
});
