// How long the desktop app takes to open a school it already holds: from asking
// tauri-driver for a window to the dashboard's figures on screen, on a demo school made
// once beforehand. Prints each run and the median. Run by bench/desktop/run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window, startDriver } from '../../ui/tests/desktop/webdriver.mjs';

const runs = Number(process.env.RUNS ?? 7);
const dataDir = mkdtempSync(join(tmpdir(), 'daftar-start-'));
const driver = await startDriver({ LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
try {
  const first = await Window.open(driver, dataDir);
  await first.click('[data-testid="explore-admin"]');
  await first.find('[data-testid="attendance-rate"]', 300000);
  await first.close();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const win = await Window.open(driver, dataDir);
    await win.until('the dashboard', 'return document.querySelector("[data-testid=attendance-rate] .big")?.innerText.includes("%")', [], 60000);
    const ms = performance.now() - started;
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
    await win.close();
  }
  times.sort((a, b) => a - b);
  console.log(`median: ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} starts`);
} finally {
  driver.stop();
}
