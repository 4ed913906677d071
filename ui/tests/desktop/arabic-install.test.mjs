// A new install on a system whose language is Arabic opens in Arabic, right to left, and
// the window's plural rules are CLDR's (the same the .ftl messages are written for).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from './webdriver.mjs';

let win;

before(async () => {
  win = await Window.launch('ar');
});

after(() => win?.quit());

test('a new install on an Arabic system starts in Arabic, right to left', async () => {
  assert.equal(await win.text('h1'), 'أهلًا بك في دفتر');
  assert.equal(await win.run('return document.documentElement.dir'), 'rtl');
  assert.equal(await win.run('return document.documentElement.lang'), 'ar');
  await win.screenshot('ar-welcome');
});

test('the window counts in Arabic as CLDR does', async () => {
  const categories = await win.run(
    'const rules = new Intl.PluralRules("ar"); return [0, 1, 2, 3, 11, 100, 103, 111].map((n) => rules.select(n))',
  );
  assert.deepEqual(categories, ['zero', 'one', 'two', 'few', 'many', 'other', 'few', 'many']);
});
