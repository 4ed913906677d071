// A real school from zero in the real window, in Arabic and offline: started from the
// welcome screen, then set up from the dashboard's checklist (profile and logo, year,
// terms with an overlap refused beside its field, a holiday, a grade, a classroom, a
// subject, a teacher, who teaches what, the calendar), its students imported from another
// system's export (columns mapped, previewed), a quiz set with the term result live, the
// term's marks locked, and report cards printed with the logo.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Window, KEY } from './webdriver.mjs';

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
// The register's day: today, or the last Sunday to Thursday before it.
const lastSchoolDay = [0, 1, 2, 3].map((n) => today - n * DAY).find((t) => new Date(t).getUTCDay() <= 4);
const arabicDigits = (text) => text.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);

let win;

before(async () => {
  win = await Window.launch('ar');
});

after(() => {
  cloud?.stdin.end();
  return win?.quit();
});

let cloud;

/** The throwaway cloud of crates/cli/examples/cloud_school.rs: its second school is empty. */
async function startCloud() {
  const binary = process.env.DAFTAR_CLOUD_SCHOOL_BIN;
  if (!binary) throw new Error('DAFTAR_CLOUD_SCHOOL_BIN must name the built cloud_school example');
  cloud = spawn(binary, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: cloud.stdout });
  return new Promise((done, fail) => {
    cloud.on('exit', (code) => fail(new Error(`cloud_school ended (${code}) before it was ready`)));
    lines.once('line', (line) => done(JSON.parse(line)));
  });
}



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

