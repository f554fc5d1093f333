import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { healthStatus, siteContainerPerSuite } from "./support/container";
import { run } from "./support/docker";
import { request } from "./support/http";
import { nginxDirective, nginxTimeMs } from "./support/nginx-config";
import { sendRaw } from "./support/raw-http";
import { securityHeaderProblems } from "./support/security-headers";

const suite = "hostile";
const siteMarker = "Served by nginx-site";
const foreignHost = "evil.example";

interface HostileCase {
  name: string;
  /** The bytes sent, exactly; each request asks nginx to close the connection after answering. */
  request: string;
  status: number;
  /** Expected Location header, for redirects. */
  location?: string;
  /** True when the answer must be the site's own home page. */
  servesHome?: boolean;
}

const get = (target: string, extraHeaders = "") =>
  `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extraHeaders}\r\n`;
const withMethod = (method: string, extraHeaders = "", body = "") =>
  `${method} / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extraHeaders}\r\n${body}`;
const repeatedHeaders = (count: number, line: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => `${line(i)}\r\n`).join("");

// Statuses observed from nginx 1.22 on the stand-in base; each one is the refusal we want.
const cases: HostileCase[] = [
  // Path traversal: nginx resolves dot segments (also percent-encoded ones) and refuses to climb above the root.
  { name: "plain traversal /../../etc/passwd", request: get("/../../etc/passwd"), status: 400 },
  { name: "traversal out of /assets/", request: get("/assets/../../etc/passwd"), status: 400 },
  { name: "encoded dots /%2e%2e/%2e%2e/etc/passwd", request: get("/%2e%2e/%2e%2e/etc/passwd"), status: 400 },
  { name: "encoded slashes /..%2f..%2fetc/passwd", request: get("/..%2f..%2fetc/passwd"), status: 400 },
  { name: "encoded slashes under /assets/", request: get("/assets/..%2f..%2f..%2fetc/passwd"), status: 400 },
  { name: "double-encoded dots stay a literal, missing name", request: get("/%252e%252e/%252e%252e/etc/passwd"), status: 404 },
  { name: "backslashes are not separators", request: get("/..\\..\\etc\\passwd"), status: 404 },
  { name: "null byte after a real file name", request: get("/index.html%00.txt"), status: 400 },
  { name: "bare null byte", request: get("/%00"), status: 400 },
  // Dotfiles and files that must never be public answer like any missing page.
  { name: "dotfile /.env", request: get("/.env"), status: 404 },
  { name: "dotfile /.git/config", request: get("/.git/config"), status: 404 },
  { name: "dotfile /.git/HEAD", request: get("/.git/HEAD"), status: 404 },
  { name: "dotfile /.htpasswd", request: get("/.htpasswd"), status: 404 },
  { name: "dotfile /.DS_Store", request: get("/.DS_Store"), status: 404 },
  { name: "dotfile under /assets/", request: get("/assets/.env"), status: 404 },
  { name: "/.well-known/ is looked up like any page (404 only because the site has none)", request: get("/.well-known/security.txt"), status: 404 },
  { name: "backup /index.html.bak", request: get("/index.html.bak"), status: 404 },
  { name: "editor backup /index.html~", request: get("/index.html~"), status: 404 },
  { name: "swap file /index.html.swp", request: get("/index.html.swp"), status: 404 },
  { name: "hidden swap file /.index.html.swp", request: get("/.index.html.swp"), status: 404 },
  { name: "config file /nginx.conf", request: get("/nginx.conf"), status: 404 },
  { name: "server path /etc/nginx/nginx.conf", request: get("/etc/nginx/nginx.conf"), status: 404 },
  { name: "error page /404.html is internal", request: get("/404.html"), status: 404 },
  { name: "error page /50x.html is internal", request: get("/50x.html"), status: 404 },
  // Only GET and HEAD.
  { name: "TRACE", request: withMethod("TRACE"), status: 405 },
  { name: "PUT", request: withMethod("PUT", "Content-Length: 0\r\n"), status: 405 },
  { name: "DELETE", request: withMethod("DELETE"), status: 405 },
  { name: "OPTIONS", request: withMethod("OPTIONS"), status: 405 },
  { name: "PATCH", request: withMethod("PATCH"), status: 405 },
  { name: "POST", request: withMethod("POST", "Content-Length: 0\r\n"), status: 405 },
  {
    name: "CONNECT to another host",
    request: "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nConnection: close\r\n\r\n",
    status: 400,
  },
  { name: "OPTIONS *", request: "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", status: 400 },
  // Size limits (nginx/site.d/http/limits.conf).
  { name: "10 KB URI", request: get(`/${"a".repeat(10 * 1024)}`), status: 414 },
  { name: "one 10 KB header", request: get("/", `X-Padding: ${"b".repeat(10 * 1024)}\r\n`), status: 400 },
  { name: "2000 small headers", request: get("/", repeatedHeaders(2000, (i) => `X-H${i}: v`)), status: 400 },
  { name: "40 cookies of 1 KB", request: get("/", repeatedHeaders(40, (i) => `Cookie: c${i}=${"c".repeat(1024)}`)), status: 400 },
  { name: "one 9 KB cookie", request: get("/", `Cookie: a=${"c".repeat(9 * 1024)}\r\n`), status: 400 },
  { name: "POST with a 4 KB body is refused for its method first", request: withMethod("POST", "Content-Length: 4096\r\n", "x".repeat(4096)), status: 405 },
  { name: "GET with a 4 KB body exceeds the body limit", request: withMethod("GET", "Content-Length: 4096\r\n", "x".repeat(4096)), status: 413 },
  // Malformed requests.
  { name: "unknown version HTTP/9.9", request: "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n", status: 505 },
  { name: "HTTP/2.0 in an HTTP/1 request line", request: "GET / HTTP/2.0\r\nHost: localhost\r\n\r\n", status: 505 },
  { name: "garbage request line", request: "GARBAGE\r\n\r\n", status: 400 },
  { name: "request line without a target", request: "GET  HTTP/1.1\r\nHost: localhost\r\n\r\n", status: 400 },
  { name: "lower-case method", request: "get / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", status: 400 },
  { name: "HTTP/1.0 without Host", request: "GET / HTTP/1.0\r\n\r\n", status: 200, servesHome: true },
  { name: "HTTP/1.1 without Host", request: "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", status: 400 },
  { name: "two Host headers", request: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", status: 400 },
  { name: "Host with a slash", request: "GET / HTTP/1.1\r\nHost: a/b\r\nConnection: close\r\n\r\n", status: 400 },
  {
    name: "Content-Length together with Transfer-Encoding (request smuggling)",
    request: withMethod("GET", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
    status: 400,
  },
  { name: "unsupported Transfer-Encoding", request: withMethod("GET", "Transfer-Encoding: gzip, chunked\r\n"), status: 501 },
  { name: "negative Content-Length", request: withMethod("GET", "Content-Length: -1\r\n"), status: 400 },
  // Another host's name must never come back in an answer.
  {
    name: "absolute URI naming another host",
    request: `GET http://${foreignHost}/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    status: 200,
    servesHome: true,
  },
  { name: "foreign Host header", request: `GET / HTTP/1.1\r\nHost: ${foreignHost}\r\nConnection: close\r\n\r\n`, status: 200, servesHome: true },
  {
    name: "foreign Host header on a folder redirect",
    request: `GET /ru HTTP/1.1\r\nHost: ${foreignHost}\r\nConnection: close\r\n\r\n`,
    status: 301,
    location: "/ru/",
  },
  {
    name: "absolute URI to another host on a folder redirect",
    request: `GET http://${foreignHost}/assets HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    status: 301,
    location: "/assets/",
  },
];

describe("hostile input against the image built on the stand-in base (nginx 1.22)", () => {
  const site = siteContainerPerSuite(suite);

  describe(`${cases.length} hostile requests each get their exact status`, () => {
    for (const hostile of cases) {
      it(`${hostile.name} → ${hostile.status}`, async () => {
        const res = await sendRaw(site().port, [hostile.request]);
        const header = (name: string) => res.headers.get(name) ?? [];

        assert.equal(res.status, hostile.status, `status line: ${res.raw.split("\r\n")[0]}`);
        assert.ok(res.closedByServer, "nginx did not finish the answer and close the connection");
        assert.deepEqual(header("server"), ["nginx"], "Server header must not carry a version");
        assert.doesNotMatch(res.raw, /nginx\/\d/, "the answer names the nginx version");
        assert.deepEqual(securityHeaderProblems(header), []);
        assert.ok(!res.raw.includes(foreignHost), `the answer echoes ${foreignHost}`);
        assert.ok(!res.raw.includes("root:x:0:0"), "the answer contains /etc/passwd");
        if (hostile.location !== undefined) {
          assert.deepEqual(header("location"), [hostile.location]);
        }
        assert.equal(res.body.includes(siteMarker), hostile.servesHome === true, "home page served or not as expected");
      });
    }
  });

  it("a request line without a version (HTTP/0.9) gets only the bare page, without headers", async () => {
    const res = await sendRaw(site().port, ["GET /\r\n"]);
    assert.equal(res.status, null);
    assert.ok(res.closedByServer);
    assert.match(res.raw, /^<!DOCTYPE html>/);
    assert.ok(res.raw.includes(siteMarker));
  });

  it("a client dripping its headers is cut off after client_header_timeout, without an answer", { timeout: 60_000 }, async () => {
    const timeoutMs = nginxTimeMs(await nginxDirective("client_header_timeout"));
    const gapMs = 250;
    // Enough bytes to keep dripping well past the timeout; nginx does not restart it per byte.
    const padding = "s".repeat(Math.ceil((timeoutMs + 5_000) / gapMs));
    const slow = `GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${padding}\r\n\r\n`;
    const res = await sendRaw(site().port, [...slow], { gapMs, timeoutMs: timeoutMs + 10_000 });
    assert.ok(res.closedByServer, `still open after ${res.elapsedMs} ms`);
    assert.equal(res.raw, "", "nginx answers a header timeout by closing, not with a page");
    assert.ok(
      res.elapsedMs >= timeoutMs - 500 && res.elapsedMs <= timeoutMs + 3_000,
      `closed after ${res.elapsedMs} ms, client_header_timeout is ${timeoutMs} ms`,
    );
  });

  it("after all of it the container is still running, healthy and serving /", async () => {
    const state = await run("docker", ["inspect", "--format", "{{.State.Running}} {{.RestartCount}}", site().name]);
    assert.equal(state.stdout.trim(), "true 0");
    assert.equal(await healthStatus(site().name), "healthy");
    const home = await request(site().baseUrl, "/");
    assert.equal(home.status, 200);
    assert.ok(home.body.includes(siteMarker));
    const logs = await run("docker", ["logs", site().name]);
    assert.doesNotMatch(logs.stderr, /exited on signal|\[(alert|emerg|crit)\]/, "a worker crashed");
  });
});
