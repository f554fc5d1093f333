import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

// Headless, offline and quiet: no sandbox (tests may run as root in a container), and none of the
// background traffic that would show up as failed requests.
const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile, removed again on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "nginx-site-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// Plain JavaScript run in the page; kept as text because the tests compile without DOM types.
const recordViolations = `
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(event.violatedDirective + " blocked " + event.blockedURI);
  });
`;

export interface PageProblems {
  consoleMessages: string[];
  pageErrors: string[];
  failedRequests: string[];
  cspViolations: () => Promise<string[]>;
}

/**
 * Records everything that would show a broken page: console errors and warnings, uncaught
 * exceptions, requests that never got an answer, and Content-Security-Policy violations (collected
 * in the page by an init script, which the policy does not restrict).
 */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems = {
    consoleMessages: [] as string[],
    pageErrors: [] as string[],
    failedRequests: [] as string[],
  };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problems.consoleMessages.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.message));
  page.on("requestfailed", (req) => problems.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`));
  await page.addInitScript({ content: recordViolations });
  return {
    ...problems,
    cspViolations: () => page.evaluate<string[]>("window.cspViolations"),
  };
}