test('two grades, three classrooms, four subjects, three teachers, and who teaches what', async () => {
  const grades = {};
  for (const [ar, en] of [['الصف الأول', 'Grade 1'], ['الصف الثاني', 'Grade 2']]) {
    const had = await add('grade', { name_ar: ar, name_en: en });
    await records(had + 1);
    grades[en] = await win.run(
      'return [...document.querySelectorAll("[data-testid=setup-records] tr[data-record]")].find((r) => r.innerText.includes(arguments[0])).dataset.record',
      en,
    );
  }
  for (const [ar, en, grade] of [['١/أ', '1A', 'Grade 1'], ['١/ب', '1B', 'Grade 1'], ['٢/أ', '2A', 'Grade 2']]) {
    const had = await add('classroom', { name_ar: ar, name_en: en, capacity: '30', room: `B${en}` }, () =>
      win.choose('[data-testid="setup-form"] select[name="grade_id"]', grades[grade]),
    );
    await records(had + 1);
  }
  for (const [code, ar, en] of [['ARB', 'اللغة العربية', 'Arabic'], ['MTH', 'الرياضيات', 'Mathematics'], ['ENG', 'اللغة الإنجليزية', 'English'], ['SCI', 'العلوم', 'Science']]) {
    const had = await add('subject', { code, name_ar: ar, name_en: en });
    await records(had + 1);
  }
  for (const [ar, en, email] of [['مريم الكواري', 'Maryam Al Kuwari', 'maryam@alrayyan.example'], ['سلمان العلي', 'Salman Al Ali', 'salman@alrayyan.example'], ['ليلى حسن', 'Layla Hassan', 'layla@alrayyan.example']]) {
    const had = await add('staff', { name_ar: ar, name_en: en, email });
    await records(had + 1);
  }
  await win.go('#/setup/assignments');
  await win.find('[data-cell="1A:ARB"]');
  // Maryam teaches 1A its Arabic and mathematics; Salman, 1B and 2A their Arabic; Layla, science.
  for (const [cell, name] of [['1A:ARB', 'مريم'], ['1A:MTH', 'مريم'], ['1B:ARB', 'سلمان'], ['2A:ARB', 'سلمان'], ['1B:SCI', 'ليلى']]) {
    const teacher = await win.run(
      'return [...document.querySelector(`[data-cell="${arguments[0]}"]`).options].find((o) => o.textContent.includes(arguments[1])).value',
      cell,
      name,
    );
    await win.choose(`[data-cell="${cell}"]`, teacher);
    await win.until('the assignment kept', 'return document.querySelector(`[data-cell="${arguments[0]}"]`).value === arguments[1]', [cell, teacher]);
  }
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
  // Another system's Excel export of 30 students: names in two columns, real Excel dates,
  // its own gender words, no admission numbers (fixtures/another-system-students.xlsx).
  const xlsx = new URL('./fixtures/another-system-students.xlsx', import.meta.url).pathname;
  await win.click('nav [data-screen="students"]');
  await win.click('[data-testid="import"]');
  await win.type('[data-testid="import-file"]', xlsx);
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
  assert.equal(plan.length, 30, plan.join('\n'));
  assert.ok(plan.every((row) => row.startsWith('new')), plan.join('\n'));
  assert.match(plan[0], /Noura Al Thani/);
  await win.click('[data-testid="import-run"]');
  await win.textUntil('the report', '[data-testid="import-report"]', (t) => t.length > 0);
  await win.find('[data-testid="import-undo"]');
  // Placed as the file says: 15 in each of the two first-grade classrooms.
  await win.click('nav [data-screen="attendance"]');
  await win.find('[data-testid="attendance-classroom"] option');
  const rooms = await win.run('return [...document.querySelectorAll("[data-testid=attendance-classroom] option")].map((o) => o.textContent.trim())');
  assert.equal(rooms.length, 3, rooms.join());
  // The register of the last school day, in the school's day/month/year and Arabic digits.
  await win.clear('[data-testid="attendance-date"]');
  await win.type('[data-testid="attendance-date"]', arabicDigits(dmy(lastSchoolDay)));
  await win.keys(KEY.Enter);
  await win.until('the register of that day', 'return document.querySelectorAll("[data-row]").length === 15 && document.querySelector("[data-testid=register-state]")?.dataset.taken === "no"');
  await win.until('focus on the first row', 'return document.activeElement?.dataset.row === "0"');
  await win.keys('غ', 'م');
  await win.keys([KEY.Control, 's']);
  await win.find('[data-testid="register-saved"]');
  await win.screenshot('ar-new-school-register');
  const registerRoom = await win.run('return document.querySelector("[data-testid=attendance-classroom]").value');
  await win.click('nav [data-screen="marks"]');
  await win.click('[data-testid="assessment-new"]');
  await win.find('[data-testid="assessment-form"] select[name="subject"] option:nth-child(2)');
  const subject = await win.run('return document.querySelector("[data-testid=assessment-form] select[name=subject] option:nth-child(2)").value');
  await win.choose('[data-testid="assessment-form"] select[name="subject"]', subject);
  await win.type('[data-testid="assessment-form"] input[name="name_ar"]', 'اختبار قصير');
  await win.type('[data-testid="assessment-form"] input[name="name_en"]', 'Quiz 1');
  // Set on the register's school day: today may be a weekend, which the form refuses.
  await win.clear('[data-testid="assessment-form"] input[name="date"]');
  await win.type('[data-testid="assessment-form"] input[name="date"]', dmy(lastSchoolDay));
  await win.click('[data-testid="assessment-save"]');
  await win.until('the new quiz chosen', 'return document.querySelector("[data-testid=assessment] option:checked")?.textContent.includes("اختبار قصير")');
  await win.find('[data-mark-row="1"]');
  await win.type('[data-mark-row="0"]', '18');
  await win.type('[data-mark-row="1"]', '١٥');
  // The term result follows the mark as it is typed (this quiz is the term's only one).
  await win.textUntil('the term result', '[data-term-row="0"]', (t) => /^90[.,٫]0/.test(t));
  await win.run('[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "حفظ").click()');
  await win.textUntil('marks saved', '[role="status"]', (t) => t.length > 0);
  // The sheet's history names whose mark changed, by whom, still on this desktop.
  await win.click('[data-testid="show-mark-history"]');
  const changes = await win.until('the history', 'return document.querySelectorAll("[data-testid=mark-history] tr").length');
  assert.equal(changes, 2);
  assert.match(await win.text('[data-testid="mark-history"]'), /هند المري/);
  // The mark sheet as a spreadsheet, into the data folder's exports.
  await win.click('[data-testid="export-marks-xlsx"]');
  await win.find('[data-testid="export-marks-done"]');
  const sheet = await win.run('return document.querySelector("[data-testid=export-marks-done]").dataset.path');
  assert.ok(sheet.endsWith('.xlsx') && readFileSync(sheet).subarray(0, 2).toString() === 'PK', sheet);
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
  // The month of the register: printed to sign, and as a CSV with its Arabic marks.
  await win.choose('[data-testid="month-classroom"]', registerRoom);
  await win.choose('[data-testid="month"]', iso(lastSchoolDay).slice(0, 7));
  await win.click('[data-testid="print-register"]');
  const register = await win.textUntil('the register printed', '[data-testid="register-printed"]', (t) => t.length > 0);
  const registerPdf = register.match(/\/\S+\.pdf/)?.[0];
  assert.ok(registerPdf && existsSync(registerPdf), register);
  await win.click('[data-testid="export-attendance-csv"]');
  await win.find('[data-testid="export-attendance-done"]');
  const month = readFileSync(await win.run('return document.querySelector("[data-testid=export-attendance-done]").dataset.path'), 'utf8');
  assert.equal(month.trim().split('\n').length, 16, month);
  assert.match(month, /غ/);
  assert.match(month, /م/);
  await win.screenshot('ar-new-school-month-exported');
});

