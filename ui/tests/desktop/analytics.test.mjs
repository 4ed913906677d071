// The analytics in the real window, in Arabic, as a principal opens them on the demo
// school: the attendance by grade drawn right to left (the first grade on the right, the
// axis on the right, checked against a reviewed reference image), a grade's bar drilled
// down to its classrooms, a classroom's to its students, a student's to the profile; the
// table view with the same numbers; exports to .xlsx and PDF; the dashboard's glance.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Window, ARTIFACTS } from './webdriver.mjs';
import { againstReference } from './images.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

let win;

before(async () => {
  win = await Window.launch('ar');
});

after(() => win?.quit());

const chart = '[data-chart="attendance-groups"]';

test('a principal drills from a grade to a student in Arabic, right to left', async () => {
  await win.exploreDemo('admin', 'nav [data-screen="analytics"]');
  await win.click('nav [data-screen="analytics"]');
  await win.find(`[data-testid="analytics"][data-level="grade"] ${chart} [data-index="1"]`);

  // Right to left: the first grade's bar stands right of the last's, the axis on the right.
  const layout = await win.run(
    `const chart = document.querySelector(arguments[0]);
     const bars = [...chart.querySelectorAll('.category')];
     const first = bars[0].getBoundingClientRect();
     const last = bars[bars.length - 1].getBoundingClientRect();
     const axis = chart.querySelector('.axis text').getBoundingClientRect();
     const plot = chart.querySelector('svg').getBoundingClientRect();
     return { first: first.left, last: last.left, axis: axis.left, middle: plot.left + plot.width / 2,
              count: bars.length, dir: document.documentElement.dir };`,
    chart,
  );
  assert.equal(layout.dir, 'rtl');
  assert.ok(layout.count >= 2, `grades: ${layout.count}`);
  assert.ok(layout.first > layout.last, `the first grade on the right: ${JSON.stringify(layout)}`);
  assert.ok(layout.axis > layout.middle, `the axis on the right: ${JSON.stringify(layout)}`);
  const shot = await win.elementShot(chart);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'ar-analytics-chart.png'), shot);
  const differs = againstReference(shot, new URL('reference/analytics-ar-chart.png', import.meta.url).pathname);
  assert.ok(differs <= 0.06, `${(differs * 100).toFixed(1)}% of the chart differs from its reviewed reference`);
  await win.screenshot('ar-analytics');

  // The first grade's bar opens its classrooms; the address keeps the grade.
  const grade = await win.run(`return document.querySelector(arguments[0] + ' [data-index="0"]').dataset.key`, chart);
  await win.click(`${chart} [data-index="0"] rect.bar`);
  await win.find(`[data-testid="analytics"][data-level="classroom"] ${chart} [data-index="0"]`);
  assert.match(await win.run('return location.hash'), new RegExp(`grade=${grade}`));
  const crumbs = await win.text('[data-testid="analytics-crumbs"]');
  assert.match(crumbs, /المدرسة كلها/);

  // A classroom's bar opens its students, a student's bar the profile.
  await win.click(`${chart} [data-index="0"] rect.bar`);
  await win.find(`[data-testid="analytics"][data-level="student"] ${chart} [data-index="0"]`);
  const student = await win.run(`return document.querySelector(arguments[0] + ' [data-index="0"]').dataset.key`, chart);
  const classroomView = await win.run('return location.hash');
  await win.click(`${chart} [data-index="0"] rect.bar`);
  await win.until('the student profile', 'return location.hash.startsWith("#/student/" + arguments[0])', [student]);
  await win.find('h1');

  // Back in the classroom, the same numbers as a table: a row per student.
  await win.go(classroomView);
  await win.find(`[data-testid="analytics"][data-level="student"] ${chart}`);
  const bars = await win.run(`return document.querySelectorAll(arguments[0] + ' .category').length`, chart);
  await win.click('[data-testid="show-tables"]');
  await win.find('[data-table="attendance-groups"] tbody tr');
  const table = await win.run(
    `const t = document.querySelector('[data-table="attendance-groups"]');
     return { rows: t.querySelectorAll('tbody tr').length, head: [...t.querySelectorAll('th')].map((h) => h.innerText) };`,
  );
  assert.equal(table.rows, bars);
  assert.equal(table.head[1], 'حاضر');
  assert.match(await win.run('return location.hash'), /show=table/);
  await win.screenshot('ar-analytics-table');

  // Exports of the classroom's view.
  await win.click('[data-testid="analytics-xlsx"]');
  const xlsx = await win.run(
    'return new Promise((done) => { const wait = () => { const e = document.querySelector("[data-testid=analytics-exported]"); e ? done(e.dataset.path) : setTimeout(wait, 100); }; wait(); })',
  );
  assert.match(xlsx, /analytics-attendance-.*\.xlsx$/);
  assert.ok(existsSync(xlsx), xlsx);
  await win.click('[data-testid="analytics-pdf"]');
  await win.until('the PDF written', 'const e = document.querySelector("[data-testid=analytics-exported]"); return e && e.dataset.path.endsWith(".pdf")');
  const pdf = await win.run('return document.querySelector("[data-testid=analytics-exported]").dataset.path');
  assert.ok(existsSync(pdf), pdf);
});

test('the dashboard shows the last weeks and what needs attention, each linking to its view', async () => {
  await win.click('nav [data-screen="dashboard"]');
  await win.find('[data-testid="glance"] [data-chart="glance-weeks"]');
  const attention = await win.text('[data-testid="needs-attention"]');
  assert.match(attention, /تحتاج إلى متابعة/);
  const links = await win.run('return [...document.querySelectorAll("[data-testid=needs-attention] a")].map((a) => a.getAttribute("href"))');
  assert.ok(links.some((h) => h.startsWith('#/analytics/attendance')), links.join(' '));
  await win.screenshot('ar-dashboard-glance');
});

test('in English the same chart reads left to right', async () => {
  await win.run('return window.__TAURI_INTERNALS__.invoke("choose_language", { lang: "en" })');
  await win.run('location.hash = "#/analytics/attendance"; location.reload()');
  await win.find(`[data-testid="analytics"][data-level="grade"] ${chart} [data-index="1"]`);
  const layout = await win.run(
    `const chart = document.querySelector(arguments[0]);
     const bars = [...chart.querySelectorAll('.category')];
     const axis = chart.querySelector('.axis text').getBoundingClientRect();
     const plot = chart.querySelector('svg').getBoundingClientRect();
     return { first: bars[0].getBoundingClientRect().left, last: bars[bars.length - 1].getBoundingClientRect().left,
              axis: axis.left, middle: plot.left + plot.width / 2, dir: document.documentElement.dir };`,
    chart,
  );
  assert.equal(layout.dir, 'ltr');
  assert.ok(layout.first < layout.last, `the first grade on the left: ${JSON.stringify(layout)}`);
  assert.ok(layout.axis < layout.middle, `the axis on the left: ${JSON.stringify(layout)}`);
  await win.screenshot('en-analytics');
});
