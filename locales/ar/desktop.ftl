# The desktop window (ui/). Ids start with ui-.
ui-app-name = دفتر
ui-nav-label = القائمة الرئيسية
ui-nav-dashboard = لوحة اليوم
ui-nav-students = الطلاب
ui-nav-attendance = الحضور
ui-nav-marks = الدرجات
ui-nav-fees = الرسوم
ui-nav-announcements = الإعلانات
ui-nav-printing = الشهادات
ui-nav-sync = المزامنة
ui-nav-settings = الإعدادات
ui-nav-analytics = التحليلات
ui-analytics-title = التحليلات
ui-analytics-views = طرق عرض التحليلات
ui-analytics-current-term = الفصل الحالي
ui-analytics-whole-year = العام كله
ui-analytics-all = الكل
ui-analytics-from = من
ui-analytics-to = إلى
ui-analytics-by = التقسيم حسب
ui-analytics-level = { $level ->
    [classroom] الشعبة
    [student] الطالب
   *[grade] الصف الدراسي
}
ui-analytics-school = المدرسة كلها
ui-analytics-charts = الرسوم البيانية
ui-analytics-tables = الجداول
ui-analytics-pdf = طباعة (PDF)
ui-analytics-chronic = { PLURAL($count) ->
    [zero] لا طلاب غيابهم مزمن
    [one] طالب واحد غيابه مزمن
    [two] طالبان غيابهما مزمن
    [few] { $count } طلاب غيابهم مزمن
   *[other] { $count } طالبًا غيابهم مزمن
} ({ $threshold }٪ من الأيام فأكثر)
ui-analytics-threshold = الغياب المزمن من (٪ من الأيام)
ui-analytics-at-risk = { PLURAL($count) ->
    [zero] لا طلاب معرّضين للخطر
    [one] طالب واحد معرّض للخطر
    [two] طالبان معرّضان للخطر
    [few] { $count } طلاب معرّضين للخطر
   *[other] { $count } طالبًا معرّضين للخطر
}
ui-analytics-failing = { PLURAL($count) ->
    [one] دون النجاح في مادة واحدة
    [two] دون النجاح في مادتين
    [few] دون النجاح في { $count } مواد
   *[other] دون النجاح في { $count } مادة
}
ui-glance-title = نظرة سريعة
ui-glance-open = { $view ->
    [fees] افتح تحليلات الرسوم
   *[attendance] افتح تحليلات الحضور
}
ui-glance-attention = تحتاج إلى متابعة
ui-glance-chronic = { PLURAL($count) ->
    [zero] لا طلاب غيابهم مزمن
    [one] طالب واحد غيابه مزمن
    [two] طالبان غيابهما مزمن
    [few] { $count } طلاب غيابهم مزمن
   *[other] { $count } طالبًا غيابهم مزمن
} ({ $threshold }٪ فأكثر)
ui-glance-at-risk = { PLURAL($count) ->
    [zero] لا طلاب معرّضين للخطر
    [one] طالب واحد معرّض للخطر
    [two] طالبان معرّضان للخطر
    [few] { $count } طلاب معرّضين للخطر
   *[other] { $count } طالبًا معرّضين للخطر
}
ui-glance-overdue = { PLURAL($count) ->
    [zero] لا فواتير متأخرة ٦٠ يومًا
    [one] فاتورة واحدة متأخرة ٦٠ يومًا فأكثر
    [two] فاتورتان متأخرتان ٦٠ يومًا فأكثر
    [few] { $count } فواتير متأخرة ٦٠ يومًا فأكثر
   *[other] { $count } فاتورة متأخرة ٦٠ يومًا فأكثر
}
ui-glance-days = { $days } يومًا
ui-not-found = لا توجد صفحة كهذه.
ui-role = { $role ->
    [admin] مدير النظام
    [office] موظف الشؤون الإدارية
   *[teacher] معلم
}
ui-all = الكل
ui-save = حفظ
ui-saved = تم الحفظ.
ui-cancel = إلغاء
ui-edit = تعديل
ui-date = التاريخ
ui-classroom = الصف
ui-term = الفصل الدراسي
ui-subject = المادة
ui-assessment = التقييم
ui-mark-of = درجة { $name }
ui-mark = الدرجة
ui-primary = الأساسي
ui-relation = { $relation ->
    [father] الأب
    [mother] الأم
    [guardian] ولي الأمر
   *[other] آخر
}
ui-field-required = لا يمكن أن يكون هذا الحقل فارغًا.
ui-field-date = اكتب التاريخ بالصيغة YYYY-MM-DD.
ui-field-country = اكتب رمز الدولة من حرفين، مثل AE.

ui-welcome-title = أهلًا بك في دفتر
ui-welcome-demo = تجوّل في مدرسة تجريبية
ui-welcome-demo-help = مدرسة كاملة تجرّبها فورًا ودون اتصال: الطلاب والحضور والدرجات والرسوم. اختر بأي صفة تدخل.
ui-welcome-preparing = جارٍ تجهيز المدرسة التجريبية…
ui-welcome-connect = اتصل بمدرستك
ui-explore-as = { $role ->
    [admin] بصفة مدير النظام
    [office] بصفة موظف إداري
   *[teacher] بصفة معلم
}
ui-connect-server = عنوان الخادم
ui-connect-school = المدرسة
ui-connect-user = اسم المستخدم
ui-connect-password = كلمة المرور
ui-connect-submit = اتصال

ui-dashboard-title = اليوم في المدرسة
ui-dashboard-students = الطلاب المنتظمون
ui-dashboard-attendance-rate = نسبة الحضور
ui-dashboard-registers-taken = أُخذ الحضور في { $taken } من { $classrooms } صفوف
ui-dashboard-fees-paid = الرسوم المحصّلة
ui-dashboard-fees-of = من أصل { $invoiced } مفوترة
ui-dashboard-fees-outstanding = الرسوم المستحقة
ui-dashboard-fees-overdue = { PLURAL($count) ->
    [zero] لا توجد فواتير متأخرة
    [one] فاتورة واحدة متأخرة
    [two] فاتورتان متأخرتان
    [few] { $count } فواتير متأخرة
    [many] { $count } فاتورة متأخرة
   *[other] { $count } فاتورة متأخرة
}
ui-dashboard-pending = تغييرات تنتظر المزامنة
ui-dashboard-absentees = { PLURAL($count) ->
    [zero] لا غائبين ولا متأخرين
    [one] طالب واحد غائب أو متأخر
    [two] طالبان غائبان أو متأخران
    [few] { $count } طلاب غائبون أو متأخرون
    [many] { $count } طالبًا غائبًا أو متأخرًا
   *[other] { $count } طالب غائب أو متأخر
}
ui-dashboard-no-registers = لم يُؤخذ أي حضور بعد.

