// The window's messages: every locale has every id the others have, each file parses, and
// Arabic plural messages read right for every count (through Fluent and Intl.PluralRules,
// as the window formats them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { FluentBundle, FluentResource } from '@fluent/bundle';

const LOCALES = new URL('../../../locales/', import.meta.url);
const LANGS = ['en', 'ar'];

function files(lang) {
  return readdirSync(new URL(`${lang}/`, LOCALES)).filter((f) => f.endsWith('.ftl')).sort();
}

function ids(text) {
  return [...text.matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1]).sort();
}

function bundle(lang) {
  const plural = new Intl.PluralRules(lang);
  const b = new FluentBundle(`${lang}-u-nu-latn`, { functions: { PLURAL: ([n]) => plural.select(Number(n.valueOf())) }, useIsolating: false });
  for (const file of files(lang)) {
    const errors = b.addResource(new FluentResource(readFileSync(new URL(`${lang}/${file}`, LOCALES), 'utf8')));
    assert.deepEqual(errors, [], `locales/${lang}/${file} parses`);
  }
  return b;
}

test('every locale has the same files and the same message ids', () => {
  assert.deepEqual(files('ar'), files('en'));
  for (const file of files('en')) {
    const [en, ar] = LANGS.map((lang) => ids(readFileSync(new URL(`${lang}/${file}`, LOCALES), 'utf8')));
    assert.deepEqual(ar.filter((id) => !en.includes(id)), [], `ids in ar/${file} but not en`);
    assert.deepEqual(en.filter((id) => !ar.includes(id)), [], `ids in en/${file} but not ar`);
  }
});

test('Arabic counts take their right plural form', () => {
  const ar = bundle('ar');
  const students = (count) => ar.formatPattern(ar.getMessage('ui-students-found').value, { count });
  assert.equal(students(0), 'لا يوجد طلاب');
  assert.equal(students(1), 'طالب واحد');
  assert.equal(students(2), 'طالبان');
  assert.equal(students(3), '3 طلاب');
  assert.equal(students(11), '11 طالبًا');
  assert.equal(students(100), '100 طالب');
  assert.equal(students(103), '103 طلاب');
  assert.equal(students(111), '111 طالبًا');
});

test('every window message formats in both languages without errors', () => {
  for (const lang of LANGS) {
    const b = bundle(lang);
    for (const file of files(lang).filter((f) => f === 'desktop.ftl')) {
      for (const id of ids(readFileSync(new URL(`${lang}/${file}`, LOCALES), 'utf8'))) {
        const errors = [];
        const args = { count: 3, pending: 3, total: 20, done: 5, role: 'admin', status: 'absent', gender: 'female', relation: 'mother', method: 'cash', pages: 2, present: 1, absent: 2, late: 3, excused: 4, taken: 1, classrooms: 2, invoiced: '1', conflicts: 1, rejected: 0, user: 'u', school: 's', server: 'x', table: 't', column: 'c', path: 'p', area: 'fees', value: 'v', classroom: '5A', year: '2027/2028', students: 30, capacity: 35, placed: 2, moved: 1, promote: 28, repeat: 1, skip: 1, promoted: 28, repeating: 1, graduated: 0, skipped: 1, date: '1 Sep', name: 'b.sqlite3', mb: 1.5, created: 3, updated: 1, unchanged: 0, left: 4, kind: 'term', pattern: 'dd/mm/yyyy', n: 1, action: 'created', password: 'p', outcome: 'new', removed: 1, restored: 2, device: 'd', at: 'now', fields: 'name_en', vat: 'standard', discount: '1', reason: 'r', bucket: 2, amount: '1', invoice: 'F-1', surplus: '1', due: '1', credited: '1', paid: '1', channel: 'sms', state: 'queued', guardian: 'g', audience: 'grade', threshold: 10, view: 'fees', days: 61, level: 'grade' };
        const text = b.formatPattern(b.getMessage(id).value, args, errors);
        assert.deepEqual(errors, [], `${lang} ${id}`);
        assert.ok(text.length > 0);
      }
    }
  }
});
