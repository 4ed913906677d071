// A small WebDriver client for the desktop tests: starts tauri-driver (which drives the
// real Daftar window through WebKitWebDriver), opens a session on the built app with its
// own data folder, and offers the few commands the tests use. Needs DISPLAY (Xvfb) and
// DAFTAR_DESKTOP_BIN (the built daftar-desktop binary).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const KEY = { ArrowDown: '\uE015', ArrowUp: '\uE013', Backspace: '\uE003', Control: '\uE009', Enter: '\uE007' };

/** Where screenshots go: DAFTAR_ARTIFACTS, else artifacts/ at the repository's root. */
export const ARTIFACTS = resolve(process.env.DAFTAR_ARTIFACTS ?? new URL('../../../artifacts/screenshots', import.meta.url).pathname);

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts tauri-driver with `env` added to this process's environment. */
export async function startDriver(env = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    base,
    stop: () => child.kill('SIGTERM'),
  };
}

export class Window {
  constructor(base, id, dataDir) {
    this.base = base;
    this.id = id;
    this.dataDir = dataDir;
  }

  /** Opens the app on a fresh (or given) data folder. */
  static async open(driver, dataDir = mkdtempSync(join(tmpdir(), 'daftar-desktop-'))) {
    const binary = process.env.DAFTAR_DESKTOP_BIN;
    if (!binary) throw new Error('DAFTAR_DESKTOP_BIN must name the built daftar-desktop binary');
    const response = await fetch(`${driver.base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        capabilities: { alwaysMatch: { 'tauri:options': { application: binary, args: ['--data-dir', dataDir] } } },
      }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`no session: ${JSON.stringify(body)}`);
    return new Window(driver.base, body.value.sessionId, dataDir);
  }

  async command(method, path, body) {
    const response = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  /** Starts tauri-driver on a system speaking `language` ('ar' or 'en') and opens the app
   * on a fresh data folder; `quit()` ends both. */
  static async launch(language) {
    const locale = { ar: 'ar_AE.UTF-8', en: 'en_US.UTF-8' }[language];
    const driver = await startDriver({ LANG: locale, LANGUAGE: language, LC_ALL: '', LC_MESSAGES: '' });
    const win = await Window.open(driver);
    win.driver = driver;
    return win;
  }

  async close() {
    await this.command('DELETE', '').catch(() => {});
  }

  /** Closes a window from `launch` and stops its driver; an app that outlived its session
   * (its data folder names it) is ended too, so no window holds the test run open. */
  async quit() {
    await this.close();
    this.driver?.stop();
    spawnSync('pkill', ['-f', '--', `--data-dir ${this.dataDir}`]);
  }

  /** Runs `script` (a function body) in the window and gives its result. */
  run(script, ...args) {
    return this.command('POST', '/execute/sync', { script, args });
  }

  /** Waits until `script` gives something truthy; fails with `what` after `ms`, saying what
   * the window showed then (its text, and a screenshot named after the wait). */
  async until(what, script, args = [], ms = 20000) {
    const deadline = Date.now() + ms;
    let last;
    while (Date.now() < deadline) {
      last = await this.run(script, ...args).catch((e) => e);
      if (last && !(last instanceof Error)) return last;
      await sleep(100);
    }
    const shown = await this.run('return document.body ? document.body.innerText : "(no body)"')
      .then((text) => text.replace(/\s+/g, ' ').slice(0, 600))
      .catch((e) => `(unreadable: ${e.message})`);
    await this.screenshot(`timed-out-${what.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`).catch(() => {});
    throw new Error(`timed out waiting for ${what} (last: ${last}); the window showed: ${shown}`);
  }

  /** The first element matching `css`, once there is one. */
  async find(css, ms = 20000) {
    await this.until(`element ${css}`, 'return document.querySelector(arguments[0]) !== null', [css], ms);
    const found = await this.command('POST', '/element', { using: 'css selector', value: css });
    return found[ELEMENT];
  }

  /** Clicks `css`; a list that re-rendered under the pointer (or between finding and taking
   * the element) is looked up again. */
  async click(css) {
    for (let attempt = 0; ; attempt++) {
      try {
        // WebKitWebDriver may find the element just as it is replaced: that is stale too.
        const element = await this.find(css);
        await this.command('POST', `/element/${element}/click`, {});
        return;
      } catch (error) {
        if (attempt >= 5 || !/not interactable|stale|no such element/.test(error.message)) throw error;
        await sleep(200);
      }
    }
  }

  /** Types into the element matching `css`, as a person would (it is focused first). */
  async type(css, text) {
    const element = await this.find(css);
    await this.command('POST', `/element/${element}/value`, { text });
  }

  /** Empties a field with the keyboard (select all, delete), so the page sees the input. */
  async clear(css) {
    await this.click(css);
    await this.keys([KEY.Control, 'a'], KEY.Backspace);
  }

  /** Presses keys on whatever has focus: each item a key, or an array pressed together. */
  async keys(...presses) {
    const actions = [];
    for (const press of presses) {
      const chord = Array.isArray(press) ? press : [press];
      for (const key of chord) actions.push({ type: 'keyDown', value: key });
      for (const key of [...chord].reverse()) actions.push({ type: 'keyUp', value: key });
    }
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.command('DELETE', '/actions');
  }

  /** Visible text of `css` with bidi isolation marks taken out. */
  async text(css) {
    await this.find(css);
    const text = await this.run('return document.querySelector(arguments[0]).innerText', css);
    return text.replace(/[\u2066-\u2069]/g, '');
  }

  /** Picks `value` in a select as a person choosing an option would. */
  choose(css, value) {
    return this.run(
      `const select = document.querySelector(arguments[0]);
       select.value = arguments[1];
       select.dispatchEvent(new Event('change', { bubbles: true }));`,
      css,
      value,
    );
  }

  /** Waits until the text of `css` (bidi marks taken out) passes `ok`, and gives it. */
  async textUntil(what, css, ok, ms = 30000) {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.run('const e = document.querySelector(arguments[0]); return e ? e.innerText : ""', css)
        .then((t) => t.replace(/[\u2066-\u2069]/g, ''))
        .catch(() => '');
      if (ok(last)) return last;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what} (last: ${last})`);
  }

  async go(hash) {
    await this.run('location.hash = arguments[0]', hash);
  }

  /** Explores the demo school as `role` from the welcome screen, and waits for `ready` (a
   * CSS selector) to show it open. A click the page did not take (it neither started
   * preparing nor opened the school) is made again rather than waited on for minutes. */
  async exploreDemo(role, ready, ms = 120000) {
    const button = `[data-testid="explore-${role}"]`;
    const deadline = Date.now() + ms;
    for (let attempt = 0; ; attempt++) {
      await this.click(button);
      const taken = await this.until(
        'the demo school to start preparing',
        'return document.querySelector(arguments[0]) !== null || document.querySelector(arguments[1]) === null || document.querySelector(arguments[1]).disabled',
        [ready, button],
        10000,
      )
        .then(() => true)
        .catch(() => false);
      if (taken || attempt >= 2) break;
    }
    await this.find(ready, Math.max(deadline - Date.now(), 20000));
  }

  /** The PNG bytes of one element as drawn, after the frame has settled. */
  async elementShot(css) {
    const element = await this.find(css);
    await sleep(400);
    const png = await this.command('GET', `/element/${element}/screenshot`);
    return Buffer.from(png, 'base64');
  }

  /** Saves a screenshot as artifacts/screenshots/NAME.png, after the frame has settled. */
  async screenshot(name) {
    await sleep(400);
    const png = await this.command('GET', '/screenshot');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `${name}.png`), Buffer.from(png, 'base64'));
  }
}
