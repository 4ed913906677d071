// The registry's year in the real window, in Arabic: register a new student with a
// guardian (a taken admission number refused beside its field), add a second guardian, place
// the student in a classroom, open next year and promote a classroom with one student
// repeating; then print every classroom's report cards and cancel part way, and restore a
// backup from Settings; import a CSV file with a bad row, refused whole, then its valid rows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from './webdriver.mjs';

let win;

before(async () => {
  win = await Window.launch('ar');
});

after(() => win?.quit());



const notice = (what, ok = (t) => t.length > 0) => win.textUntil(what, '[data-testid="classes-notice"]', ok);

test('a new student is registered with a guardian, messages beside the field at fault', async () => {
  await win.exploreDemo('admin', 'nav [data-screen="classrooms"]');
  await win.click('nav [data-screen="students"]');
  await win.click('[data-testid="new-student"]');
  await win.until('the next admission number', 'return document.querySelector("input[name=admission_number]").value');
  await win.clear('input[name="admission_number"]');
  await win.type('input[name="admission_number"]', '100001');
  await win.type('input[name="name_ar"]', 'سارة حداد');
  await win.type('input[name="name_en"]', 'Sara Haddad');
  await win.type('input[name="birth_date"]', '١٥/٠٣/٢٠١٦');
  await win.type('input[name="nationality"]', 'ae');
  await win.type('input[name="guardian.name_ar"]', 'ليلى حداد');
  await win.type('input[name="guardian.name_en"]', 'Layla Haddad');
  await win.type('input[name="guardian.phone"]', '+971 50 123 4567');
  await win.click('[data-testid="new-student-form"] button[type="submit"]');
  // The backend refuses a taken number; its message lands beside that field, in Arabic.
  const taken = await win.textUntil('the taken admission number', '[data-field-error=admission_number]', (t) => t.length > 0);
  assert.match(taken, /100001/);
  assert.match(taken, /[\u0600-\u06FF]/, 'in Arabic');
  await win.screenshot('ar-new-student-refused');
  await win.clear('input[name="admission_number"]');
  await win.type('input[name="admission_number"]', '200001');
  await win.click('[data-testid="new-student-form"] button[type="submit"]');
  await win.until('the new profile', 'return location.hash.startsWith("#/student/")');
  assert.equal(await win.text('[data-testid="student-name"]'), 'سارة حداد');
  assert.equal(await win.run('return document.querySelectorAll("[data-guardian]").length'), 1);

  await win.click('[data-testid="add-guardian"]');
  await win.type('[data-testid="guardian-form"] input[name="name_ar"]', 'يوسف حداد');
  await win.type('[data-testid="guardian-form"] input[name="phone"]', 'not a phone');
  await win.click('[data-testid="guardian-form"] button[type="submit"]');
  await win.textUntil('the phone refused', '[data-testid="guardian-form"] [data-field-error=phone]', (t) => t.length > 0);
  await win.clear('[data-testid="guardian-form"] input[name="phone"]');
  await win.type('[data-testid="guardian-form"] input[name="phone"]', '+971 55 765 4321');
  await win.click('[data-testid="guardian-form"] button[type="submit"]');
  await win.until('two guardians', 'return document.querySelectorAll("[data-guardian]").length === 2');
  await win.screenshot('ar-student-guardians');
});

test('the new student is placed in a classroom', async () => {
  await win.click('nav [data-screen="classrooms"]');
  await win.textUntil('one student to place', '[data-testid="unplaced"]', (t) => t.startsWith('طالب فعلي واحد'));
  await win.click('[data-testid="place-students"]');
  const student = await win.until(
    'the student without a classroom',
    'const box = document.querySelector("[data-testid=placing] [data-student]"); return box && box.dataset.student',
  );
  await win.click(`[data-student="${student}"]`);
  await win.click('[data-testid="place-confirm"]');
  await win.textUntil('nobody left to place', '[data-testid="unplaced"]', (t) => t.startsWith('لكل طالب'));
  assert.equal(await notice('the placing'), 'سُكّن 1، ونُقل 0.');
});

