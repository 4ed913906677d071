// The desktop connected to a real cloud, as each role signs in from the welcome screen of a
// new install: a throwaway PostgreSQL and daftar-cloud with the demo school pushed to it
// (crates/cli/examples/cloud_school.rs, named by DAFTAR_CLOUD_SCHOOL_BIN). The teacher sees
// exactly their own classrooms with their name, and the fees screen refuses them; the
// office clerk and the administrator see the whole school under their own names.
// Needs a Secret Service on the session bus (scripts/test-desktop starts one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