test('connected later to an empty cloud school, the first sync sends it all; the teacher signs in and sees exactly her classroom', async () => {
  const school = await startCloud();
  const { school: slug, admin } = school.empty;
  await win.click('nav [data-screen="sync"]');
  await win.type('[data-testid="connect-server"]', school.server);
  await win.type('[data-testid="connect-school"]', slug);
  await win.type('[data-testid="connect-user"]', admin);
  await win.type('[data-testid="connect-password"]', school.password);
  await win.click('[data-testid="connect-submit"]');
  await win.find('[data-testid="sync-state"]', 30000);
  // Maryam's account, once her staff record has reached the cloud with the first sync.
  await win.click('nav [data-screen="accounts"]');
  const maryam = await win.until(
    'her staff record offered',
    'return [...document.querySelectorAll("[data-testid=account-form] select[name=staff_id] option")].find((o) => o.textContent.includes("مريم"))?.value',
    [],
    30000,
  );
  await win.type('[data-testid="account-form"] input[name="username"]', 'maryam');
  await win.choose('[data-testid="account-form"] select[name="role"]', 'teacher');
  await win.choose('[data-testid="account-form"] select[name="staff_id"]', maryam);
  await win.type('[data-testid="account-form"] input[name="password"]', 'maryam-one-time-1');
  for (let attempt = 0; ; attempt++) {
    await win.click('[data-testid="account-create"]');
    const outcome = await win.until('the account made or refused', `
      if (document.querySelector('[data-account=maryam]')) return 'made';
      const error = document.querySelector('[role=alert][data-code]');
      return error ? error.dataset.code : null;`);
    if (outcome === 'made') break;
    assert.equal(outcome, 'missing-reference', 'only a staff record not yet synced delays it');
    assert.ok(attempt < 60, 'the staff record reached the cloud');
    await new Promise((r) => setTimeout(r, 1000));
  }
  // The founder's own account names her staff record now that it is in the cloud.
  await win.click('nav [data-screen="dashboard"]');
  await win.click('nav [data-screen="accounts"]');
  await win.textUntil('the founder linked', `[data-account="${admin}"]`, (t) => t.includes('هند المري'), 30000);
  await win.screenshot('ar-new-school-accounts');

  const teacher = await Window.launch('en');
  try {
    await teacher.type('[data-testid="connect-server"]', school.server);
    await teacher.type('[data-testid="connect-school"]', slug);
    await teacher.type('[data-testid="connect-user"]', 'maryam');
    await teacher.type('[data-testid="connect-password"]', 'maryam-one-time-1');
    await teacher.click('[data-testid="connect-submit"]');
    await teacher.find('[data-testid="change-password"]', 30000);
    await teacher.type('[data-testid="change-password"] input[name="current"]', 'maryam-one-time-1');
    await teacher.type('[data-testid="change-password"] input[name="new"]', 'maryams-own-secret');
    await teacher.type('[data-testid="change-password"] input[name="again"]', 'maryams-own-secret');
    await teacher.click('[data-testid="change-password-save"]');
    await teacher.find('[data-testid="me"]', 120000);
    assert.match(await teacher.text('[data-testid="me"]'), /Maryam Al Kuwari/);
    await teacher.click('nav [data-screen="attendance"]');
    await teacher.find('[data-testid="attendance-classroom"] option');
    const rooms = await teacher.run('return [...document.querySelectorAll("[data-testid=attendance-classroom] option")].map((o) => o.textContent.replace(/[\\u2066-\\u2069]/g, "").trim())');
    assert.deepEqual(rooms, ['1A']);
    // The register taken offline on the founder's desktop came with the first sync.
    await teacher.clear('[data-testid="attendance-date"]');
    await teacher.type('[data-testid="attendance-date"]', dmy(lastSchoolDay));
    await teacher.keys(KEY.Enter);
    await teacher.until('the register as taken', 'return document.querySelector("[data-testid=register-state]")?.dataset.taken === "yes" && document.querySelectorAll("[data-row]").length === 15');
    const marks = await teacher.run('return [...document.querySelectorAll("[data-row]")].map((r) => r.dataset.mark).slice(0, 2)');
    assert.deepEqual(marks, ['absent', 'late']);
    await teacher.screenshot('en-new-school-teacher');
  } finally {
    await teacher.quit();
  }
});
