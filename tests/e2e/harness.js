// Starts `shetu demo` on a free port with a fresh data folder, and Debian's chromium through
// playwright-core (never a downloaded browser).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(base, child, log) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`shetu exited early:\n${log.join("")}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`shetu did not become ready:\n${log.join("")}`);
}

export async function startShetu(pack = "bd") {
  const bin = process.env.SHETU_BIN || join(process.env.CARGO_TARGET_DIR || join(here, "..", "..", "target"), "debug", "shetu");
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "shetu-e2e-"));
  const log = [];
  const child = spawn(bin, ["demo", "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir, "--pack", pack], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, child, log);
  return {
    base,
    log,
    async stop() {
      child.kill("SIGINT");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      if (!process.env.SHETU_E2E_KEEP) rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

export async function startBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

// Runs axe-core on the page; fails on serious or critical violations.
export async function checkAccessibility(page, name) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern: the page is
  // checked as it is served, without loosening its policy.
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  if (summary.length) throw new Error(`axe-core on ${name}:\n${summary.join("\n")}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** The demo node and a browser for one test file: started before its tests, stopped after. */
export function demoAndBrowser(pack = "bd") {
  const running = { shetu: null, browser: null };
  before(async () => {
    running.shetu = await startShetu(pack);
    running.browser = await startBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.shetu?.stop();
  });
  return running;
}
