// A real school from zero in the real window, in Arabic and offline: started from the
// welcome screen, then set up from the dashboard's checklist (profile and logo, year,
// terms with an overlap refused beside its field, a holiday, a grade, a classroom, a
// subject, a teacher, who teaches what, the calendar), its students imported from another
// system's export (columns mapped, previewed), a quiz set with the term result live, the
// term's marks locked, and report cards printed with the logo.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Window } from './webdriver.mjs';

// The school's year is laid around today, so the test reads the same on any day: a year
// from 100 days ago, its first term until ten days from now, a holiday on the next school
// day (Sunday to Thursday), the quiz today.
const DAY = 86_400_000;
const now = new Date();
const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const dmy = (t) => iso(t).split('-').reverse().join('/');
const yearStart = today - 100 * DAY;
const yearEnd = today + 200 * DAY;
const termEnd = today + 10 * DAY;
const holiday = [1, 2, 3, 4, 5, 6, 7].map((n) => today + n * DAY).find((t) => new Date(t).getUTCDay() <= 4);
const arabicDigits = (text) => text.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);

let win;
const files = mkdtempSync(join(tmpdir(), 'daftar-new-school-'));

before(async () => {
  win = await Window.launch('ar');
});

after(() => win?.quit());



/** Opens a set-up part, starts a new record and fills its text fields. */
async function add(part, fields, then = async () => {}) {
  await win.go(`#/setup/${part}`);
  await win.find(`[data-kind="${part}"] [data-testid="setup-new"]`);
  const before = await win.run('return document.querySelectorAll("[data-testid=setup-records] tbody tr[data-record]").length');
  await win.click('[data-testid="setup-new"]');
  for (const [name, value] of Object.entries(fields)) {
    await win.clear(`[data-testid="setup-form"] input[name="${name}"]`);
    await win.type(`[data-testid="setup-form"] input[name="${name}"]`, value);
  }
  await then();
  await win.click('[data-testid="setup-save"]');
  return before;
}

/** Waits for the set-up list to hold `count` records. */
const records = (count) =>
  win.until(
    `${count} records`,
    'return document.querySelectorAll("[data-testid=setup-records] tbody tr[data-record]").length === arguments[0]',
    [count],
  );

test('a new school is started offline from the welcome screen, in Arabic', async () => {
  await win.find('[data-testid="start-school"]');
  await win.type('[data-testid="start-school"] input[name="name_ar"]', 'مدرسة الريان');
  await win.type('[data-testid="start-school"] input[name="name_en"]', 'Al Rayyan School');
  await win.choose('[data-testid="start-school"] select[name="country"]', 'QA');
  await win.type('[data-testid="start-school"] input[name="admin_name_ar"]', 'هند المري');
  await win.type('[data-testid="start-school"] input[name="admin_name_en"]', 'Hind Al Marri');
  await win.click('[data-testid="start-submit"]');
  await win.find('[data-testid="setup-checklist"]', 30000);
  assert.equal(await win.run('return document.documentElement.dir'), 'rtl');
  const year = await win.run('return document.querySelector("[data-step=year]").dataset.done');
  assert.equal(year, 'false');
  assert.match(await win.text('[data-testid="me"]'), /هند المري/);
  await win.screenshot('ar-new-school-checklist');
});

test('the profile takes its address, tax number and a logo from a file', async () => {
  await win.click('[data-step="profile"] a');
  await win.find('[data-kind="school"] [data-testid="setup-form"]');
  await win.type('[data-testid="setup-form"] input[name="address"]', 'الدوحة، شارع الريان');
  await win.type('[data-testid="setup-form"] input[name="tax_number"]', 'QA-300112233');
  await win.type('[data-testid="setup-form"] input[name="principal_name_ar"]', 'هند المري');
  await win.type('[data-testid="setup-form"] input[name="principal_name_en"]', 'Hind Al Marri');
  await win.click('[data-testid="setup-save"]');
  await win.textUntil('saved', '[data-kind="school"] [role="status"]', (t) => t === 'حُفظ.');
  const logo = new URL('../../../src-tauri/icons/128x128@2x.png', import.meta.url).pathname;
  await win.type('[data-testid="logo-file"]', logo);
  await win.find('[data-testid="logo"]');
  await win.screenshot('ar-new-school-profile');
});

