# المستندات المطبوعة: بطاقات التقارير، الإيصالات، سجلات الحضور.

report-card-title = الشهادة المدرسية
report-student = الطالب
report-admission-number = رقم القيد
report-classroom = الصف
report-year = العام الدراسي
report-term = الفصل الدراسي
report-subject = المادة
report-assessments = التقييمات
report-total = المجموع
report-percent = النسبة
report-grade = التقدير
report-overall = المعدل العام
report-rank = الترتيب { $rank } من { $count }
report-attendance = الحضور في هذا الفصل
report-present = حاضر
report-absent = غائب
report-late = متأخر
report-excused = بعذر
report-days = { PLURAL($count) ->
    [zero] لا أيام
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
report-teacher-remark = ملاحظات مربي الصف
report-principal-remark = ملاحظات مدير المدرسة
report-homeroom-teacher = مربي الصف
report-principal = مدير المدرسة
report-signature = التوقيع
report-no-mark = —
report-no-remark = —
report-issued = صدرت في { $gregorian } م · { $hijri }
report-page = صفحة { $page } من { $pages }
report-date = { $day } { $month } { $year }
report-hijri-date = { $day } { $month } { $year } هـ

month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

hijri-month-1 = محرم
hijri-month-2 = صفر
hijri-month-3 = ربيع الأول
hijri-month-4 = ربيع الآخر
hijri-month-5 = جمادى الأولى
hijri-month-6 = جمادى الآخرة
hijri-month-7 = رجب
hijri-month-8 = شعبان
hijri-month-9 = رمضان
hijri-month-10 = شوال
hijri-month-11 = ذو القعدة
hijri-month-12 = ذو الحجة

receipt-title = إيصال استلام رسوم
receipt-number = رقم الإيصال
receipt-date = التاريخ
receipt-student = الطالب
receipt-guardian = استلمنا من
receipt-invoice = الفاتورة
receipt-description = وذلك عن
receipt-method = طريقة الدفع
receipt-method-cash = نقدًا
receipt-method-card = بطاقة
receipt-method-bank_transfer = تحويل بنكي
receipt-method-cheque = شيك
receipt-invoice-amount = قيمة الفاتورة
receipt-paid-before = المدفوع سابقًا
receipt-this-payment = هذه الدفعة
receipt-balance = المتبقي
receipt-paid-in-full = مسددة بالكامل
receipt-received-by = المستلم

register-title = سجل الحضور الشهري
register-month = { $month } { $year }
register-student = الطالب
register-totals = المجموع
register-legend = ح حاضر · غ غائب · ت متأخر · ع بعذر · فارغ: لم يُسجَّل
register-mark-present = ح
register-mark-absent = غ
register-mark-late = ت
register-mark-excused = ع
register-students = { PLURAL($count) ->
    [zero] لا طلاب
    [one] طالب واحد
    [two] طالبان
    [few] { $count } طلاب
    [many] { $count } طالبًا
   *[other] { $count } طالب
}
register-school-days = { PLURAL($count) ->
    [zero] لا أيام دراسية
    [one] يوم دراسي واحد
    [two] يومان دراسيان
    [few] { $count } أيام دراسية
    [many] { $count } يومًا دراسيًا
   *[other] { $count } يوم دراسي
}
register-day-total = الحضور

tax-invoice-title = فاتورة ضريبية
tax-invoice-number = رقم الفاتورة
tax-invoice-date = تاريخ الإصدار
tax-invoice-due = تاريخ الاستحقاق
tax-invoice-trn = الرقم الضريبي
tax-invoice-address = العنوان
tax-invoice-bill-to = فاتورة إلى
tax-invoice-item = البند
tax-invoice-amount = المبلغ
tax-invoice-discount = الخصم
tax-invoice-net = المبلغ الخاضع للضريبة
tax-invoice-vat-rate = نسبة الضريبة
tax-invoice-vat = ضريبة القيمة المضافة
tax-invoice-total = الإجمالي
tax-invoice-exempt = معفاة
tax-invoice-vat-at = الضريبة بنسبة { $rate } على { $base }
tax-invoice-subtotal = الإجمالي قبل الضريبة
tax-invoice-vat-total = إجمالي الضريبة
tax-invoice-grand-total = الإجمالي شامل الضريبة
tax-invoice-credited = الإشعارات الدائنة
tax-invoice-paid = المدفوع
tax-invoice-balance = المتبقي المستحق
tax-invoice-in-words = المبلغ كتابة
tax-invoice-voided = ملغاة

receipt-reference = المرجع
table-page = صفحة { $page } من { $pages }

statement-title = كشف حساب
statement-family = الأسرة
statement-date = التاريخ
statement-children = الأبناء
statement-year = العام الدراسي
statement-on = التاريخ
statement-document = المستند
statement-student = الطالب
statement-detail = البيان
statement-debit = مدين
statement-credit-col = دائن
statement-running = الرصيد
statement-kind-invoice = فاتورة
statement-kind-credit_note = إشعار دائن
statement-kind-void = إلغاء فاتورة
statement-kind-payment = دفعة
statement-kind-refund = استرداد
statement-due = المتبقي للدفع
statement-credit = رصيد الأسرة الدائن
statement-balance = الرصيد
statement-empty = لم تصدر فواتير لهذه الأسرة هذا العام.

cash-title = تقرير الصندوق اليومي
cash-day = اليوم
cash-received-by = المستلم
cash-number = الإيصال
cash-invoice = الفاتورة
cash-method = طريقة الدفع
cash-amount = المبلغ
cash-refund = استرداد
cash-by = استلمها { $name }
cash-total = صافي المقبوضات
cash-empty = لم تُدفع أو تُسترد مبالغ في هذا اليوم.

aging-title = أعمار المبالغ المستحقة
aging-on = في
aging-grade = الصف
aging-guardian = ولي الأمر
aging-current = لم يحن موعدها
aging-1-30 = ١–٣٠ يومًا
aging-31-60 = ٣١–٦٠ يومًا
aging-61-90 = ٦١–٩٠ يومًا
aging-over-90 = أكثر من ٩٠ يومًا
aging-total = المجموع
aging-overdue = المتأخر
aging-outstanding = المستحق كله
aging-empty = لا مبالغ مستحقة.