ui-students-title = الطلاب
ui-students-search = بحث
ui-students-search-hint = الاسم بالعربية أو الإنجليزية، رقم القيد، رقم الهوية، الهاتف
ui-students-found = { PLURAL($count) ->
    [zero] لا يوجد طلاب
    [one] طالب واحد
    [two] طالبان
    [few] { $count } طلاب
    [many] { $count } طالبًا
   *[other] { $count } طالب
}
ui-student-name = الاسم
ui-student-name-ar = الاسم بالعربية
ui-student-name-en = الاسم بالإنجليزية
ui-student-admission = رقم القيد
ui-student-birth = تاريخ الميلاد
ui-student-national-id = رقم الهوية
ui-student-nationality = الجنسية
ui-student-gender = الجنس
ui-student-gender-value = { $gender ->
    [male] ذكر
   *[female] أنثى
}
ui-student-status = الحالة
ui-student-status-value = { $status ->
    [active] منتظم
    [withdrawn] منسحب
   *[graduated] متخرج
}
ui-sort = ترتيب حسب
ui-sort-name-en = الاسم بالإنجليزية
ui-sort-name-ar = الاسم بالعربية
ui-sort-admission = رقم القيد
ui-sort-birth = تاريخ الميلاد
ui-profile-guardians = أولياء الأمور
ui-profile-enrollments = سجل القيد
ui-profile-attendance = الحضور هذا العام
ui-profile-attendance-summary = حاضر { $present }، غائب { $absent }، متأخر { $late }، بعذر { $excused }
ui-profile-marks = الدرجات

ui-attendance-title = الحضور
ui-attendance-keys = لوحة المفاتيح: ↑ ↓ للتنقل، ح حاضر، غ غائب، م متأخر، ع بعذر (أو 1–4)، Ctrl+S للحفظ.
ui-attendance-status = الحالة
ui-attendance-mark = { $status ->
    [present] حاضر
    [absent] غائب
    [late] متأخر
   *[excused] بعذر
}
ui-mark-key-present = ح
ui-mark-key-absent = غ
ui-mark-key-late = م
ui-mark-key-excused = ع
ui-attendance-not-taken = لم يُؤخذ بعد: يظهر الجميع حاضرين حتى تحفظ.
ui-attendance-taken = أُخذ حضور هذا الصف.
ui-attendance-unsaved = تغييرات لم تُحفظ بعد.
ui-attendance-save = حفظ الحضور
ui-attendance-saved = حاضر { $present }، غائب { $absent }، متأخر { $late }، بعذر { $excused }
ui-attendance-empty = لا طلاب في هذا الصف في ذلك اليوم.

ui-marks-title = الدرجات
ui-marks-total = من { $total }
ui-marks-not-number = اكتب رقمًا.
ui-marks-over-total = يجب أن تكون الدرجة بين 0 و{ $total }.
ui-marks-saved = { PLURAL($count) ->
    [zero] لم تتغير أي درجة.
    [one] حُفظت درجة واحدة.
    [two] حُفظت درجتان.
    [few] حُفظت { $count } درجات.
    [many] حُفظت { $count } درجة.
   *[other] حُفظت { $count } درجة.
}

