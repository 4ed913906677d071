// The desktop connected to a real cloud, as each role signs in from the welcome screen of a
// new install: a throwaway PostgreSQL and daftar-cloud with the demo school pushed to it
// (crates/cli/examples/cloud_school.rs, named by DAFTAR_CLOUD_SCHOOL_BIN). The teacher sees
// exactly their own classrooms with their name, and the fees screen refuses them; the
// office clerk and the administrator see the whole school under their own names. An office
// desktop and an accountant's laptop (the daftar CLI) pay one invoice in full while apart:
// the cloud keeps both and the window's sync screen shows the second beside the first.
// Needs a Secret Service on the session bus (scripts/test-desktop starts one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Window } from './webdriver.mjs';

let cloud;
let school;

before(async () => {
  const binary = process.env.DAFTAR_CLOUD_SCHOOL_BIN;
  if (!binary) throw new Error('DAFTAR_CLOUD_SCHOOL_BIN must name the built cloud_school example');
  cloud = spawn(binary, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: cloud.stdout });
  school = await new Promise((done, fail) => {
    cloud.on('exit', (code) => fail(new Error(`cloud_school ended (${code}) before it was ready`)));
    lines.once('line', (line) => done(JSON.parse(line)));
  });
});

after(() => cloud?.stdin.end());

/** A new install signed in to the school as `role`'s account, the school downloaded. */
async function signIn(role) {
  const account = school.accounts[role];
  const win = await Window.launch('en');
  await win.type('[data-testid="connect-server"]', school.server);
  await win.type('[data-testid="connect-school"]', school.school);
  await win.type('[data-testid="connect-user"]', account.username);
  await win.type('[data-testid="connect-password"]', school.password);
  await win.click('[data-testid="connect-submit"]');
  // The first download ends with a data-changed event: the school opens by itself.
  await win.find('[data-testid="me"]', 120000);
  return { win, account };
}

const names = (win) =>
  win.run(
    `return [...document.querySelectorAll('[data-testid=attendance-classroom] option')]
       .map((o) => o.textContent.replace(/[\\u2066-\\u2069]/g, '').trim());`,
  );

const navigation = (win) =>
  win.run('return [...document.querySelectorAll("nav [data-screen]")].map((a) => a.dataset.screen);');

test('a teacher signed in to the cloud sees exactly their classrooms, with their name, and no fees', async () => {
  const { win, account } = await signIn('teacher');
  try {
    assert.ok(account.classrooms.length > 0, 'the demo teacher has classrooms');
    assert.ok(account.classrooms.length < school.accounts.office.classrooms.length, 'and others have classrooms of their own');
    assert.match(await win.text('[data-testid="me"]'), new RegExp(account.name_en));
    const screens = await navigation(win);
    assert.ok(!screens.includes('fees') && screens.includes('attendance'), screens.join());
    await win.click('nav [data-screen="dashboard"]');
    const taken = await win.until('registers counted on the dashboard', `
      const card = document.querySelector('[data-testid=attendance-rate]');
      return card ? card.innerText : null;`);
    assert.match(taken.replace(/[\u2066-\u2069]/g, ''), new RegExp(`of ${account.classrooms.length} registers taken`));
    await win.screenshot('en-connected-teacher-dashboard');

    await win.click('nav [data-screen="attendance"]');
    await win.find('[data-testid="attendance-classroom"] option');
    assert.deepEqual((await names(win)).sort(), [...account.classrooms].sort());
    await win.screenshot('en-connected-teacher-attendance');

    // Typed into the address bar: the fees screen refuses, in the person's language.
    await win.go('#/fees');
    const refused = await win.until('the fees screen to refuse', `
      const error = document.querySelector('[role=alert][data-code]');
      return error ? error.dataset.code + ' ' + error.innerText : null;`).then((text) => text.replace(/[\u2066-\u2069]/g, ''));
    assert.match(refused, /^not-allowed Your role does not give access to fees\./);
  } finally {
    await win.quit();
  }
});

