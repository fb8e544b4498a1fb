import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const DEMO_PASSWORD = 'Yiqi-demo-2026';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 390, height: 844 };

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** What the running server wrote so far (one server per test process). */
let serverOutput = () => '';

/**
 * The one-time code the server last texted to `phone`: the development SMS channel writes each message to
 * the server log at warn level, with the phone masked (server/src/modules/auth/otp-channel.ts).
 */
export async function textedCode(phone: string): Promise<string> {
  const to = phone.slice(0, 3) + '****' + phone.slice(-4);
  for (let i = 0; i < 100; i++) {
    const lines = serverOutput()
      .split('\n')
      .filter((l) => l.includes('"otpChannel":"log"') && l.includes(`"to":"${to}"`));
    const code = lines.at(-1)?.match(/验证码 (\d{6})/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code texted to ${to} in the server log`);
}

/**
 * The one-time code the server last e-mailed to `address`: the development notification channel writes it
 * to the server log at warn level, the address masked (server/src/modules/notifications/channels.ts).
 */
export async function emailedCode(address: string): Promise<string> {
  const to = address.slice(0, 1) + '***' + address.slice(address.lastIndexOf('@'));
  for (let i = 0; i < 100; i++) {
    const lines = serverOutput()
      .split('\n')
      .filter((l) => l.includes('"notifyChannel":"log"') && l.includes(`"to":"${to}"`));
    const code = lines.at(-1)?.match(/验证码是 (\d{6})/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code e-mailed to ${to} in the server log`);
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts the real server (embedded database, demo accounts) on a free port with a fresh data folder and
 * waits for /healthz. The web app must have been built already (npm run build -w web).
 */
export async function startServer(options: { dataDir?: string } = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html')))
    throw new Error('web/dist/index.html is missing: run "npm run build -w web" before the browser tests');
  // A folder of the caller's is kept at stop (the template below is made so); a temporary one is removed.
  const keep = options.dataDir !== undefined;
  // On tmpfs when the machine has one: the embedded database then writes to memory, not the shared disk.
  const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = options.dataDir ?? mkdtempSync(join(scratch, 'yiqi-e2e-'));
  // `npm run e2e` seeds one data folder before the journeys (e2e/make-template.ts); each server starts on a
  // copy of it, which spares every journey the migrations, the region tree and the demo (about 10 s each).
  const template = process.env.E2E_DATA_TEMPLATE;
  if (!keep && template && existsSync(join(template, 'pglite')))
    cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith('yiqi.lock') });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    YIQI_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // The browser tests check the demo data as seeded: no generated 南山区 population in the background.
    DEMO_POPULATION: '0',
  };
  delete env.DATABASE_URL;
  delete env.SEED_DEMO;
  // Its own process group, so stopping it also ends the node process that tsx starts.
  const child: ChildProcess = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  serverOutput = () => output;
  let exited = false;
  child.once('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  // Start-up (migrations, the region tree, the demo) is CPU work: on a shared 2-core machine it can take minutes.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited) throw new Error(`server exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`server not ready within 240 s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        const timer = setTimeout(() => !exited && process.kill(-child.pid!, 'SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      // The group's leader (npm) can exit before the server under it has closed its database files: wait
      // for the whole group to be gone (killing a straggler after 5 s), then remove the data directory.
      const groupGone = Date.now() + 5000;
      for (;;) {
        try {
          process.kill(-child.pid!, Date.now() > groupGone ? 'SIGKILL' : 0);
        } catch {
          break; // ESRCH: nobody of the group is left
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!keep) rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Headless chromium with a fresh profile, in Simplified Chinese like a first-time visitor in Guangdong.
 * `timezoneId`: the browser's own zone (default the machine's); the product shows and takes China time
 * whatever it is, which a journey run in 'UTC' checks.
 */
export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
  options: { timezoneId?: string } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`,
    );
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'yiqi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'zh-CN',
    // The app then turns Ant Design's motion off (web/src/lib/i18n.tsx): no click lands mid-animation.
    reducedMotion: 'reduce',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Generous: CI runs the journeys beside both suites on two cores; a wait only lasts this long when it fails.
  context.setDefaultTimeout(30_000);
  const browser: Browser = {
    context,
    close: async () => {
      open.delete(browser);
      const closed = context.close().then(() => true);
      const timeout = new Promise<false>((r) => setTimeout(() => r(false), 10_000).unref());
      // A browser that will not close must not keep the test run alive: end its processes, found by
      // the profile folder that only they use.
      if (!(await Promise.race([closed, timeout]))) killByProfile(profile);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  open.add(browser);
  return browser;
}

const open = new Set<Browser>();

/** Closes browsers a failed or timed-out test left open (call it from `after`). */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...open].map((b) => b.close()));
}

export interface Journey {
  /** The server of the suite (throws before the suite's `before` has run). */
  readonly server: RunningServer;
  /** The desktop browser shared by the suite's tests, when asked for. */
  readonly desk: Browser;
  /** The phone-sized browser shared by the suite's tests, when asked for. */
  readonly phone: Browser;
  /** Saves a picture of each page a failed step left open: failure-<prefix>-<name>-<i>.png. */
  failureShots: (name: string, pages: (Page | undefined)[]) => Promise<void>;
}

/**
 * The set-up every browser journey shares, for the `describe` it is called in: before its tests, the server
 * (E2E_SERVER_URL: one already running with the demo data, whose start can outlast startServer's wait on a
 * loaded machine; else one of its own) and the shared browsers asked for; after them, every browser a test
 * left open and the server are closed. Further `before` hooks of the suite run after this one.
 */
export function useJourney(
  prefix: string,
  browsers: { desk?: boolean; phone?: boolean; timezoneId?: string } = {},
): Journey {
  let server: RunningServer | undefined;
  let desk: Browser | undefined;
  let phone: Browser | undefined;
  before(async () => {
    const url = process.env.E2E_SERVER_URL;
    server = url ? { url, stop: async () => {} } : await startServer();
    const zone = browsers.timezoneId ? { timezoneId: browsers.timezoneId } : {};
    if (browsers.desk) desk = await launchBrowser(DESKTOP, zone);
    if (browsers.phone) phone = await launchBrowser(MOBILE, zone);
  });
  after(async () => {
    await closeAllBrowsers();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`useJourney: no ${what} (not asked for, or before the suite began)`);
    return value;
  };
  return {
    get server() {
      return ready(server, 'server');
    },
    get desk() {
      return ready(desk, 'desktop browser');
    },
    get phone() {
      return ready(phone, 'phone browser');
    },
    failureShots: async (name, pages) => {
      for (const [i, p] of pages.entries())
        await p
          ?.screenshot({ path: `${SCREENSHOTS}/failure-${prefix}-${name}-${i}.png` })
          .catch(() => undefined);
    },
  };
}

function killByProfile(profile: string): void {
  const r = spawnSync('pgrep', ['-f', `--user-data-dir=${profile}`], { encoding: 'utf8' });
  for (const pid of r.stdout.split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The current code of a base32 TOTP secret, as an authenticator app would show it. */
export function totp(secret: string): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate();
}

/** Waits until no table or page is loading and every CSS transition has finished. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'));
  await page.evaluate(async () => {
    // Motion classes arrive a frame or two after a state change; then wait out what they started.
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    // Only finite animations: an endless one (a spinner, a caret) would never settle, and none may hold a
    // screenshot for more than two seconds.
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.race([
      Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 2000)),
    ]);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * Opens the console's sign-out confirmation through the user menu and returns its confirm button (the
 * caller may take a screenshot before clicking it). A click that lands while the dropdown is still opening
 * or already closing (a loaded machine) opens nothing, so the menu is reopened and the item clicked again,
 * up to three times.
 */
export async function openSignOutDialog(page: Page, english = false): Promise<Locator> {
  const item = page.getByRole('menuitem', { name: english ? 'Sign out' : '退出登录' });
  const confirm = page.getByRole('dialog').getByRole('button', { name: english ? 'Sign out' : /退\s*出/ });
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await page.getByTestId('user-menu').click();
    await item.click();
    const opened = await confirm.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (opened) return confirm;
    if (attempt === 3) throw new Error('the sign-out confirmation did not open after three clicks');
  }
}

/** Fills the sign-in form and submits it with Enter. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
}

/** On the enrolment page: reads the secret shown for manual entry and types the current code. */
export async function enrolTotp(page: Page): Promise<string> {
  const secretEl = page.getByTestId('totp-secret');
  await secretEl.waitFor();
  const secret = (await secretEl.getAttribute('data-secret')) ?? '';
  if (!/^[A-Z2-7]+=*$/.test(secret)) throw new Error(`unexpected secret on the page: "${secret}"`);
  await typeCode(page, totp(secret));
  return secret;
}

export async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('totp-code').locator('input').first().click();
  await page.keyboard.type(code);
}