ui-fees-title = الرسوم
ui-fees-search = رقم الفاتورة أو رقم القيد أو الاسم
ui-fees-unpaid-only = غير المسددة فقط
ui-fees-invoices = { PLURAL($count) ->
    [zero] لا فواتير
    [one] فاتورة واحدة
    [two] فاتورتان
    [few] { $count } فواتير
    [many] { $count } فاتورة
   *[other] { $count } فاتورة
}
ui-fees-invoice = الفاتورة
ui-fees-due = تاريخ الاستحقاق
ui-fees-amount = المبلغ
ui-fees-paid = المدفوع
ui-fees-balance = المتبقي
ui-fees-payments = الدفعات
ui-fees-method-label = طريقة الدفع
ui-grade = الصف
ui-fees-part-invoices = الفواتير
ui-fees-part-plans = خطط الرسوم
ui-fees-part-run = إصدار الفواتير
ui-fees-plan-saved = حُفظت الخطة: { $name }.
ui-fees-item-saved = حُفظ البند: { $name }.
ui-fees-policy-saved = حُفظت سياسة رسوم العام.
ui-fees-every-grade = كل الصفوف
ui-fees-item = البند
ui-fees-vat = ضريبة القيمة المضافة
ui-fees-instalments = الأقساط
ui-fees-kind = { $kind ->
    [tuition] الرسوم الدراسية
    [books] الكتب
    [uniform] الزي المدرسي
    [transport] النقل
    [activities] الأنشطة
    [late_fee] غرامة تأخير
   *[custom] أخرى
}
ui-fees-vat-category = { $vat ->
    [standard] النسبة الأساسية
    [zero] نسبة صفرية
   *[exempt] معفاة
}
ui-fees-no-items = لا بنود بعد.
ui-fees-no-plans = لا خطط رسوم لهذا العام بعد: أنشئ خطة لكل صف (أو خطة لكل الصفوف) ثم أضف بنودها.
ui-fees-new-plan = خطة جديدة
ui-fees-new-item = إضافة بند
ui-fees-plan = الخطة
ui-fees-kind-label = النوع
ui-fees-instalment-count = عدد الأقساط
ui-fees-due-on = استحقاق القسط { $n }
ui-fees-instalment-amount = المبلغ
ui-fees-shared = يُقسم بالتساوي
ui-fees-policy = سياسة رسوم العام
ui-fees-sibling-second = خصم الابن الثاني (٪)
ui-fees-sibling-later = الثالث وما بعده (٪)
ui-fees-discount-cap = أقصى الخصومات (٪)
ui-fees-late-fee = غرامة التأخير
ui-fees-grace-days = أيام المهلة
ui-fees-instalment = القسط
ui-fees-issue = أصدر الفواتير
ui-fees-run-would = { PLURAL($count) ->
    [zero] لا فواتير جديدة لتصدر.
    [one] فاتورة واحدة ستصدر، { $total }.
    [two] فاتورتان ستصدران، { $total }.
    [few] { $count } فواتير ستصدر، { $total }.
    [many] { $count } فاتورة ستصدر، { $total }.
   *[other] { $count } فاتورة ستصدر، { $total }.
}
ui-fees-run-issued = { PLURAL($count) ->
    [zero] لا فواتير جديدة: كلها صدرت من قبل.
    [one] صدرت فاتورة واحدة، { $total }.
    [two] صدرت فاتورتان، { $total }.
    [few] صدرت { $count } فواتير، { $total }.
    [many] صدرت { $count } فاتورة، { $total }.
   *[other] صدرت { $count } فاتورة، { $total }.
}
ui-fees-run-totals = الخصومات { $discount }، الضريبة { $vat }.
ui-fees-run-already = { PLURAL($count) ->
    [one] فاتورة واحدة صدرت من قبل وتُركت كما هي.
    [two] فاتورتان صدرتا من قبل وتُركتا كما هما.
    [few] { $count } فواتير صدرت من قبل وتُركت كما هي.
   *[other] { $count } فاتورة صدرت من قبل وتُركت كما هي.
}
ui-fees-run-nothing-due = { PLURAL($count) ->
    [one] طالب واحد لا مستحقات عليه في هذا القسط.
    [two] طالبان لا مستحقات عليهما في هذا القسط.
    [few] { $count } طلاب لا مستحقات عليهم في هذا القسط.
    [many] { $count } طالبًا لا مستحقات عليهم في هذا القسط.
   *[other] { $count } طالب لا مستحقات عليهم في هذا القسط.
}
ui-fees-run-without-plan = { PLURAL($count) ->
    [one] طالب واحد في صف بلا خطة.
    [two] طالبان في صفوف بلا خطة.
    [few] { $count } طلاب في صفوف بلا خطة.
    [many] { $count } طالبًا في صفوف بلا خطة.
   *[other] { $count } طالب في صفوف بلا خطة.
}
ui-fees-discount = الخصم
ui-fees-cheque-number = رقم الشيك
ui-fees-transfer-reference = مرجع التحويل
ui-fees-cheque-bank = البنك
ui-fees-cheque-date = تاريخ الشيك
ui-fees-print-invoice = اطبع الفاتورة الضريبية
ui-fees-total = الإجمالي
ui-fees-credited = الإشعارات الدائنة
ui-fees-credit-notes = الإشعارات الدائنة
ui-fees-credit = إشعار دائن
ui-fees-void = إلغاء
ui-fees-reason = السبب
ui-fees-voided = أُلغيت في { $date }: { $reason }
ui-fees-late-fees = غرامات التأخير
ui-fees-late-fees-help = تفرض سياسة رسوم العام غرامتها مرة واحدة على كل قسط لم يُسدد بعد أيام المهلة، في فاتورة مستقلة.
ui-fees-late-charge = افرض غرامات التأخير
ui-fees-late-would = { PLURAL($count) ->
    [zero] لا أقساط متأخرة بعد المهلة.
    [one] غرامة واحدة ستُفرض، { $total }.
    [two] غرامتان ستُفرضان، { $total }.
    [few] { $count } غرامات ستُفرض، { $total }.
   *[other] { $count } غرامة ستُفرض، { $total }.
}
ui-fees-late-charged = { PLURAL($count) ->
    [zero] لم تُفرض غرامات.
    [one] فُرضت غرامة واحدة، { $total }.
    [two] فُرضت غرامتان، { $total }.
    [few] فُرضت { $count } غرامات، { $total }.
   *[other] فُرضت { $count } غرامة، { $total }.
}
ui-fees-late-already = { PLURAL($count) ->
    [one] قسط متأخر واحد فُرضت غرامته من قبل.
    [two] قسطان متأخران فُرضت غرامتاهما من قبل.
    [few] { $count } أقساط متأخرة فُرضت غراماتها من قبل.
   *[other] { $count } قسطًا متأخرًا فُرضت غرامته من قبل.
}
ui-fees-run-outcome = { $outcome ->
    [new] جديدة
   *[issued] صدرت من قبل
}
ui-fees-method = { $method ->
    [cash] نقدًا
    [card] بطاقة
    [bank_transfer] تحويل بنكي
   *[cheque] شيك
}
ui-fees-record = تسجيل دفعة
ui-fees-print-receipt = طباعة الإيصال
ui-fees-part-account = حساب الأسرة
ui-fees-part-reports = التقارير
ui-fees-refunded = المسترد
ui-fees-family-credit = رصيد الأسرة الدائن
ui-fees-open-account = حساب الأسرة
ui-fees-refunds-and-credit = الاستردادات ورصيد الأسرة
ui-fees-credit-in = رصيد من الأسرة أُضيف
ui-fees-credit-out = رصيد للأسرة نُقل
ui-fees-keep-surplus = احتفظ بما يزيد على الرصيد رصيدًا دائنًا للأسرة
ui-fees-refund = استرداد
ui-fees-account-find = رقم قيد أحد الأبناء أو اسمه
ui-fees-account-help = ابحث عن أي ابن للأسرة: يعرض الحساب فواتير أبنائها كلهم ودفعاتهم ورصيدهم هذا العام.
ui-fees-no-family = طالب بلا ولي أمر مسجل
ui-fees-still-to-pay = المتبقي للدفع
ui-fees-print-statement = طباعة كشف الحساب
ui-fees-apply-credit = تطبيق رصيد الأسرة الدائن
ui-fees-credit-applied = طُبّق { $amount } من رصيد الأسرة على ما عليها.
ui-fees-date = التاريخ
ui-fees-document = المستند
ui-fees-charged = مدين
ui-fees-paid-or-credited = دائن
ui-fees-entry = { $kind ->
    [invoice] فاتورة
    [credit_note] إشعار دائن
    [void] إلغاء
    [payment] دفعة
   *[refund] استرداد
}
ui-fees-account-empty = لم تصدر فواتير لهذه الأسرة هذا العام.
ui-fees-discounts = الخصومات
ui-fees-no-discounts = لا خصومات هذا العام.
ui-fees-discount-kind = { $kind ->
    [sibling] خصم الإخوة
    [staff_child] ابن موظف
    [scholarship] منحة
   *[one_off] خصم لمرة واحدة
}
ui-fees-discount-percent = النسبة
ui-fees-discount-amount = أو مبلغ ثابت
ui-fees-discount-on = على
ui-fees-every-fee = كل الرسوم
ui-fees-grant = منح الخصم
ui-fees-cash-title = تقرير الصندوق اليومي
ui-fees-print-report = طباعة
ui-fees-received-by = المستلم
ui-fees-cash-empty = لم تُدفع أو تُسترد مبالغ في هذا اليوم.
ui-fees-net-takings = صافي المقبوضات
ui-fees-aging-title = أعمار المبالغ المستحقة
ui-fees-aging-on = في
ui-fees-guardian = ولي الأمر
ui-fees-aging-bucket = { $bucket ->
    [0] لم يحن موعدها
    [1] ١–٣٠ يومًا
    [2] ٣١–٦٠ يومًا
    [3] ٦١–٩٠ يومًا
   *[4] أكثر من ٩٠ يومًا
}
ui-fees-aging-empty = لا مبالغ مستحقة.
ui-fees-exports-title = للمحاسب
ui-fees-export-invoices = فواتير هذا العام
ui-fees-export-payments = دفعات هذا العام واستراداتها
ui-overpaid-title = دُفع على الفاتورة { $invoice } { $surplus } فوق المطلوب: أخذ جهازان دفعتين لها.
ui-overpaid-later = الدفعة التي وصلت السحابة ثانيًا (محفوظة)
ui-overpaid-due-then = كان المتبقي على الفاتورة { $due } حين وصلت.
ui-overpaid-met = ما كان على الفاتورة: { $amount }، المدفوع { $paid }
ui-overpaid-voided = كانت الفاتورة ملغاة.
ui-overpaid-credited = إشعارات دائنة { $credited }.
ui-overpaid-keep = احتفظ بها رصيدًا للأسرة
ui-overpaid-refund = استرداد الزيادة
ui-printed-to = حُفظ في { $path }
ui-export-xlsx = تصدير (.xlsx)
ui-export-csv = تصدير (CSV)
ui-exported = { PLURAL($count) ->
    [zero] لم يُصدَّر أي صف.
    [one] صُدِّر صف واحد.
    [two] صُدِّر صفان.
    [few] صُدِّرت { $count } صفوف.
    [many] صُدِّر { $count } صفًا.
   *[other] صُدِّر { $count } صف.
}
ui-open-folder = افتح المجلد
ui-printing-month = حضور شهر
ui-printing-month-help = السجل للطباعة والتوقيع، أو الشهر جدولًا: عمود لكل يوم دراسي.
ui-month = الشهر
ui-printing-register = اطبع السجل
ui-printed-pages = { PLURAL($pages) ->
    [zero] لم تُطبع أي صفحة.
    [one] طُبعت صفحة واحدة.
    [two] طُبعت صفحتان.
    [few] طُبعت { $pages } صفحات.
    [many] طُبعت { $pages } صفحة.
   *[other] طُبعت { $pages } صفحة.
}