for (const role of ['office', 'admin']) {
  test(`an ${role} account signed in to the cloud works under its own name across the school`, async () => {
    const { win, account } = await signIn(role);
    try {
      assert.match(await win.text('[data-testid="me"]'), new RegExp(account.name_en));
      const screens = await navigation(win);
      assert.ok(screens.includes('fees'), screens.join());
      assert.equal(screens.includes('marks'), role === 'admin', screens.join());
      await win.click('nav [data-screen="attendance"]');
      await win.find('[data-testid="attendance-classroom"] option');
      assert.deepEqual((await names(win)).sort(), [...account.classrooms].sort());
      await win.click('nav [data-screen="fees"]');
      await win.until('invoices', 'return document.querySelectorAll("[data-invoice]").length > 0 || document.querySelectorAll("tbody tr").length > 0');
      await win.screenshot(`en-connected-${role}-fees`);
    } finally {
      await win.quit();
    }
  });
}


test('an administrator sees the messages to guardians, publishes report cards, in English and Arabic', async () => {
  const { win } = await signIn('admin');
  try {
    await win.click('nav [data-screen="messages"]');
    await win.find('[data-testid="message-counts"]');
    // Today's absences in the pushed school wait for the gateway the school has not set.
    const queued = () => win.run('return Number(document.querySelector("[data-channel=sms] [data-state=queued]").textContent.replace(/[^0-9]/g, ""))');
    const before = await queued();
    await win.find('[data-testid="publish-term"] option');
    await win.click('[data-testid="publish-submit"]');
    await win.textUntil('report cards published', '[data-testid="messages-notice"]', (t) => /messages queued/.test(t));
    await win.until('the counts grown', 'return Number(document.querySelector("[data-channel=sms] [data-state=queued]").textContent.replace(/[^0-9]/g, "")) > arguments[0]', [before]);
    const kinds = await win.run('return [...document.querySelectorAll("[data-testid=messages] tr[data-message] td:nth-child(3)")].map((td) => td.textContent.trim())');
    // The newest are the report cards' (the demo's announcements are history, told to nobody).
    assert.equal(kinds[0], 'Report cards', kinds.join());
    assert.ok((await queued()) > before);
    await win.screenshot('en-connected-messages');
    // Once per term: a second publication tells nobody again.
    await win.click('[data-testid="publish-submit"]');
    await win.textUntil('nobody told twice', '[data-testid="messages-notice"]', (t) => /already been told/.test(t));
    await win.click('nav [data-screen="settings"]');
    await win.click('[data-lang="ar"]');
    await win.click('nav [data-screen="messages"]');
    await win.textUntil('the screen in Arabic', 'h1', (t) => /رسائل أولياء الأمور/.test(t));
    assert.equal(await win.run('return document.documentElement.dir'), 'rtl');
    await win.screenshot('ar-connected-messages');
  } finally {
    await win.quit();
  }
});

