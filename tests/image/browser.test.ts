import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, watchProblems, type Browser, type PageProblems } from "./support/browser";
import { configuredHostname, removeSuiteContainers, startSiteContainer, type SiteContainer } from "./support/container";
import { repoRoot, testImage, type TestImage } from "./support/image";

const suite = "browser";
const screenshotPath = path.join(repoRoot, "test-artifacts/site.png");

interface LivePanel {
  version: string;
  revision: string;
  created: string;
  hostname: string;
}

interface Visit {
  page: Page;
  status: number | undefined;
  problems: PageProblems;
}

// True once site.js has replaced every "Loading…" placeholder of the panel with an answer.
const panelSettled = `(() => {
  const panel = document.getElementById("live");
  const values = panel ? [...panel.querySelectorAll("dd")].map((dd) => dd.textContent) : [];
  return !panel.hidden && values.length > 0 && values.every((v) => v && v !== panel.dataset.loading);
})()`;

describe("the site in a real browser (Chromium, image built on the stand-in base)", () => {
  let image: TestImage;
  let first: SiteContainer;
  let second: SiteContainer;
  let browser: Browser;

  before(async () => {
    await removeSuiteContainers(suite);
    image = await testImage();
    [first, second, browser] = await Promise.all([
      startSiteContainer(suite, image.tag, 0),
      startSiteContainer(suite, image.tag, 1),
      launchBrowser(),
    ]);
  }, { timeout: 300_000 });

  after(async () => {
    await browser?.close();
    await removeSuiteContainers(suite);
  });

  async function visit(url: string): Promise<Visit> {
    const page = await browser.context.newPage();
    const problems = await watchProblems(page);
    const response = await page.goto(url, { waitUntil: "load" });
    return { page, status: response?.status(), problems };
  }

  async function readPanel(page: Page): Promise<LivePanel> {
    await page.waitForFunction(panelSettled, undefined, { timeout: 10_000 });
    const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
    return {
      version: await text('[data-build="version"]'),
      revision: await text('[data-build="revision"]'),
      created: await text('[data-build="created"]'),
      hostname: await text('[data-server="hostname"]'),
    };
  }

  async function assertClean({ problems }: Visit, allowedConsole: RegExp[] = []): Promise<void> {
    const unexpected = problems.consoleMessages.filter((m) => !allowedConsole.some((allowed) => allowed.test(m)));
    assert.deepEqual(unexpected, [], "console errors or warnings");
    assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
    assert.deepEqual(problems.failedRequests, [], "failed requests");
    assert.deepEqual(await problems.cspViolations(), [], "Content-Security-Policy violations");
  }

  it("the English page runs clean and its panel shows this build and this container", { timeout: 60_000 }, async () => {
    const home = await visit(`${first.baseUrl}/`);
    assert.equal(home.status, 200);
    assert.ok((await home.page.textContent("body"))?.includes("Served by nginx-site"));
    const panel = await readPanel(home.page);
    assert.deepEqual(panel, {
      version: image.args.IMAGE_VERSION,
      revision: image.args.IMAGE_REVISION,
      created: image.args.IMAGE_CREATED,
      hostname: await configuredHostname(first.name),
    });
    await assertClean(home);
    await mkdir(path.dirname(screenshotPath), { recursive: true });
    await home.page.screenshot({ path: screenshotPath, fullPage: true });
    await home.page.close();
  });

  it("the Russian page runs clean and fills the same panel", { timeout: 60_000 }, async () => {
    const ru = await visit(`${first.baseUrl}/ru/`);
    assert.equal(ru.status, 200);
    assert.equal(await ru.page.getAttribute("html", "lang"), "ru");
    const panel = await readPanel(ru.page);
    assert.equal(panel.revision, image.args.IMAGE_REVISION);
    assert.equal(panel.hostname, await configuredHostname(first.name));
    await assertClean(ru);
    await ru.page.close();
  });

  it("a missing page shows the site's own styled 404 page", { timeout: 60_000 }, async () => {
    const missing = await visit(`${first.baseUrl}/no-such-page`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.page.title(), "Page not found · nginx-site");
    // The stylesheet is allowed by the policy and applied: the 404 page is not left unstyled.
    const styleSheets = await missing.page.evaluate<number>("document.styleSheets.length");
    assert.equal(styleSheets, 1);
    // Chromium reports the 404 status of the page itself on the console; nothing else may appear.
    await assertClean(missing, [/^error: Failed to load resource: the server responded with a status of 404 .*\/no-such-page\)$/]);
    await missing.page.close();
  });

  it("two containers of one image show the same revision and different hostnames", { timeout: 60_000 }, async () => {
    const [a, b] = await Promise.all([visit(`${first.baseUrl}/`), visit(`${second.baseUrl}/`)]);
    const [panelA, panelB] = await Promise.all([readPanel(a.page), readPanel(b.page)]);
    assert.equal(panelA.revision, panelB.revision);
    assert.equal(panelA.version, panelB.version);
    assert.equal(panelA.hostname, await configuredHostname(first.name));
    assert.equal(panelB.hostname, await configuredHostname(second.name));
    assert.notEqual(panelA.hostname, panelB.hostname);
    await Promise.all([assertClean(a), assertClean(b)]);
    await Promise.all([a.page.close(), b.page.close()]);
  });
});
