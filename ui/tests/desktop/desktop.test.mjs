// The desktop app in its real window (tauri-driver + WebKitWebDriver under Xvfb), driven as
// a person would: explore the demo school, find a student by an Arabic name typed without
// diacritics or hamza, take a register with the keyboard only, switch language, make an
// invalid edit, and be a teacher who cannot reach fees. Screenshots of the main screens in
// both languages go to artifacts/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, Window } from './webdriver.mjs';

let win;
let allClassrooms = 0;

before(async () => {
  win = await Window.launch('en');
});

after(() => win?.quit());

const heading = () => win.text('main h1');

/** Picks a register's date as the date field's picker would. */
const pickDate = (day) =>
  win.run(
    `const input = document.querySelector('[data-testid=attendance-date]');
     input.value = arguments[0];
     input.dispatchEvent(new Event('input', { bubbles: true }));
     input.dispatchEvent(new Event('change', { bubbles: true }));`,
    day,
  );

test('a new install in English offers the demo school and explores it as an administrator', async () => {
  assert.equal(await win.text('h1'), 'Welcome to Daftar');
  assert.equal(await win.run('return document.documentElement.dir'), 'ltr');
  await win.screenshot('en-welcome');
  await win.exploreDemo('admin', 'nav [data-screen="fees"]');
  assert.equal(await heading(), 'Today at school');
  const rate = await win.text('[data-testid="attendance-rate"]');
  assert.match(rate, /\d+\.\d%/, 'the dashboard shows the latest attendance rate');
  await win.screenshot('en-dashboard');
});