ui-announcements-title = الإعلانات
ui-announcements-none = لا إعلانات.
ui-announcement-title-ar = العنوان بالعربية
ui-announcement-title-en = العنوان بالإنجليزية
ui-announcement-body-ar = النص بالعربية
ui-announcement-body-en = النص بالإنجليزية
ui-announcement-post = نشر

ui-printing-title = الشهادات
ui-printing-report-cards = طباعة الشهادات
ui-printing-busy = جارٍ الطباعة…

ui-sync-title = المزامنة
ui-sync-local = غير متصل: يعمل هذا الجهاز وحده
ui-sync-pending-local = { PLURAL($pending) ->
    [zero] لا تغييرات محفوظة للسحابة
    [one] تغيير واحد محفوظ للسحابة
    [two] تغييران محفوظان للسحابة
    [few] { $pending } تغييرات محفوظة للسحابة
    [many] { $pending } تغييرًا محفوظًا للسحابة
   *[other] { $pending } تغيير محفوظ للسحابة
}
ui-sync-starting = تبدأ المزامنة…
ui-sync-syncing = جارٍ المزامنة…
ui-sync-offline = { PLURAL($pending) ->
    [zero] دون اتصال
    [one] دون اتصال: تغيير واحد ينتظر
    [two] دون اتصال: تغييران ينتظران
    [few] دون اتصال: { $pending } تغييرات تنتظر
    [many] دون اتصال: { $pending } تغييرًا ينتظر
   *[other] دون اتصال: { $pending } تغيير ينتظر
}
ui-sync-idle = { PLURAL($pending) ->
    [zero] كل شيء محدَّث
    [one] تغيير واحد للإرسال
    [two] تغييران للإرسال
    [few] { $pending } تغييرات للإرسال
    [many] { $pending } تغييرًا للإرسال
   *[other] { $pending } تغيير للإرسال
}
ui-sync-attention = { $conflicts } للمراجعة، { $rejected } مرفوضة
ui-sync-connected = متصل باسم { $user } بمدرسة { $school } على { $server }
ui-sync-progress = { $done } من { $total } سجلًا
ui-sync-now = زامن الآن
ui-sync-counts = { $pending } تنتظر · { $conflicts } تعارضات · { $rejected } مرفوضة
ui-sync-conflicts = { PLURAL($count) ->
    [zero] لا تعارضات
    [one] تعارض واحد للمراجعة
    [two] تعارضان للمراجعة
    [few] { $count } تعارضات للمراجعة
    [many] { $count } تعارضًا للمراجعة
   *[other] { $count } تعارض للمراجعة
}
ui-sync-no-conflicts = لا شيء للمراجعة.
ui-sync-rejected = { PLURAL($count) ->
    [zero] لا تغييرات مرفوضة
    [one] تغيير واحد مرفوض
    [two] تغييران مرفوضان
    [few] { $count } تغييرات مرفوضة
    [many] { $count } تغييرًا مرفوضًا
   *[other] { $count } تغيير مرفوض
}
ui-sync-no-rejected = قبلت السحابة كل التغييرات.
ui-sync-retry = أرسلها مجددًا
ui-conflict-field = { $table }: { $column }
ui-conflict-mine = هذا الجهاز
ui-conflict-theirs = التغيير الآخر
ui-conflict-keep-mine = أبقِ قيمتي
ui-conflict-keep-theirs = أبقِ قيمتهم
ui-conflict-other-value = أو اكتب القيمة الصحيحة
ui-conflict-keep-value = اعتمد هذه القيمة

ui-settings-title = الإعدادات
ui-settings-language = اللغة
ui-settings-digits = الأرقام
ui-settings-data = بيانات المدرسة
ui-settings-backup = نسخ احتياطي الآن
ui-settings-backed-up = حُفظت النسخة في { $path }
ui-settings-restore-help = تُحفظ النسخ الاحتياطية في المجلد backups داخل مجلد البيانات. لا يستعيدها إلا مدير.
ui-settings-explore = تجوّل في المدرسة التجريبية

