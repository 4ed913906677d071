// Fees in the real window, in Arabic, as the office works them on the demo school: a plan
// for a grade with two items (tuition zero-rated in three instalments, a uniform at 5%) and a
// sibling discount; the first instalment's invoicing run previewed, issued, and run again
// (nothing new); then a partial payment on one of its invoices and its receipt printed, a
// credit note on it with its reason, its tax invoice printed; the family's account and its
// statement printed; the day's cash report and the aging, and the payments exported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Window } from './webdriver.mjs';

let win;

before(async () => {
  win = await Window.launch('ar');
});

after(() => win?.quit());

const arabicDigits = (text) => text.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);
const rows = (css) => win.run('return [...document.querySelectorAll(arguments[0])].map((r) => r.dataset.outcome)', css);

test('a grade is planned and invoiced once, and a partial payment gets its receipt', async () => {
  await win.exploreDemo('office', 'nav [data-screen="fees"]');
  await win.click('nav [data-screen="fees"]');
  await win.click('[data-fees="plans"]');
  // The grades come in after the form: wait for them.
  await win.find('[data-testid="plan-form"] select[name="grade"] option:nth-child(2)');
  const grade = await win.run('return document.querySelector("[data-testid=plan-form] select[name=grade] option:nth-child(2)").value');
  await win.choose('[data-testid="plan-form"] select[name="grade"]', grade);
  await win.type('[data-testid="plan-form"] input[name="name_ar"]', 'رسوم الصف الأول');
  await win.type('[data-testid="plan-form"] input[name="name_en"]', 'Grade 1 fees');
  await win.click('[data-testid="plan-save"]');
  await win.find('[data-plan]');

  // Tuition, zero-rated, in three instalments typed day/month/year (one in Arabic digits).
  await win.find('[data-testid="item-form"]');
  await win.choose('[data-testid="item-form"] select[name="kind"]', 'tuition');
  await win.type('[data-testid="item-form"] input[name="name_ar"]', 'الرسوم الدراسية');
  await win.type('[data-testid="item-form"] input[name="name_en"]', 'Tuition');
  await win.type('[data-testid="item-form"] input[name="amount"]', '٣٠٠٠٠');
  await win.choose('[data-testid="item-form"] select[name="vat"]', 'zero');
  await win.find('[data-due="2"]');
  await win.type('[data-due="0"]', '01/09/2026');
  await win.type('[data-due="1"]', arabicDigits('10/01/2027'));
  await win.type('[data-due="2"]', '01/04/2027');
  await win.click('[data-testid="item-save"]');
  await win.until('the tuition listed', 'return document.querySelectorAll("[data-plan] [data-item]").length === 1');

  // A uniform at the standard rate, all with the first instalment.
  await win.choose('[data-testid="item-form"] select[name="kind"]', 'uniform');
  await win.type('[data-testid="item-form"] input[name="name_ar"]', 'الزي المدرسي');
  await win.type('[data-testid="item-form"] input[name="name_en"]', 'Uniform');
  await win.type('[data-testid="item-form"] input[name="amount"]', '500');
  await win.choose('[data-testid="item-form"] select[name="vat"]', 'standard');
  await win.clear('[data-testid="item-form"] input[name="count"]');
  await win.type('[data-testid="item-form"] input[name="count"]', '1');
  await win.until('one due date', 'return document.querySelectorAll("[data-due]").length === 1');
  await win.type('[data-due="0"]', '01/09/2026');
  await win.click('[data-testid="item-save"]');
  await win.until('both items listed', 'return document.querySelectorAll("[data-plan] [data-item]").length === 2');
  const items = await win.text('[data-testid="plan-items"]');
  assert.match(items, /10,000\.00|10٬000٫00|١٠٬٠٠٠٫٠٠|10000/, items);
  assert.match(items, /5%|٥٪|5٪/, items);

  await win.clear('[data-testid="policy-form"] input[name="sibling_second"]');
  await win.type('[data-testid="policy-form"] input[name="sibling_second"]', '10');
  await win.click('[data-testid="policy-save"]');
  await win.textUntil('the policy saved', '[data-testid="fees-notice"]', (t) => t.length > 0);
  await win.screenshot('ar-fees-plan');

  // The first instalment for that grade: previewed, then issued, then nothing new.
  await win.click('[data-fees="run"]');
  await win.find('[data-testid="run-grade"] option:nth-child(2)');
  await win.choose('[data-testid="run-grade"]', grade);
  await win.click('[data-testid="run-preview"]');
  await win.textUntil('the preview', '[data-testid="run-previewed"]', (t) => t.length > 0);
  const previewed = await rows('[data-testid="run-invoices"] tbody tr');
  assert.ok(previewed.length > 10, `a grade's invoices: ${previewed.length}`);
  assert.ok(previewed.every((o) => o === 'new'));
  await win.screenshot('ar-fees-run-preview');
  await win.click('[data-testid="run-issue"]');
  await win.textUntil('the invoices issued', '[data-testid="run-done"]', (t) => t.length > 0);
  const number = await win.run('return document.querySelector("[data-testid=run-invoices] tbody tr td").innerText.trim()');
  await win.click('[data-testid="run-preview"]');
  await win.textUntil('the second preview', '[data-testid="run-previewed"]', (t) => t.length > 0);
  const again = await rows('[data-testid="run-invoices"] tbody tr');
  assert.equal(again.length, previewed.length);
  assert.ok(again.every((o) => o === 'issued'), 'running it again issues nothing new');
  assert.equal(await win.run('return document.querySelector("[data-testid=run-issue]").disabled'), true);

  // A partial payment on one of them, and its receipt.
  await win.click('[data-fees="invoices"]');
  await win.find('input[type="search"]');
  await win.type('input[type="search"]', number.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))));
  await win.until('the invoice found', 'return document.querySelectorAll("tbody tr.u-clickable").length === 1');
  await win.click('tbody tr.u-clickable a');
  await win.find('form.row input[inputmode="decimal"]');
  await win.type('form.row input[inputmode="decimal"]', '٤٠٠٠');
  await win.click('form.row button[type="submit"]');
  const printed = await win.textUntil('the receipt printed', '.panel [role="status"]', (t) => /\.pdf/.test(t));
  const pdf = printed.match(/\/\S+\.pdf/)?.[0];
  assert.ok(pdf && existsSync(pdf), printed);
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /4,000\.00|4000\.00/);
  assert.equal(await win.run('return document.querySelectorAll("[data-testid=invoice-lines] tbody tr").length'), 2, 'a line per item');
  await win.screenshot('ar-fees-paid');

  // The uniform comes back: a credit note with its reason; a paid invoice cannot be voided.
  assert.equal(await win.run('return document.querySelector("[data-testid=void-open]")'), null);
  await win.click('[data-testid="credit-open"]');
  await win.type('[data-testid="correct-form"] input[name="amount"]', '525');
  await win.type('[data-testid="correct-form"] input[name="reason"]', 'أعيد الزي المدرسي');
  await win.click('[data-testid="correct-save"]');
  await win.until('the credit note listed', 'return document.querySelectorAll("[data-testid=credit-notes] tr").length === 1');
  assert.match(await win.text('[data-testid="credit-notes"]'), /أعيد الزي المدرسي/);
  await win.screenshot('ar-fees-credited');

  // Its tax invoice: the lines' VAT, what was paid and credited, the total in words.
  await win.click('[data-testid="print-tax-invoice"]');
  const invoiceNotice = await win.textUntil('the tax invoice printed', '.panel [role="status"]', (t) => /invoice-.*\.pdf/.test(t));
  const invoicePdf = invoiceNotice.match(/\/\S+\.pdf/)?.[0];
  assert.ok(invoicePdf && existsSync(invoicePdf), invoiceNotice);
  const invoiceText = spawnSync('pdftotext', [invoicePdf, '-'], { encoding: 'utf8' }).stdout;
  assert.match(invoiceText, /Tax invoice/);
  assert.match(invoiceText, /فاتورة ضريبية/);
  assert.match(invoiceText, /4,000\.00/);
  assert.match(invoiceText, /ten thousand five hundred and twenty-five dirhams only/);

  // The family's account from the invoice: its running balance, and its statement printed.
  await win.click('[data-testid="open-account"]');
  await win.find('[data-testid="family-account"]');
  await win.until('the account listed', 'return document.querySelectorAll("[data-testid=account-entries] tbody tr").length >= 3');
  const entries = await win.text('[data-testid="account-entries"]');
  assert.match(entries, /فاتورة/, entries);
  assert.match(entries, /دفعة/, entries);
  assert.match(entries, /إشعار دائن/, entries);
  await win.screenshot('ar-fees-account');
  await win.click('[data-testid="print-statement"]');
  const statementNotice = await win.textUntil('the statement printed', '[role="status"]', (t) => /statement-.*\.pdf/.test(t));
  const statementPdf = statementNotice.match(/\/\S+\.pdf/)?.[0];
  assert.ok(statementPdf && existsSync(statementPdf), statementNotice);
  const statementText = spawnSync('pdftotext', [statementPdf, '-'], { encoding: 'utf8' }).stdout;
  assert.match(statementText, /Statement of account/);
  assert.match(statementText, /كشف حساب/);
  assert.match(statementText, /4,000\.00/);
  assert.match(statementText, /أعيد الزي المدرسي/);

  // The day's cash report shows the payment; the aging the rest of the grade's invoices.
  await win.click('[data-fees="reports"]');
  await win.textUntil('the day\'s takings', '[data-testid="cash-total"]', (t) => /4,000|٤٬٠٠٠|4٬000/.test(t));
  await win.until('the aging listed', 'return document.querySelectorAll("[data-testid=aging-report] tbody tr").length > 10');
  await win.screenshot('ar-fees-reports');
  await win.click('[data-testid="print-cash"]');
  const cashNotice = await win.textUntil('the cash report printed', '[role="status"]', (t) => /cash-.*\.pdf/.test(t));
  const cashText = spawnSync('pdftotext', [cashNotice.match(/\/\S+\.pdf/)?.[0], '-'], { encoding: 'utf8' }).stdout;
  assert.match(cashText, /Daily cash report/);
  assert.match(cashText, /4,000\.00/);
  await win.click('[data-testid="export-payments-xlsx"]');
  await win.find('[data-testid="export-payments-done"]');
});