test('two desktops paying one invoice apart: the second payment is kept and shown beside the first', async () => {
  // The accountant's laptop: the daftar CLI beside the window's binary, its own data folder.
  const cli = join(dirname(process.env.DAFTAR_DESKTOP_BIN), 'daftar');
  const folder = mkdtempSync(join(tmpdir(), 'daftar-laptop-'));
  const laptop = (...args) => {
    const run = spawnSync(cli, args, {
      env: { ...process.env, DAFTAR_DATA_DIR: folder, DAFTAR_LANG: 'en', DAFTAR_PASSWORD: school.password },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `daftar ${args.join(' ')}: ${run.stdout}${run.stderr}`);
    return run.stdout;
  };
  laptop('connect', '--server', school.server, '--school', school.school, '--user', school.accounts.office.username, '--device-name', 'laptop');
  laptop('sync');
  const unpaid = JSON.parse(laptop('fees', 'invoices', '--unpaid', '--limit', '1', '--json')).items[0];
  const number = unpaid.invoice.number;
  const whole = String(unpaid.balance / 100);

  const { win } = await signIn('office');
  try {
    // The office takes the whole balance in the window; it reaches the cloud first.
    await win.click('nav [data-screen="fees"]');
    await win.find('input[type="search"]');
    await win.type('input[type="search"]', number);
    await win.until('the invoice found', 'return document.querySelectorAll("tbody tr.u-clickable").length === 1');
    await win.click('tbody tr.u-clickable a');
    await win.find('form.row input[inputmode="decimal"]');
    await win.type('form.row input[inputmode="decimal"]', whole);
    await win.click('form.row button[type="submit"]');
    await win.textUntil('the receipt printed', '.panel [role="status"]', (t) => /\.pdf/.test(t));
    await win.click('nav [data-screen="sync"]');
    await win.textUntil('the payment sent', '[data-testid="sync-state"]', (t) => /Up to date/.test(t), 60000);

    // The laptop, not synced since, takes it too by transfer, then syncs.
    laptop('fees', 'pay', '--invoice', number, '--amount', whole, '--method', 'bank-transfer', '--reference', 'TRF-7781');
    const round = JSON.parse(laptop('sync', '--json'));
    assert.equal(round.rejected, 0, JSON.stringify(round));

    // The window pulls the review: the laptop's payment beside the office's.
    await win.click('[data-testid="sync-now"]');
    await win.find('[data-review="overpaid"]', 60000);
    const later = await win.text('[data-testid="overpaid-payment"]');
    const met = await win.text('[data-testid="overpaid-met"]');
    assert.match(later, /TRF-7781/, later);
    assert.match(met, /R-/, met);
    await win.screenshot('en-connected-overpaid');
    await win.click('[data-testid="overpaid-keep"]');
    await win.until('the review settled', 'return document.querySelector("[data-review=overpaid]") === null');
    // Kept: the invoice holds the laptop's payment as the family's credit.
    await win.go('#/fees');
    await win.find('input[type="search"]');
    await win.click('input[type="checkbox"]');
    await win.type('input[type="search"]', number);
    await win.until('the invoice found', 'return document.querySelectorAll("tbody tr.u-clickable").length === 1');
    await win.click('tbody tr.u-clickable a');
    await win.textUntil('the family credit shown', '[data-testid="family-credit"]', (t) => t.length > 0);
  } finally {
    await win.quit();
  }
});

/** On the set-up screen: a new record of `part` with these text fields (and `then`). */
async function addRecord(win, part, fields, then = async () => {}) {
  await win.go(`#/setup/${part}`);
  await win.find(`[data-kind="${part}"] [data-testid="setup-new"]`);
  const before = await win.run('return document.querySelectorAll("[data-testid=setup-records] tr[data-record]").length');
  await win.click('[data-testid="setup-new"]');
  for (const [name, value] of Object.entries(fields)) {
    await win.type(`[data-testid="setup-form"] input[name="${name}"]`, value);
  }
  await then();
  await win.click('[data-testid="setup-save"]');
  await win.until(`a new ${part}`, 'return document.querySelectorAll("[data-testid=setup-records] tr[data-record]").length > arguments[0]', [before]);
}

test('an administrator sets an empty cloud school up, and a teacher given an account sees only their classroom', async () => {
  const { school: slug, admin } = school.empty;
  const founder = await Window.launch('en');
  let teacher;
  try {
    await founder.type('[data-testid="connect-server"]', school.server);
    await founder.type('[data-testid="connect-school"]', slug);
    await founder.type('[data-testid="connect-user"]', admin);
    await founder.type('[data-testid="connect-password"]', school.password);
    await founder.click('[data-testid="connect-submit"]');
    // Nothing to download: once the first sync is done, the welcome offers the set-up.
    await founder.find('[data-testid="start-school"]', 60000);
    await founder.type('[data-testid="start-school"] input[name="name_ar"]', 'مدرسة الغد');
    await founder.type('[data-testid="start-school"] input[name="name_en"]', 'Al Ghad School');
    await founder.type('[data-testid="start-school"] input[name="admin_name_ar"]', 'فاطمة');
    await founder.type('[data-testid="start-school"] input[name="admin_name_en"]', 'Fatima');
    await founder.click('[data-testid="start-submit"]');
    await founder.find('[data-testid="setup-checklist"]', 30000);

    const now = new Date();
    const year = now.getFullYear() - (now.getMonth() < 7 ? 1 : 0);
    await addRecord(founder, 'year', { name: `${year}-${year + 1}`, start_date: `01/08/${year}`, end_date: `31/07/${year + 1}` });
    await addRecord(founder, 'grade', { name_ar: 'الصف الرابع', name_en: 'Grade 4' });
    const grade = await founder.run('return document.querySelector("[data-testid=setup-records] tr[data-record]").dataset.record');
    for (const name of ['4A', '4B']) {
      await addRecord(founder, 'classroom', { name_ar: name, name_en: name, capacity: '30' }, () =>
        founder.choose('[data-testid="setup-form"] select[name="grade_id"]', grade),
      );
    }
    await addRecord(founder, 'subject', { code: 'SCI', name_ar: 'العلوم', name_en: 'Science' });
    await addRecord(founder, 'staff', { name_ar: 'عمر', name_en: 'Omar Haddad', email: 'omar@alghad.example' });
    await founder.go('#/setup/assignments');
    await founder.find('[data-cell="4A:SCI"]');
    const omar = await founder.run(
      'return [...document.querySelector("[data-cell=\'4A:SCI\']").options].find((o) => o.textContent.includes("Omar")).value',
    );
    await founder.choose('[data-cell="4A:SCI"]', omar);
    await founder.until('the assignment kept', 'return document.querySelector("[data-cell=\'4A:SCI\']").value === arguments[0]', [omar]);

    // Omar's account, once his staff record has reached the cloud (the sync follows each write).
    await founder.click('nav [data-screen="accounts"]');
    await founder.find('[data-testid="account-form"] select[name="staff_id"] option[value="' + omar + '"]');
    await founder.type('[data-testid="account-form"] input[name="username"]', 'omar');
    await founder.choose('[data-testid="account-form"] select[name="staff_id"]', omar);
    await founder.type('[data-testid="account-form"] input[name="password"]', 'omar-one-time-1');
    for (let attempt = 0; ; attempt++) {
      await founder.click('[data-testid="account-create"]');
      const outcome = await founder.until('the account made or refused', `
        if (document.querySelector('[data-account=omar]')) return 'made';
        const error = document.querySelector('[role=alert][data-code]');
        return error ? error.dataset.code : null;`);
      if (outcome === 'made') break;
      assert.equal(outcome, 'missing-reference', 'only a staff record not yet synced delays it');
      assert.ok(attempt < 20, 'the staff record reached the cloud');
      await new Promise((r) => setTimeout(r, 1000));
    }
    await founder.screenshot('en-connected-accounts');

    // Omar signs in on his own desktop with the one-time password, chooses his own, and
    // sees his one classroom of the two.
    teacher = await Window.launch('en');
    await teacher.type('[data-testid="connect-server"]', school.server);
    await teacher.type('[data-testid="connect-school"]', slug);
    await teacher.type('[data-testid="connect-user"]', 'omar');
    await teacher.type('[data-testid="connect-password"]', 'omar-one-time-1');
    await teacher.click('[data-testid="connect-submit"]');
    await teacher.find('[data-testid="change-password"]', 30000);
    await teacher.screenshot('en-connected-change-password');
    await teacher.type('[data-testid="change-password"] input[name="current"]', 'omar-one-time-1');
    await teacher.type('[data-testid="change-password"] input[name="new"]', 'omars-own-secret');
    await teacher.type('[data-testid="change-password"] input[name="again"]', 'omars-own-secret');
    await teacher.click('[data-testid="change-password-save"]');
    await teacher.find('[data-testid="me"]', 120000);
    assert.match(await teacher.text('[data-testid="me"]'), /Omar Haddad/);
    await teacher.click('nav [data-screen="attendance"]');
    await teacher.find('[data-testid="attendance-classroom"] option');
    assert.deepEqual(await names(teacher), ['4A']);
    const screens = await navigation(teacher);
    assert.ok(!screens.includes('accounts') && !screens.includes('fees'), screens.join());

    // The founder sees Omar's desktop signed in, and signs that one device out.
    await founder.click('nav [data-screen="dashboard"]');
    await founder.click('nav [data-screen="accounts"]');
    await founder.click('[data-account="omar"] [data-testid="account-devices"]');
    await founder.click('[data-testid="device-list"] [data-testid="device-sign-out"]');
    await founder.textUntil('the device signed out', '[data-testid="accounts-notice"]', (t) => /signed out/.test(t));
    await founder.until('no device of Omar\'s left', 'return !document.querySelector("[data-account=omar] [data-testid=account-devices]")');
  } finally {
    await teacher?.quit();
    await founder.quit();
  }
});
