// What every browser check of the teleop page shares: the system's headless Chromium (playwright-core, never a
// downloaded browser), console-error collection, polling waits, screenshots, one JSON line per check, and a last
// line {"ok":true,...} or {"ok":false,"error":...} (exit 1, after a screenshot of the moment).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Opens Chromium, runs `checks(tools)` and reports; `checks` returns the numbers for the last line. */
export async function runPageChecks(shots, executablePath, checks) {
  mkdirSync(shots, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'vla4j-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, viewport: { width: 1100, height: 760 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const consoleErrors = [];
  page.on('console', m => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', e => consoleErrors.push(String(e)));
  const tools = {
    page,
    consoleErrors,
    state: () => page.evaluate(() => window.vla4j.state),
    until: (what, fn, arg, timeout = 5000) =>
      page.waitForFunction(fn, arg, { timeout, polling: 50 }).catch(() => { throw new Error(`timed out: ${what}`); }),
    shot: name => page.screenshot({ path: join(shots, `${name}.png`) }),
    sleep: ms => new Promise(r => setTimeout(r, ms)),
    check: async (name, body) => {
      await body();
      console.log(JSON.stringify({ check: name, ok: true }));
    },
  };
  try {
    const numbers = await checks(tools);
    if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join(' | ')}`);
    console.log(JSON.stringify({ ok: true, ...numbers }));
  } catch (e) {
    await tools.shot('failure').catch(() => {});
    console.log(JSON.stringify({ ok: false, error: e.message, consoleErrors }));
    process.exitCode = 1;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The page's own latency numbers over a quiet 4 s of teleop at the 20 Hz heartbeat (a confirm() dialog blocks the
 * page's JavaScript, so acks that arrived meanwhile would be timed late): command round trip and frame age.
 */
export async function quietLatency(page, sleep) {
  await page.click('[data-mode=TELEOP]');
  await page.evaluate(() => { window.vla4j.rtts.length = 0; window.vla4j.frameAges.length = 0; });
  await sleep(4000);
  return page.evaluate(() => {
    const p = (list, q) => [...list].sort((a, b) => a - b)[Math.ceil(q * list.length) - 1];
    const { rtts, frameAges } = window.vla4j;
    return { rttP50: p(rtts, 0.5), rttP95: p(rtts, 0.95), rtts: rtts.length,
      frameAgeP50: p(frameAges, 0.5), frameAgeP95: p(frameAges, 0.95), frames: frameAges.length };
  });
}