## Classrooms and enrollment
ui-nav-classrooms = الصفوف
ui-classes-title = الصفوف والتسجيل
ui-classes-year = العام الدراسي
ui-classes-current = الحالي
ui-classes-make-current = اجعله العام الحالي
ui-classes-made-current = أصبح { $year } العام الحالي.
ui-classes-open-next = افتح العام التالي
ui-classes-opened = { PLURAL($count) ->
    [zero] فُتح العام { $year } بلا صفوف.
    [one] فُتح العام { $year } بصف واحد كهذا العام.
    [two] فُتح العام { $year } بصفين كهذا العام.
    [few] فُتح العام { $year } بـ { $count } صفوف كهذا العام.
    [many] فُتح العام { $year } بـ { $count } صفًا كهذا العام.
   *[other] فُتح العام { $year } بـ { $count } صف كهذا العام.
}
ui-classes-unplaced = { PLURAL($count) ->
    [zero] لكل طالب فعلي صف هذا العام.
    [one] طالب فعلي واحد بلا صف هذا العام.
    [two] طالبان فعليان بلا صف هذا العام.
    [few] { $count } طلاب فعليين بلا صف هذا العام.
    [many] { $count } طالبًا فعليًا بلا صف هذا العام.
   *[other] { $count } طالب فعلي بلا صف هذا العام.
}
ui-classes-place = سكّن الطلاب
ui-classes-place-count = { PLURAL($count) ->
    [zero] سكّن الطلاب
    [one] سكّن طالبًا واحدًا
    [two] سكّن طالبين
    [few] سكّن { $count } طلاب
    [many] سكّن { $count } طالبًا
   *[other] سكّن { $count } طالب
}
ui-classes-placed = سُكّن { $placed }، ونُقل { $moved }.
ui-classes-not-placed = لم يُسكّن بعد
ui-classes-grade = المرحلة
ui-classes-homeroom = رائد الصف
ui-classes-students = الطلاب
ui-classes-fill = { $students } من { $capacity }
ui-classes-list = الطلاب
ui-classes-since = منذ { $date }
ui-classes-left = غادر في { $date }
ui-classes-promote = رفّع
ui-classes-promote-into = ترفيع { $classroom } إلى العام { $year }
ui-classes-promote-to = صف العام التالي
ui-classes-graduate = خرّج
ui-classes-promotion-counts = يرتفع { $promote } · يعيد { $repeat } · يُستثنى { $skip }
ui-classes-promoted = رُفّع { $promoted }، ويعيد { $repeating }، وتخرّج { $graduated }، واستُثني { $skipped }.
ui-classes-choice-promote = يرتفع
ui-classes-choice-repeat = يعيد العام في { $classroom }
ui-classes-choice-skip = يغادر / يُسكّن لاحقًا
ui-classes-placed-next = مُسكّن في { $classroom }

## New students and guardians
ui-new-student = طالب جديد
ui-new-student-title = تسجيل طالب جديد
ui-new-student-with-guardian = مع ولي أمر أول
ui-new-student-sibling-help = رقم هاتف مسجّل من قبل يربط ولي الأمر نفسه: الإخوة يشتركون في أوليائهم.
ui-guardian-relation = الصلة
ui-guardian-language = لغة الرسائل
ui-guardian-language-school = لغة المدرسة
ui-guardian-phone = الهاتف
ui-guardian-email = البريد الإلكتروني
ui-guardian-address = العنوان
ui-guardian-add = أضف ولي أمر

## Long work
ui-work-progress = أُنجز { $done } من { $total }
ui-work-cancel = إلغاء
ui-work-cancelling = يجري الإلغاء…
ui-printing-all = { PLURAL($count) ->
    [zero] اطبع لكل الصفوف
    [one] اطبع لكل الصفوف (صف واحد)
    [two] اطبع لكل الصفوف (صفان)
    [few] اطبع لكل الصفوف ({ $count } صفوف)
    [many] اطبع لكل الصفوف ({ $count } صفًا)
   *[other] اطبع لكل الصفوف ({ $count } صف)
}
ui-printed-files = { PLURAL($count) ->
    [zero] لا ملفات.
    [one] ملف واحد.
    [two] ملفان، لكل صف ملف.
    [few] { $count } ملفات، لكل صف ملف.
    [many] { $count } ملفًا، لكل صف ملف.
   *[other] { $count } ملف، لكل صف ملف.
}
ui-sync-paused = { PLURAL($pending) ->
    [zero] المزامنة متوقفة
    [one] المزامنة متوقفة: تغيير واحد ينتظر
    [two] المزامنة متوقفة: تغييران ينتظران
    [few] المزامنة متوقفة: { $pending } تغييرات تنتظر
    [many] المزامنة متوقفة: { $pending } تغييرًا ينتظر
   *[other] المزامنة متوقفة: { $pending } تغيير ينتظر
}
ui-sync-cancel = أوقف المزامنة
ui-sync-resume = استأنف المزامنة

## Backups
ui-settings-backups = { PLURAL($count) ->
    [zero] لا نسخ احتياطية بعد
    [one] نسخة احتياطية واحدة
    [two] نسختان احتياطيتان
    [few] { $count } نسخ احتياطية
    [many] { $count } نسخة احتياطية
   *[other] { $count } نسخة احتياطية
}
ui-settings-backup-size = { $mb } م.ب
ui-settings-restore = استعد
ui-settings-restore-confirm = تعود المدرسة إلى هذه النسخة (وتُنسخ المدرسة كما هي الآن احتياطيًا أولًا).
ui-settings-restore-yes = استعدها
ui-settings-restored = عادت المدرسة كما كانت في { $name }.

## Importing students
ui-import = استيراد
ui-import-title = استيراد الطلاب من ملف CSV أو Excel
ui-import-help = ملف CSV بترميز UTF-8 أو ملف ‎.xlsx‎، من دفتر أو مصدَّر من نظام آخر. اربط أعمدته بأعمدة دفتر، وعاين ما سيفعله، ثم استورد. يُرفض الملف كله إن كان فيه سطر خاطئ، مع قائمة بكل سطر خاطئ، إلا إذا طُلب استيراد الأسطر السليمة وحدها.
ui-import-skip-invalid = استورد الأسطر السليمة واسرد غيرها
ui-import-run = استورد
ui-import-report = جديد { $created }، ومُحدَّث { $updated }، ودون تغيير { $unchanged }.
ui-import-skipped = { PLURAL($count) ->
    [zero] لم يُترك أي سطر.
    [one] لم يُستورد سطر واحد:
    [two] لم يُستورد سطران:
    [few] لم تُستورد { $count } أسطر:
    [many] لم يُستورد { $count } سطرًا:
   *[other] لم يُستورد { $count } سطر:
}
ui-settings-open-logs = فتح مجلد السجلات
ui-settings-logs-hint = سجل هذا الجهاز: ما فعله ومتى، بالمعرّفات والأعداد فقط، دون أسماء أو درجات.