test('next year is opened and a classroom promoted into it, one student repeating', async () => {
  await win.click('[data-testid="open-next-year"]');
  await win.until('next year open', 'return document.querySelector("[data-testid=promote]") !== null');
  assert.match(await notice('the new year'), /^فُتح العام \d{4}\/\d{4} بـ \d+ صف/);
  await win.click('[data-classroom="1A"] [data-testid="promote"]');
  await win.find('[data-testid="promotion"]');
  const students = await win.run('return document.querySelectorAll("[data-member]").length');
  assert.ok(students > 5, `${students} students in 1A`);
  const first = await win.run('return document.querySelector("[data-member]").dataset.member');
  await win.choose(`[data-member="${first}"] select`, 'repeat');
  const counts = await win.textUntil('the counts to follow', '[data-testid="promotion-counts"]', (t) => t.includes('يعيد 1 '));
  const [up, , out] = counts.match(/\d+/g).map(Number);
  assert.equal(up + 1 + out, students);
  await win.screenshot('ar-promotion');
  await win.click('[data-testid="promote-confirm"]');
  const done = await notice('the promotion', (t) => t.startsWith('رُفّع'));
  assert.equal(done, `رُفّع ${up}، ويعيد 1، وتخرّج 0، واستُثني ${out}.`);
  // Next year's classrooms hold them.
  const next = await win.run('return [...document.querySelector("[data-testid=year]").options].find((o) => !o.selected).value');
  await win.choose('[data-testid="year"]', next);
  await win.textUntil('2A next year to hold the class', '[data-classroom="2A"] td:nth-child(4)', (t) => t === `${up} من 35`);
  await win.screenshot('ar-classrooms-next-year');
});

test('printing every classroom shows progress and can be cancelled', async () => {
  await win.click('nav [data-screen="printing"]');
  await win.click('[data-testid="print-all"]');
  await win.find('[data-testid="work-progress"] .progress', 60000);
  await win.screenshot('ar-printing-progress');
  await win.click('[data-testid="work-cancel"]');
  const code = await win.until('the cancel', 'const e = document.querySelector("[role=alert]"); return e && e.dataset.code', [], 120000);
  assert.equal(code, 'cancelled');
  assert.equal(await win.run('return document.querySelector("[data-testid=printed]")'), null);
});

test('a backup is restored from Settings', async () => {
  await win.click('nav [data-screen="settings"]');
  await win.click('[data-testid="settings-backup"]');
  await win.until('a backup listed', 'return document.querySelectorAll("[data-backup]").length === 1');
  await win.click('[data-testid="restore"]');
  await win.click('[data-testid="restore-confirm"]');
  await win.find('[data-testid="restored"]');
  await win.until('the restore kept as a backup', 'return document.querySelectorAll("[data-backup]").length === 2');
  await win.screenshot('ar-settings-backups');
});

test('a CSV file with a bad row is refused whole, then its valid rows are imported', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'daftar-import-')), 'new-students.csv');
  writeFileSync(
    file,
    [
      'admission_number,name_ar,name_en,gender,birth_date,national_id,nationality,grade,classroom,guardian_name,guardian_phone',
      '300001,هدى سالم,Huda Salem,female,2016-04-02,,AE,,,سالم,+971 50 300 0001',
      '300002,كريم سالم,Karim Salem,male,2014-13-40,,AE,,,سالم,+971 50 300 0001',
      '300003,منى سالم,Mona Salem,female,2013-09-09,,AE,,,سالم,+971 50 300 0001',
      '',
    ].join('\n'),
  );
  await win.click('nav [data-screen="students"]');
  await win.click('[data-testid="import"]');
  await win.type('[data-testid="import-file"]', file);
  await win.click('[data-testid="import-run"]');
  const code = await win.until('the refusal', 'const e = document.querySelector("[data-testid=import-panel] [role=alert]"); return e && e.dataset.code');
  assert.equal(code, 'import-rejected');
  const rows = await win.textUntil('the row at fault', '[data-testid="import-rows-at-fault"]', (t) => t.length > 0);
  assert.match(rows, /3/, 'the bad row is named by its line');
  await win.click('[data-testid="import-skip-invalid"]');
  await win.click('[data-testid="import-run"]');
  const report = await win.textUntil('the report', '[data-testid="import-report"]', (t) => t.length > 0);
  assert.match(report, /^جديد 2،/);
  await win.screenshot('ar-import');
});