test('a year, its terms (an overlap refused beside its field) and a holiday', async () => {
  await add('year', { name: `${new Date(yearStart).getUTCFullYear()}-${new Date(yearEnd).getUTCFullYear()}`, start_date: dmy(yearStart), end_date: dmy(yearEnd) });
  await records(1);
  await add('term', { name_ar: 'الفصل الأول', name_en: 'First term', start_date: dmy(yearStart), end_date: dmy(termEnd) });
  await records(1);
  await add('term', { name_ar: 'الفصل الثاني', name_en: 'Second term', start_date: dmy(termEnd - 5 * DAY), end_date: dmy(yearEnd) });
  const overlap = await win.textUntil('the overlap beside its field', '[data-field-error="start_date"]', (t) => t.length > 0);
  assert.match(overlap, /First term|يتداخل|تتداخل/);
  await win.clear('[data-testid="setup-form"] input[name="start_date"]');
  await win.type('[data-testid="setup-form"] input[name="start_date"]', dmy(termEnd + DAY));
  await win.click('[data-testid="setup-save"]');
  await records(2);
  await add('holiday', { name_ar: 'اليوم الوطني', name_en: 'National Day', start_date: arabicDigits(dmy(holiday)) });
  await records(1);
});

test('a grade, a classroom, a subject and a teacher, and who teaches what', async () => {
  await add('grade', { name_ar: 'الصف الأول', name_en: 'Grade 1' });
  await records(1);
  const grade = await win.run('return document.querySelector("[data-testid=setup-records] tr[data-record]").dataset.record');
  await add('classroom', { name_ar: '١/أ', name_en: '1A', capacity: '30', room: 'B2' }, () =>
    win.choose('[data-testid="setup-form"] select[name="grade_id"]', grade),
  );
  await records(1);
  await add('subject', { code: 'ARB', name_ar: 'اللغة العربية', name_en: 'Arabic' });
  await records(1);
  await add('staff', { name_ar: 'مريم الكواري', name_en: 'Maryam Al Kuwari', email: 'maryam@alrayyan.example' });
  await records(2);
  await win.go('#/setup/assignments');
  await win.find('[data-cell="1A:ARB"]');
  const teacher = await win.run(
    'return [...document.querySelector("[data-cell=\'1A:ARB\']").options].find((o) => o.textContent.includes("مريم")).value',
  );
  await win.choose('[data-cell="1A:ARB"]', teacher);
  await win.until('the assignment kept', 'return document.querySelector("[data-cell=\'1A:ARB\']").value === arguments[0]', [teacher]);
  await win.screenshot('ar-new-school-assignments');
});

test('the calendar shows the holiday with its Hijri date and counts the term', async () => {
  await win.go('#/setup/calendar');
  await win.find('[data-testid="calendar"]');
  await win.choose('[data-testid="calendar-month"]', `${iso(holiday).slice(0, 8)}01`);
  await win.until('the holiday', 'return document.querySelector(`[data-date="${arguments[0]}"]`)?.dataset.kind === "holiday"', [iso(holiday)]);
  const days = await win.textUntil('term days', '[data-testid="term-days"]', (t) => /First term|الفصل الأول/.test(t));
  assert.match(days, /الفصل الأول/);
  await win.screenshot('ar-new-school-calendar');
});

