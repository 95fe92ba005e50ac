// The web console in a real browser (issue 6's user story, the seed article's "Create a Pipy program"):
// Debian's chromium, driven by playwright-core, creates codebase /proxy, adds the article's files, marks
// /proxy.js as main and presses Run; the proxy then answers 404 "No handler found" and the log panel
// shows its listener line. Also checks the grammar squiggles, the graph and the filters page, and saves
// a screenshot to test-artifacts/.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { startPipy, freePort, repoRoot } from './helpers.js';
import type { Running } from './helpers.js';
import { http } from './admin-helpers.js';

const browserPath = '/usr/bin/chromium';
const article = join(repoRoot, 'tutorial/02-proxy');
const files = ['/config/proxy.json', '/config/router.json', '/config/balancer.json', '/plugins/router.js', '/plugins/balancer.js', '/plugins/default.js', '/proxy.js'];

describe.skipIf(!existsSync(browserPath))('the web console', () => {
  let pipy: Running;
  let context: BrowserContext;
  let page: Page;
  let adminPort: number;
  let proxyPort: number;
  let profile: string;

  beforeAll(async () => {
    // Always rebuild: the test must exercise the console as it is in the source tree.
    await build({ configFile: join(repoRoot, 'engine/admin/gui/vite.config.ts'), logLevel: 'error' });
    [adminPort, proxyPort] = [await freePort(), await freePort()];
    pipy = startPipy([`--admin-port=${adminPort}`]);
    await pipy.waitFor(/Listening on port/);
    profile = mkdtempSync(join(tmpdir(), 'pipy-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browserPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await pipy?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** The article's file, with the proxy moved to a free port. */
  const contentOf = (f: string) => {
    const text = readFileSync(join(article, f), 'utf8');
    return f === '/config/proxy.json' ? text.replace('8000', String(proxyPort)) : text;
  };

  async function addFile(name: string, content: string): Promise<void> {
    await page.click('#add-file');
    await page.fill('#new-file-name', name);
    await page.click('#create-file');
    await page.locator(`#file-tree li[data-path="${name}"].open`).waitFor();
    await page.click('.cm-content');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(content);
    await page.click('#save');
    await page.locator('#editor-status', { hasText: `${name} saved` }).waitFor();
  }

  it('builds and runs the article proxy', async () => {
    await page.goto(`http://127.0.0.1:${adminPort}/`);
    await page.click('#new-codebase');
    await page.fill('#codebase-name', '/proxy');
    await page.click('#create-codebase');
    await page.waitForURL(`**/repo/proxy/`);

    for (const f of files) await addFile(f, contentOf(f));
    for (const f of files) expect((await http(adminPort, 'GET', `/api/v1/repo/proxy${f}`)).text).toBe(contentOf(f));

    await page.click('#file-tree li[data-path="/proxy.js"]');
    await page.locator('#file-tree li[data-path="/proxy.js"].open').waitFor();
    await page.check('#set-main');
    await page.locator('#file-tree li[data-path="/proxy.js"] .main-mark').waitFor();
    expect(JSON.parse((await http(adminPort, 'GET', '/api/v1/repo/proxy')).text).main).toBe('/proxy.js');
    await page.locator('#graph', { hasText: 'demuxHTTP' }).waitFor();

    await page.click('#run');
    await page.locator('#editor-status', { hasText: 'running' }).waitFor();
    const res = await http(proxyPort, 'GET', '/');
    expect([res.status, res.text]).toEqual([404, 'No handler found']);
    await page.locator('#log', { hasText: `[listener] Listening on port ${proxyPort} at 0.0.0.0` }).waitFor({ timeout: 10_000 });
    await page.locator('#program-status', { hasText: 'Running: /proxy' }).waitFor();

    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-artifacts/admin-gui.png'), fullPage: true });

    await page.click('#stop');
    await page.locator('#program-status', { hasText: 'Stopped' }).waitFor();
  });

  it('shows grammar diagnostics as squiggles', async () => {
    await addFile('/bad.js', 'pipy()\n  .task(() => { var x = 1; })');
    await page.locator('.cm-lintRange-error').first().waitFor({ timeout: 10_000 });
    await page.locator('.cm-lintRange-error').first().hover();
    await expect(page.locator('.cm-tooltip-hover, .cm-tooltip-lint').first().textContent({ timeout: 5000 })).resolves.toMatch(/\S/);
  });

  it('lists every filter with its help', async () => {
    await page.click('nav a[href="/filters"]');
    await page.locator('#filter-link').waitFor();
    expect(await page.locator('.filter-help').count()).toBeGreaterThan(20);
    await page.click('nav a[href="/"]');
    // The repo also holds the tutorial codebases (/tutorial/02-proxy contains "/proxy" too).
    await page.getByRole('link', { name: '/proxy', exact: true }).waitFor();
    await page.locator('.codebase-link', { hasText: '/tutorial/02-proxy' }).waitFor();
  });

  it('shows this instance and its metrics while the proxy runs', async () => {
    expect((await http(adminPort, 'POST', '/api/v1/program', '/proxy')).status).toBe(201);
    try {
      await page.click('nav a[href="/instances"]');
      const self = page.locator('#self-instance');
      await self.locator('td', { hasText: '/proxy.js' }).first().waitFor();
      expect(await self.textContent()).toContain('/proxy');
      await page.locator('#no-instances').waitFor();

      await page.click('nav a[href="/stats"]');
      await page.locator('#metrics tr[data-metric="pipy_pipeline_count"]').waitFor();
      await page.locator('#metrics tr[data-metric="pipy_inbound_count"]').waitFor();
      await page.click('#metrics tr[data-metric="pipy_pipeline_count"] .metric-link');
      await page.locator('#metric-name', { hasText: 'pipy_pipeline_count (Gauge)' }).waitFor();
      await page.waitForURL('**/stats?name=pipy_pipeline_count');
      await page.screenshot({ path: join(repoRoot, 'test-artifacts/admin-gui-metrics.png'), fullPage: true });
      await page.click('#all-metrics');
      await page.locator('#metrics').waitFor();
    } finally {
      await http(adminPort, 'DELETE', '/api/v1/program');
    }
  });
});