## بدء مدرسة وإعدادها
ui-nav-setup = إعداد المدرسة
ui-welcome-start = ابدأ مدرسة جديدة على هذا الجهاز
ui-welcome-start-help = أعدّ مدرستك من لا شيء، دون اتصال. وعند الاتصال بسحابة مدرستك لاحقًا يُرسل كل شيء مع أول مزامنة.
ui-welcome-empty-cloud = سحابة مدرستك فارغة: أعدّ المدرسة
ui-welcome-empty-cloud-help = هذا الجهاز متصل، وليس في المدرسة شيء بعد. ما تُعدّه هنا يصل إلى السحابة مع المزامنة التالية.
ui-welcome-downloading = جارٍ تنزيل مدرستك…
ui-welcome-downloading-help = تُفتح المدرسة حين تنتهي أول مزامنة.
ui-start-admin-ar = اسمك بالعربية
ui-start-admin-en = اسمك بالإنجليزية
ui-start-submit = ابدأ المدرسة
ui-country-AE = الإمارات العربية المتحدة
ui-country-SA = المملكة العربية السعودية
ui-country-QA = قطر
ui-country-KW = الكويت
ui-country-BH = البحرين
ui-country-OM = عُمان
ui-country-JO = الأردن
ui-country-EG = مصر
ui-country-LB = لبنان
ui-country-IQ = العراق
ui-country-MA = المغرب
ui-country-TN = تونس
ui-country-GB = المملكة المتحدة
ui-country-US = الولايات المتحدة
ui-checklist-title = أعدّ مدرستك
ui-checklist-help = { $left ->
    [zero] لم تبق خطوات.
    [one] بقيت خطوة واحدة. كل خطوة تفتح شاشتها.
    [two] بقيت خطوتان. كل خطوة تفتح شاشتها.
    [few] بقيت { $left } خطوات. كل خطوة تفتح شاشتها.
   *[other] بقيت { $left } خطوة. كل خطوة تفتح شاشتها.
}
ui-checklist-profile = ملف المدرسة
ui-checklist-year = العام الدراسي
ui-checklist-terms = الفصول الدراسية
ui-checklist-holidays = العطل
ui-checklist-grades = الصفوف
ui-checklist-classrooms = الشُّعب
ui-checklist-subjects = المواد
ui-checklist-staff = الموظفون
ui-checklist-assignments = إسناد التدريس
ui-checklist-students = الطلاب
ui-checklist-fees = الرسوم
ui-setup-title = إعداد المدرسة
ui-setup-part-school = الملف
ui-setup-part-year = الأعوام
ui-setup-part-term = الفصول الدراسية
ui-setup-part-holiday = العطل
ui-setup-part-grade = الصفوف
ui-setup-part-classroom = الشُّعب
ui-setup-part-subject = المواد
ui-setup-part-staff = الموظفون
ui-setup-part-assignments = من يدرّس ماذا
ui-setup-part-bands = التقديرات
ui-setup-part-calendar = التقويم
ui-setup-help-school = المدرسة كما تظهر في وثائقها: الاسم بالخطين، وبيانات الاتصال، والعملة والرقم الضريبي، وأيام الدراسة، وطريقة كتابة التاريخ.
ui-setup-help-year = للعام الدراسي تاريخاه وأيام دراسته. وعام واحد هو العام الحالي.
ui-setup-help-term = تقع الفصول داخل عامها ولا تتداخل. اقفل درجات الفصل بعد صدور شهاداته.
ui-setup-help-holiday = العطلة يوم أو أيام داخل العام؛ لا يؤخذ فيها حضور.
ui-setup-help-grade = الصفوف بالترتيب، من الأصغر.
ui-setup-help-classroom = الشعبة تتبع صفًا في هذا العام، ولها رائد فصل وسعة وقاعة.
ui-setup-help-subject = رمز المادة لا يتكرر، ووزنها يدخل في المعدل العام. إن لم تُحدَّد صفوف فهي تُدرَّس في الجميع.
ui-setup-help-staff = كل من يعمل في المدرسة ودوره.
ui-setup-help-assignments = اختر معلم كل مادة في كل شعبة. لا يرى المعلم إلا شُعبه.
ui-setup-help-bands = تقديرات من نسبة إلى التي تليها، تغطي من ٠ إلى ١٠٠ بلا فجوة.
ui-setup-field-name = الاسم
ui-setup-field-name_ar = الاسم بالعربية
ui-setup-field-name_en = الاسم بالإنجليزية
ui-setup-field-principal_name_ar = المدير (بالعربية)
ui-setup-field-principal_name_en = المدير (بالإنجليزية)
ui-setup-field-address = العنوان
ui-setup-field-phone = الهاتف
ui-setup-field-country = الدولة
ui-setup-field-currency = العملة
ui-setup-field-currency_minor_digits = المنازل العشرية للعملة
ui-setup-field-tax_number = رقم التسجيل الضريبي
ui-setup-field-primary_language = اللغة الأولى
ui-setup-field-school_week = أيام الدراسة
ui-setup-field-date_order = طريقة كتابة التاريخ
ui-setup-field-student_names = أسماء الطلاب المطلوبة
ui-setup-field-rank_enabled = طباعة الترتيب في الشهادات
ui-setup-field-start_date = يبدأ
ui-setup-field-end_date = ينتهي
ui-setup-field-is_current = العام الحالي
ui-setup-field-ordinal = الترتيب
ui-setup-field-grade_id = الصف
ui-setup-field-homeroom_teacher_id = رائد الفصل
ui-setup-field-capacity = السعة
ui-setup-field-room = القاعة
ui-setup-field-code = الرمز
ui-setup-field-weight = الوزن
ui-setup-field-grade_ids = تُدرَّس في الصفوف
ui-setup-field-role = الدور
ui-setup-field-email = البريد الإلكتروني
ui-setup-field-national_id = رقم الهوية
ui-setup-field-active = يعمل في المدرسة
ui-setup-year = العام
ui-setup-actions = إجراءات
ui-setup-none = لا شيء بعد.
ui-setup-new = { $kind ->
    [year] عام جديد
    [term] فصل دراسي جديد
    [holiday] عطلة جديدة
    [grade] صف جديد
    [classroom] شعبة جديدة
    [subject] مادة جديدة
    [staff] موظف جديد
   *[other] جديد
}
ui-setup-saved = حُفظ.
ui-setup-unchanged = لم يتغير شيء.
ui-setup-archived = أُرشف.
ui-setup-archive = أرشفة
ui-setup-archive-confirm = أتريد أرشفة هذا السجل؟ يبقى في السجل التاريخي ويُزامَن مؤرشفًا.
ui-setup-lock-marks = قفل الدرجات
ui-setup-unlock-marks = فتح الدرجات
ui-setup-import-csv = استيراد ملف CSV…
ui-setup-holidays-imported = { $count ->
    [0] لا عطل جديدة في الملف.
    [one] استُوردت عطلة واحدة.
    [two] استُوردت عطلتان.
    [few] استُوردت { $count } عطل.
   *[other] استُوردت { $count } عطلة.
}
ui-setup-staff-imported = استُورد الموظفون: { $created } جديد، و{ $updated } محدَّث.
ui-setup-date-as = اكتب التاريخ هكذا: { $pattern }.
ui-setup-many-none = إن لم يُحدَّد شيء: الجميع.
ui-setup-logo = الشعار
ui-setup-logo-choose = اختر صورة PNG أو JPEG…
ui-setup-logo-clear = إزالة الشعار
ui-setup-logo-set = عُيّن الشعار؛ يُطبع على الشهادات والإيصالات.
ui-setup-assignments-empty = أضف الشُّعب والمواد أولًا.
ui-setup-not-taught = لا تُدرَّس في هذا الصف
ui-setup-band-from = من ٪
ui-setup-band-to = إلى ٪
ui-setup-band-add = أضف تقديرًا
ui-setup-band-remove = إزالة
ui-setup-month = الشهر
ui-setup-term-n = الفصل { $n }
ui-setup-term-days = أيام الدراسة في كل فصل
ui-setup-school-days = { $count ->
    [one] يوم دراسي واحد
    [two] يوما دراسة
    [few] { $count } أيام دراسية
   *[other] { $count } يومًا دراسيًا
}
ui-setup-school-days-month = يوم دراسي هذا الشهر
ui-weekday-sun = الأحد
ui-weekday-mon = الاثنين
ui-weekday-tue = الثلاثاء
ui-weekday-wed = الأربعاء
ui-weekday-thu = الخميس
ui-weekday-fri = الجمعة
ui-weekday-sat = السبت
ui-yes = نعم
ui-no = لا
ui-assessment-new = تقييم جديد
ui-assessment-set = أضف التقييم
ui-assessment-total = الدرجة الكاملة
ui-assessment-weight = الوزن في الفصل (٪)
ui-assessment-date = التاريخ

