# Printed documents: report cards, receipts, attendance registers.

report-card-title = Report card
report-student = Student
report-admission-number = Admission no.
report-classroom = Class
report-year = Year
report-term = Term
report-subject = Subject
report-assessments = Assessments
report-total = Total
report-percent = %
report-grade = Grade
report-overall = Overall
report-rank = Rank { $rank } of { $count }
report-attendance = Attendance this term
report-present = Present
report-absent = Absent
report-late = Late
report-excused = Excused
report-days = { $count ->
    [0] none
    [one] 1 day
   *[other] { $count } days
}
report-teacher-remark = Class teacher's remark
report-principal-remark = Principal's remark
report-homeroom-teacher = Class teacher
report-principal = Principal
report-signature = Signature
report-no-mark = —
report-no-remark = —
report-issued = Issued { $gregorian } · { $hijri }
report-page = Page { $page } of { $pages }
report-date = { $day } { $month } { $year }
report-hijri-date = { $day } { $month } { $year } AH

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

hijri-month-1 = Muharram
hijri-month-2 = Safar
hijri-month-3 = Rabi al-Awwal
hijri-month-4 = Rabi al-Thani
hijri-month-5 = Jumada al-Ula
hijri-month-6 = Jumada al-Akhirah
hijri-month-7 = Rajab
hijri-month-8 = Shaban
hijri-month-9 = Ramadan
hijri-month-10 = Shawwal
hijri-month-11 = Dhu al-Qadah
hijri-month-12 = Dhu al-Hijjah

receipt-title = Fee receipt
receipt-number = Receipt no.
receipt-date = Date
receipt-student = Student
receipt-guardian = Received from
receipt-invoice = Invoice
receipt-description = For
receipt-method = Paid by
receipt-method-cash = Cash
receipt-method-card = Card
receipt-method-bank_transfer = Bank transfer
receipt-method-cheque = Cheque
receipt-invoice-amount = Invoice amount
receipt-paid-before = Paid before
receipt-this-payment = This payment
receipt-balance = Balance due
receipt-paid-in-full = Paid in full
receipt-received-by = Received by

register-title = Attendance register
register-month = { $month } { $year }
register-student = Student
register-totals = Totals
register-legend = P present · A absent · L late · E excused · blank: not taken
register-mark-present = P
register-mark-absent = A
register-mark-late = L
register-mark-excused = E
register-students = { $count ->
    [one] 1 student
   *[other] { $count } students
}
register-school-days = { $count ->
    [0] no school days
    [one] 1 school day
   *[other] { $count } school days
}
register-day-total = Present

tax-invoice-title = Tax invoice
tax-invoice-number = Invoice no.
tax-invoice-date = Date of issue
tax-invoice-due = Due
tax-invoice-trn = Tax registration no.
tax-invoice-address = Address
tax-invoice-bill-to = Billed to
tax-invoice-item = Item
tax-invoice-amount = Amount
tax-invoice-discount = Discount
tax-invoice-net = Taxable amount
tax-invoice-vat-rate = VAT rate
tax-invoice-vat = VAT
tax-invoice-total = Total
tax-invoice-exempt = Exempt
tax-invoice-vat-at = VAT at { $rate } on { $base }
tax-invoice-subtotal = Total before VAT
tax-invoice-vat-total = Total VAT
tax-invoice-grand-total = Total with VAT
tax-invoice-credited = Credited
tax-invoice-paid = Paid
tax-invoice-balance = Balance due
tax-invoice-in-words = In words
tax-invoice-voided = VOIDED

receipt-reference = Reference
table-page = Page { $page } of { $pages }

statement-title = Statement of account
statement-family = Family
statement-date = Date
statement-children = Children
statement-year = Academic year
statement-on = Date
statement-document = Document
statement-student = Student
statement-detail = Details
statement-debit = Charged
statement-credit-col = Paid or credited
statement-running = Balance
statement-kind-invoice = Invoice
statement-kind-credit_note = Credit note
statement-kind-void = Invoice voided
statement-kind-payment = Payment
statement-kind-refund = Refund
statement-due = Still to pay
statement-credit = Family credit
statement-balance = Balance
statement-empty = Nothing was billed to this family this year.

cash-title = Daily cash report
cash-day = Day
cash-received-by = Received by
cash-number = Receipt
cash-invoice = Invoice
cash-method = Method
cash-amount = Amount
cash-refund = Refund
cash-by = Taken by { $name }
cash-total = Net takings
cash-empty = Nothing was paid or refunded on this day.

aging-title = Aging of amounts outstanding
aging-on = On
aging-grade = Grade
aging-guardian = Guardian
aging-current = Not yet due
aging-1-30 = 1–30 days
aging-31-60 = 31–60 days
aging-61-90 = 61–90 days
aging-over-90 = Over 90 days
aging-total = Total
aging-overdue = Past due
aging-outstanding = Outstanding in all
aging-empty = Nothing is outstanding.