test("another system's export is mapped, previewed and imported; a quiz set and report cards printed with the logo", async () => {
  // Names in two columns, dates day first, its own gender words, no admission numbers.
  const csv = join(files, 'export.csv');
  writeFileSync(
    csv,
    'First,Family,Arabic Name,DOB,Gender,Class,Parent,Mobile\n' +
      'Noura,Al Thani,نورة آل ثاني,05/01/2020,بنت,1A,أم نورة,+974 5512 3456\n' +
      'Hamad,Al Kuwari,حمد الكواري,09/04/2020,ولد,1A,أبو حمد,+974 5565 4321\n',
  );
  await win.click('nav [data-screen="students"]');
  await win.click('[data-testid="import"]');
  await win.type('[data-testid="import-file"]', csv);
  await win.find('[data-testid="import-map"]');
  await win.choose('[data-column="name_en.0"]', 'First');
  await win.choose('[data-column="name_en.1"]', 'Family');
  await win.choose('[data-column="name_ar.0"]', 'Arabic Name');
  await win.choose('[data-column="birth_date.0"]', 'DOB');
  await win.choose('[data-column="classroom.0"]', 'Class');
  await win.choose('[data-column="guardian_name.0"]', 'Parent');
  await win.choose('[data-column="guardian_phone.0"]', 'Mobile');
  await win.type('[data-default="nationality"]', 'QA');
  await win.type('[data-default="grade"]', 'Grade 1');
  await win.choose('[data-gender="بنت"]', 'female');
  await win.choose('[data-gender="ولد"]', 'male');
  await win.click('[data-testid="import-number-missing"]');
  await win.screenshot('ar-new-school-import-map');
  await win.click('[data-testid="import-preview"]');
  await win.textUntil('the preview', '[data-testid="import-preview-report"]', (t) => t.length > 0);
  const plan = await win.run('return [...document.querySelectorAll("[data-testid=import-plan] tr")].map((r) => r.dataset.outcome + " " + r.innerText)');
  assert.equal(plan.length, 2, plan.join('\n'));
  assert.ok(plan.every((row) => row.startsWith('new')), plan.join('\n'));
  assert.match(plan[0], /Noura Al Thani/);
  await win.click('[data-testid="import-run"]');
  await win.textUntil('the report', '[data-testid="import-report"]', (t) => t.length > 0);
  await win.find('[data-testid="import-undo"]');
  await win.click('nav [data-screen="marks"]');
  await win.click('[data-testid="assessment-new"]');
  await win.find('[data-testid="assessment-form"] select[name="subject"] option:nth-child(2)');
  const subject = await win.run('return document.querySelector("[data-testid=assessment-form] select[name=subject] option:nth-child(2)").value');
  await win.choose('[data-testid="assessment-form"] select[name="subject"]', subject);
  await win.type('[data-testid="assessment-form"] input[name="name_ar"]', 'اختبار قصير');
  await win.type('[data-testid="assessment-form"] input[name="name_en"]', 'Quiz 1');
  await win.click('[data-testid="assessment-save"]');
  await win.until('the new quiz chosen', 'return document.querySelector("[data-testid=assessment] option:checked")?.textContent.includes("اختبار قصير")');
  await win.find('[data-mark-row="1"]');
  await win.type('[data-mark-row="0"]', '18');
  await win.type('[data-mark-row="1"]', '١٥');
  // The term result follows the mark as it is typed (this quiz is the term's only one).
  await win.textUntil('the term result', '[data-term-row="0"]', (t) => /^90[.,٫]0/.test(t));
  await win.run('[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "حفظ").click()');
  await win.textUntil('marks saved', '[role="status"]', (t) => t.length > 0);
  // The administrator locks the term's marks before printing its report cards.
  await win.go('#/setup/term');
  await win.find('[data-kind="term"] [data-testid="term-lock"]');
  const lockLabel = await win.text('[data-testid="term-lock"]');
  await win.click('[data-testid="term-lock"]');
  await win.until('the term locked', 'return document.querySelector("[data-testid=term-lock]").innerText.trim() !== arguments[0]', [lockLabel.trim()]);
  await win.click('nav [data-screen="printing"]');
  await win.click('[data-testid="print-all"]');
  const printed = await win.textUntil('printed', '[data-testid="printed"]', (t) => t.length > 0, 60000);
  const pdf = printed.match(/\/\S+\.pdf/)?.[0];
  await win.screenshot('ar-new-school-printed');
  assert.ok(pdf && existsSync(pdf), `the cards' file is named: ${printed}`);
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /Al Rayyan School/);
  assert.match(text, /Noura Al Thani|نورة/);
  const images = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.ok(images.length >= 3, `the logo is on the cards: ${images.join('\n')}`);
  assert.ok(readFileSync(pdf).length > 1000);
});