## حسابات المدرسة في السحابة
ui-nav-accounts = الحسابات
ui-accounts-title = حسابات السحابة
ui-accounts-need-cloud = الحسابات في سحابة مدرستك: صِل هذا الجهاز بها لإدارتها.
ui-accounts-staff = سجل الموظف
ui-accounts-state = الحالة
ui-accounts-devices = الأجهزة
ui-accounts-disabled = معطّل
ui-accounts-locked = مقفل مؤقتًا
ui-accounts-must-change = عليه اختيار كلمة مرور
ui-accounts-active = نشط
ui-accounts-enable = تفعيل
ui-accounts-disable = تعطيل
ui-accounts-reset = إعادة تعيين كلمة المرور
ui-accounts-sign-out = إخراج الأجهزة
ui-accounts-one-time = كلمة مرور لمرة واحدة
ui-accounts-generate = أنشئ واحدة
ui-accounts-new = حساب لزميل
ui-accounts-new-help = سلّمه كلمة المرور المؤقتة بنفسك؛ يختار كلمته عند أول دخول. سجل المعلم يحدد الشُّعب التي يراها.
ui-accounts-create = أنشئ الحساب
ui-accounts-created = يستطيع { $user } الدخول بكلمة المرور المؤقتة { $password }.
ui-accounts-reset-done = كلمة المرور المؤقتة الآن { $password }؛ وأُخرجت أجهزته.
ui-accounts-disabled-done = عُطّل الحساب وأُخرجت أجهزته.
ui-accounts-enabled-done = يستطيع صاحب الحساب الدخول مجددًا.
ui-accounts-signed-out = أُخرجت أجهزته.
ui-accounts-password-short = تحتاج كلمة المرور إلى ١٠ أحرف على الأقل.
ui-accounts-teacher-staff = حساب المعلم يحتاج إلى سجل الموظف الخاص به.
ui-accounts-history = السجل
ui-accounts-event = { $action ->
    [created] أنشأ حساب
    [role] غيّر دور
    [staff] ربط سجل موظف بحساب
    [disabled] عطّل حساب
    [enabled] فعّل حساب
    [password-reset] أعاد تعيين كلمة مرور
    [signed-out] أخرج أجهزة
    [password-changed] اختار كلمة مرور جديدة:
   *[other] غيّر
}
ui-password-title = اختر كلمة مرور خاصة بك
ui-password-help = كلمة المرور التي دخلت بها عيّنها مدير النظام. اختر كلمتك لتبدأ المزامنة.
ui-password-current = كلمة المرور التي دخلت بها
ui-password-new = كلمة المرور الجديدة
ui-password-again = أعد كتابة كلمة المرور الجديدة
ui-password-save = احفظ كلمة مروري
ui-password-mismatch = كلمتا المرور الجديدتان مختلفتان.
ui-welcome-not-set-up = لم تُعَدّ مدرستك بعد
ui-welcome-not-set-up-help = يُعدّها مديرها أولًا؛ ويفتحها هذا الجهاز حين تجلبها المزامنة.
ui-import-columns = أعمدة الملف
ui-import-columns-help = اختر عمود الملف الذي يعطي كل عمود من أعمدة دفتر (يجمع الاسم حتى ثلاثة: الاسم واسم الأب واسم العائلة)، أو قيمة لكل الأسطر.
ui-import-map-saved = هذا هو الربط الذي استعملته آخر مرة لملفات كهذا.
ui-import-target = دفتر
ui-import-from = من الملف
ui-import-default = وإلا
ui-import-date-order = تواريخ الملف مكتوبة هكذا
ui-import-dmy = يوم/شهر/سنة
ui-import-mdy = شهر/يوم/سنة
ui-import-number-missing = أعطِ الأسطر التي بلا رقم قيد الأرقام التالية
ui-import-genders = قيم الجنس في الملف
ui-import-preview = معاينة
ui-import-previewed = معاينة: لم يُكتب شيء.
ui-import-outcome = { $outcome ->
    [new] جديد
    [updated] محدَّث
   *[unchanged] بلا تغيير
}
ui-import-undo = تراجع عن هذا الاستيراد
ui-import-undone = تم التراجع: أُزيل { $removed } من الطلاب الجدد، وأُعيد { $restored } كما كانوا.
ui-import-to-complete = { PLURAL($count) ->
    [zero] لا أسماء ناقصة.
    [one] طالب واحد اسمه ناقص.
    [two] طالبان اسماهما ناقصان.
    [few] { $count } طلاب أسماؤهم ناقصة.
    [many] { $count } طالبًا أسماؤهم ناقصة.
   *[other] { $count } طالب أسماؤهم ناقصة.
}
ui-import-row-to-complete = يُستكمل: { $fields }
ui-students-to-complete = أسماء تُستكمل
ui-import-col-admission_number = رقم القيد
ui-import-col-name_ar = الاسم بالعربية
ui-import-col-name_en = الاسم بالإنجليزية
ui-import-col-gender = الجنس
ui-import-col-birth_date = تاريخ الميلاد
ui-import-col-national_id = رقم الهوية
ui-import-col-nationality = الجنسية
ui-import-col-grade = الصف
ui-import-col-classroom = الشعبة
ui-import-col-guardian_name = ولي الأمر
ui-import-col-guardian_phone = هاتف ولي الأمر
ui-marks-term-result = نتيجة الفصل
ui-history-title = السجل
ui-history-show = اعرض من غيّر ماذا
ui-history-local-only = التغييرات التي أُجريت على هذا الجهاز ولم تصل إلى السحابة بعد (سجل السحابة لمديري النظام على جهاز متصل).
ui-history-pending = لم يُزامَن بعد
ui-history-none = لا تغييرات مسجلة.
ui-accounts-last-seen = آخر ظهور { $at }
ui-accounts-device-sign-out = أخرج هذا الجهاز
ui-accounts-device-signed-out = أُخرج { $device }؛ عليه الدخول مجددًا.