test('an Arabic name typed without diacritics or hamza finds the student, whose profile opens', async () => {
  await win.click('nav [data-screen="students"]');
  await win.until('the first page of students', 'return document.querySelectorAll("[data-student]").length > 10');
  await win.screenshot('en-students');
  // A name stored with tashkeel and hamza, as the office typed it.
  const stored = await win.until(
    'a name with diacritics',
    `for (const row of document.querySelectorAll('[data-student]')) {
       const name = row.children[1].innerText.replace(/[\\u2066-\\u2069]/g, '');
       if (/[\\u064B-\\u0652]/.test(name) && /[أإآ]/.test(name)) return name;
     }
     return null;`,
  );
  const plain = stored
    .replace(/[\u064B-\u0652]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .split(' ')
    .slice(0, 2)
    .join(' ');
  assert.notEqual(plain, stored.split(' ').slice(0, 2).join(' '));
  await win.type('[data-testid="student-search"]', plain);
  await win.until(
    'the search to narrow',
    `const rows = document.querySelectorAll('[data-student]');
     return rows.length > 0 && rows.length < 40 &&
       [...rows].some((r) => r.children[1].innerText.replace(/[\\u2066-\\u2069]/g, '') === arguments[0]);`,
    [stored],
  );
  const found = await win.run(
    `return [...document.querySelectorAll('[data-student]')].find((r) => r.children[1].innerText.replace(/[\\u2066-\\u2069]/g, '') === arguments[0]).dataset.student`,
    stored,
  );
  await win.click(`[data-student="${found}"]`);
  await win.find('[data-testid="student-name"]');
  const shown = await win.text('[data-testid="student-name"]');
  const english = await win.text('main p.muted');
  assert.ok(english.includes(stored), `the profile of ${stored} opened (${english})`);
  assert.ok(shown.length > 3);
  await win.screenshot('en-student-profile');
  // Its history: the demo school was made on this desktop, so every change is still here.
  await win.click('[data-testid="show-history"]');
  const history = await win.textUntil('the history', '[data-testid="history"]', (t) => t.length > 0);
  assert.match(history, /not synced yet/);
});

test('an invalid edit is refused with its message beside the field', async () => {
  await win.click('[data-testid="edit-student"]');
  await win.clear('input[name="birth_date"]');
  await win.type('input[name="birth_date"]', '2015-02-30');
  await win.click('[data-testid="student-form"] button[type="submit"]');
  const message = await win.until(
    'the date to be refused',
    'return document.querySelector("[data-field-error=birth_date]").innerText',
  );
  assert.match(message, /2015-02-30/);
  assert.equal(await win.run('return document.querySelector("input[name=birth_date]").getAttribute("aria-invalid")'), 'true');
  const code = await win.run('return document.querySelector("[data-testid=student-form] [role=alert]").dataset.code');
  assert.equal(code, 'invalid-date');
  // An empty name is caught before it is sent.
  await win.clear('input[name="name_en"]');
  await win.click('[data-testid="student-form"] button[type="submit"]');
  assert.equal(
    await win.until('the empty name', 'return document.querySelector("[data-field-error=name_en]").innerText'),
    'This cannot be empty.',
  );
  await win.screenshot('en-invalid-edit');
});

test('a register is taken with the keyboard only, saved offline, and reopens with its marks', async () => {
  await win.click('nav [data-screen="dashboard"]');
  const day = await win.until('the last register day', 'return document.querySelector("[data-testid=attendance-rate]")?.dataset.day');
  await win.click('nav [data-screen="attendance"]');
  await win.until('the roster', 'return document.querySelectorAll("[data-row]").length > 5');
  allClassrooms = await win.run('return document.querySelectorAll("[data-testid=attendance-classroom] option").length');
  // The last school day's register, already taken by the demo, reopens with its marks.
  await pickDate(day);
  await win.until('the taken register', 'return document.querySelector("[data-testid=register-state]")?.dataset.taken === "yes"');
  const before = await win.run('return [...document.querySelectorAll("[data-row]")].map((r) => r.dataset.mark)');
  assert.ok(before.length > 5);
  // Keyboard only: the first row has focus; a = absent (moves down), l = late, e = excused.
  await win.until('focus on the first row', 'return document.activeElement?.dataset.row === "0"');
  await win.keys('a', 'l', KEY.ArrowDown, 'e', KEY.ArrowUp, KEY.ArrowUp);
  const marked = await win.run('return [...document.querySelectorAll("[data-row]")].map((r) => r.dataset.mark)');
  assert.deepEqual(marked.slice(0, 4), ['absent', 'late', before[2], 'excused']);
  assert.equal(await win.run('return document.querySelector("[data-testid=register-state]").dataset.taken'), 'no');
  await win.keys([KEY.Control, 's']);
  await win.find('[data-testid="register-saved"]');
  // Away and back: the saved marks are what the register shows.
  await win.click('nav [data-screen="students"]');
  await win.click('nav [data-screen="attendance"]');
  await pickDate(day);
  await win.until(
    'the saved marks',
    `const marks = [...document.querySelectorAll('[data-row]')].map((r) => r.dataset.mark);
     return marks[0] === 'absent' && marks[1] === 'late' && marks[3] === 'excused';`,
  );
  await win.screenshot('en-attendance');
});

test('switching to Arabic flips the layout and translates it, live', async () => {
  await win.click('nav [data-screen="settings"]');
  await win.click('[data-lang="ar"]');
  await win.until('rtl', 'return document.documentElement.dir === "rtl" && document.documentElement.lang === "ar"');
  assert.equal(await heading(), 'الإعدادات');
  const navSide = await win.run('return getComputedStyle(document.querySelector(".shell")).direction');
  assert.equal(navSide, 'rtl');
  await win.screenshot('ar-settings');
  for (const [screen, title] of [
    ['dashboard', 'اليوم في المدرسة'],
    ['students', 'الطلاب'],
    ['attendance', 'الحضور'],
    ['fees', 'الرسوم'],
    ['sync', 'المزامنة'],
  ]) {
    await win.click(`nav [data-screen="${screen}"]`);
    await win.until(`the ${screen} heading`, 'return document.querySelector("main h1")?.innerText === arguments[0]', [title]);
    await win.screenshot(`ar-${screen}`);
  }
  // Errors come back in Arabic too.
  await win.go('#/student/not-a-student');
  const error = await win.until('an Arabic error', 'return document.querySelector("main [role=alert]")?.innerText');
  assert.match(error, /[\u0600-\u06FF]/);
});

test('a teacher sees their own classrooms and cannot reach fees', async () => {
  await win.click('nav [data-screen="settings"]');
  await win.click('[data-lang="en"]');
  await win.until('ltr', 'return document.documentElement.dir === "ltr"');
  await win.click('[data-testid="as-teacher"]');
  await win.until('the teacher', 'return document.querySelector(".who")?.innerText.includes("Teacher")');
  assert.equal(await win.run('return document.querySelector("nav [data-screen=fees]")'), null);
  await win.go('#/fees');
  const refusal = await win.until('the refusal', 'return document.querySelector("main [role=alert]")');
  assert.ok(refusal);
  assert.equal(await win.run('return document.querySelector("main [role=alert]").dataset.code'), 'not-allowed');
  assert.match(await win.text('main [role=alert]'), /does not give access to fees/);
  await win.click('nav [data-screen="attendance"]');
  const classrooms = await win.until('the teacher’s classrooms', 'return document.querySelectorAll("[data-testid=attendance-classroom] option").length');
  assert.ok(classrooms >= 1 && classrooms < allClassrooms, `a teacher has their classrooms (${classrooms}), not all ${allClassrooms}`);
  await win.screenshot('en-teacher-fees-refused');
});