# شاشة الرسائل: ما أرسلته المدرسة لأولياء الأمور (تُرسل من السحابة).
ui-nav-messages = الرسائل
ui-messages-title = رسائل أولياء الأمور
ui-messages-need-cloud = تُرسل رسائل أولياء الأمور من سحابة المدرسة: صِل هذا الجهاز لتراها.
ui-message-state = { $state ->
    [queued] في الانتظار
    [sending] قيد الإرسال
    [sent] أُرسلت
    [delivered] وصلت
    [failed] فشلت
    [dead] متوقفة
    [cancelled] أُلغيت
   *[digested] في الملخص
}
ui-message-channel = { $channel ->
    [sms] رسالة نصية
   *[email] بريد
}
ui-message-kind = { $kind ->
    [absence] غياب
    [late] تأخر
    [fee-due] رسوم مستحقة
    [fee-overdue] رسوم متأخرة
    [report-cards] الشهادات
    [announcement] إعلان
   *[digest] الملخص اليومي
}
ui-messages-show = عرض
ui-messages-all = الكل
ui-messages-refresh = تحديث
ui-messages-redrive = { PLURAL($count) ->
    [zero] أعد الإرسال
    [one] أعد إرسال رسالة
    [two] أعد إرسال رسالتين
    [few] أعد إرسال { $count } رسائل
   *[other] أعد إرسال { $count } رسالة
}
ui-messages-redriven = { PLURAL($count) ->
    [zero] لم تُعَد أي رسالة إلى الطابور.
    [one] أُعيدت رسالة واحدة إلى الطابور.
    [two] أُعيدت رسالتان إلى الطابور.
    [few] أُعيدت { $count } رسائل إلى الطابور.
   *[other] أُعيدت { $count } رسالة إلى الطابور.
}
ui-messages-select = اختر لإعادة الإرسال
ui-messages-when = متى
ui-messages-kind = الموضوع
ui-messages-channel = عبر
ui-messages-guardian = إلى
ui-messages-subject = العنوان
ui-messages-state = الحالة
ui-messages-reason = السبب
ui-messages-none = لا رسائل بعد.
ui-messages-publish-title = الشهادات جاهزة
ui-messages-publish-help = يُبلَغ ولي أمر كل طالب، بلغته، أن شهادة الفصل جاهزة. تُبلَّغ كل أسرة مرة واحدة في الفصل.
ui-messages-term = الفصل
ui-messages-classroom = أسر
ui-messages-whole-school = المدرسة كلها
ui-messages-publish = أبلغ الأسر
ui-messages-published = { PLURAL($count) ->
    [zero] أُبلغت كل الأسر من قبل.
    [one] وُضعت رسالة واحدة في الطابور.
    [two] وُضعت رسالتان في الطابور.
    [few] وُضعت { $count } رسائل في الطابور.
   *[other] وُضعت { $count } رسالة في الطابور.
}
ui-messages-opt-outs = أولياء أمور طلبوا إيقاف الرسائل
ui-messages-no-opt-outs = لم يطلب أحد الإيقاف.
ui-messages-allow = أعد الإرسال إليهم
ui-messages-allowed = ستصل { $guardian } الرسائل عبر { $channel } من جديد.
ui-settings-alerts = إشعارات سطح المكتب
ui-settings-alerts-help = أخبرني بالإعلانات الجديدة، وبتعديلاتي التي تعارضت أو رُفضت، بعد كل مزامنة.
ui-announcement-audience = إلى
ui-announcement-for = { $audience ->
    [staff] الموظفين فقط
    [guardians] أسر المدرسة
    [grade] أسر صفٍّ
    [classroom] أسر شعبة
   *[everyone] الجميع
}
ui-announcement-grade = الصف
ui-announcement-classroom = الشعبة
ui-announcement-families-help = تُبلَّغ الأسر برسالة نصية وبريد بلغتها حين تكون رسائل المدرسة مفعّلة (وكذلك إعلانات الجميع؛ لا إعلانات الموظفين).
