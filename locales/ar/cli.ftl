# كلمات الأمر daftar.

cli-error = خطأ
cli-demo-created = أُنشئت المدرسة التجريبية «{ $school }» للعام { $year } في { $seconds } ث.
cli-demo-counts = الطلاب: { $students }، الموظفون: { $staff }، الفصول: { $classrooms }، سجلات الحضور: { $attendance }، العلامات: { $results }، الفواتير: { $invoices }.
cli-data-dir = مجلد البيانات: { $path }
cli-current = الحالي
cli-week = أيام الدراسة
cli-school-days = عدد الأيام الدراسية
cli-search-total = { PLURAL($total) ->
    [zero] لم يُعثر على طلاب.
    [one] طالب واحد.
    [two] طالبان.
    [few] عرض { $from }–{ $to } من { $total } طلاب.
    [many] عرض { $from }–{ $to } من { $total } طالبًا.
   *[other] عرض { $from }–{ $to } من { $total } طالب.
}
cli-student-saved = حُفظ الطالب { $number }.
cli-admission-number = رقم القيد
cli-gender = الجنس
cli-birth-date = تاريخ الميلاد
cli-nationality = الجنسية
cli-national-id = رقم الهوية
cli-status = الحالة
cli-enrolled = مسجّل
cli-guardian = ولي الأمر
cli-balance = المتبقي
cli-attendance-summary = الحضور هذا العام: حاضر { $present }، غائب { $absent }، متأخر { $late }، بعذر { $excused }.
cli-marks-summary = { PLURAL($count) ->
    [zero] لا علامات مسجلة.
    [one] علامة واحدة مسجلة.
    [two] علامتان مسجلتان.
    [few] { $count } علامات مسجلة.
    [many] { $count } علامة مسجلة.
   *[other] { $count } علامة مسجلة.
}
cli-register-saved = حُفظ سجل حضور { $classroom } ليوم { $date }: حاضر { $present }، غائب { $absent }، متأخر { $late }، بعذر { $excused } (تغيّر { $changed }).
cli-not-taken = لم يُسجَّل
cli-imported = قُرئ { $rows } صف: جديد { $created }، محدَّث { $updated }، بلا تغيير { $unchanged }، متروك { $skipped }.
cli-exported = صُدّر { $count } صفًا إلى { $file }.
attendance-present = حاضر
attendance-absent = غائب
attendance-late = متأخر
attendance-excused = غائب بعذر
gender-male = ذكر
gender-female = أنثى
status-active = منتظم
status-withdrawn = منسحب
status-graduated = متخرج
cli-printed = طُبعت { PLURAL($pages) ->
    [zero] لا صفحات
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $pages } صفحات
    [many] { $pages } صفحة
   *[other] { $pages } صفحة
} في { PLURAL($files) ->
    [zero] لا ملفات
    [one] ملف واحد
    [two] ملفين
    [few] { $files } ملفات
    [many] { $files } ملفًا
   *[other] { $files } ملف
}: { $path } ({ $seconds } ث).
cli-password = كلمة المرور
cli-connected = تم الاتصال باسم { $user } ({ $role }) بمدرسة { $school }. شغّل «daftar sync» لجلب بيانات المدرسة.
cli-synced = تمت المزامنة: أُرسل { $pushed }، ووصل { $pulled }، ودُمج { $merged }، وفيه تعارض { $conflicts }، ورُفض { $rejected }.
cli-conflicts-waiting = { PLURAL($count) ->
    [one] تعارض واحد ينتظر المراجعة: daftar conflicts list
    [two] تعارضان ينتظران المراجعة: daftar conflicts list
    [few] { $count } تعارضات تنتظر المراجعة: daftar conflicts list
   *[other] { $count } تعارضًا ينتظر المراجعة: daftar conflicts list
}
cli-rejected-waiting = { PLURAL($count) ->
    [one] رفضت السحابة تغييرًا واحدًا وهو محفوظ: daftar sync rejected
    [two] رفضت السحابة تغييرين وهما محفوظان: daftar sync rejected
    [few] رفضت السحابة { $count } تغييرات وهي محفوظة: daftar sync rejected
   *[other] رفضت السحابة { $count } تغييرًا وهي محفوظة: daftar sync rejected
}
cli-sync-account = متصل باسم { $user } بمدرسة { $school } على { $server }.
cli-sync-no-account = غير متصل بالسحابة: daftar connect --server URL --school S --user U
cli-sync-counts = بانتظار الإرسال: { $pending }. تعارضات للمراجعة: { $conflicts }. تغييرات مرفوضة: { $rejected }.
cli-rejected-queued = أُعيد { $count } من التغييرات المرفوضة إلى الطابور؛ تُرسل مع المزامنة التالية.
cli-no-rejected = لا توجد تغييرات مرفوضة.
cli-conflict-mine = قيمتي
cli-conflict-theirs = قيمتهم
cli-conflict-kept = المحفوظ الآن في السجل
cli-no-conflicts = لا توجد تعارضات للمراجعة.
cli-conflict-resolved = حُسم التعارض { $id }؛ يُرسل الاختيار إلى السحابة مع المزامنة التالية.
cli-disconnected = تم تسجيل الخروج. حُفظ { $count } من التغييرات التي لم تصل إلى السحابة في الملف وأُزيلت من هذا الجهاز.
cli-guardian-saved = حُفظ وليّ الأمر { $name }.
cli-payment-recorded = سُجّل مبلغ { $amount } على الفاتورة { $invoice }، الإيصال { $receipt }.
cli-refund-recorded = استُرد { $amount } على الفاتورة { $invoice }، الاسترداد { $number }.
cli-credit-applied = طُبّق { $amount } من رصيد الأسرة الدائن على { $count } فواتير.
cli-family-balance = الرصيد { $balance } (المتبقي للدفع { $due }، رصيد الأسرة الدائن { $credit }).
cli-cash-total = صافي المقبوضات { $total }.
cli-aging-total = { $total } مستحقة على { $students } طالبًا.
cli-saved = حُفظ: { $name }.
cli-every-grade = كل الصفوف
cli-vat = ضريبة القيمة المضافة
cli-fee-policy = سياسة رسوم العام
cli-run-preview = معاينة، لم يُكتب شيء: { $issued } فاتورة ستصدر ({ $total }، الضريبة { $vat }، الخصومات { $discount })؛ { $already } صدرت من قبل، و{ $nothing } بلا مستحقات، و{ $unplanned } في صفوف بلا خطة.
cli-run-done = صدرت { $issued } فاتورة ({ $total }، الضريبة { $vat }، الخصومات { $discount })؛ { $already } صدرت من قبل، و{ $nothing } بلا مستحقات، و{ $unplanned } في صفوف بلا خطة.
cli-credited = صدر الإشعار الدائن { $number } بمبلغ { $amount } على الفاتورة { $invoice }.
cli-voided = أُلغيت الفاتورة { $invoice }.
cli-invoice-voided = أُلغيت في { $date }: { $reason }
cli-late-fees-preview = معاينة، لم يُكتب شيء: { $charged } غرامة تأخير ستُفرض ({ $total })؛ { $already } فُرضت من قبل.
cli-late-fees-done = فُرضت { $charged } غرامة تأخير ({ $total })؛ { $already } فُرضت من قبل.
cli-exploring = تعمل الآن بصفة { $name } ({ $role }) في المدرسة التجريبية.
cli-school-started = بدأت المدرسة «{ $school }». أنت مديرها؛ يعرض ‎`daftar setup checklist`‎ ما بقي من الإعداد.
cli-setup-saved = حُفظ { $id }.
cli-setup-archived = أُرشف { $id }.
cli-logo-set = عُيّن الشعار ({ $bytes } بايت).
cli-day-school = يوم دراسي
cli-day-weekend = عطلة نهاية الأسبوع
cli-day-outside = خارج العام
cli-holidays-imported = استُورِدت { $count } من العطل.
cli-staff-imported = استُورِد الموظفون: { $created } جديد، و{ $updated } محدَّث.
cli-term-locked = قُفلت درجات { $term }.
cli-term-unlocked = فُتحت درجات { $term }.
cli-setup-done = اكتمل إعداد المدرسة.
cli-one-time-password = كلمة مرور مؤقتة للحساب (١٠ أحرف أو أكثر)
cli-new-password = كلمة مرورك الجديدة (١٠ أحرف أو أكثر)
cli-account-created = أُنشئ الحساب { $user }؛ يختار صاحبه كلمة مروره عند أول دخول.
cli-password-changed = تغيّرت كلمة مرورك؛ يمكن متابعة المزامنة.
cli-import-preview = معاينة: لم يُكتب شيء. صفًا صفًا:
cli-import-undone = أُلغي استيراد { $file }: أُزيل { $removed } من الطلاب الجدد، وأُعيد { $restored } كما كانوا.
cli-messages-redriven = { PLURAL($count) ->
    [zero] لم تُعَد أي رسالة إلى الطابور.
    [one] أُعيدت رسالة واحدة إلى الطابور.
    [two] أُعيدت رسالتان إلى الطابور.
    [few] أُعيدت { $count } رسائل إلى الطابور.
   *[other] أُعيدت { $count } رسالة إلى الطابور.
}
cli-report-cards-published = { PLURAL($count) ->
    [zero] أُبلغت كل الأسر من قبل.
    [one] وُضعت رسالة واحدة لولي أمر: شهادته جاهزة.
    [two] وُضعت رسالتان لأولياء الأمور: الشهادات جاهزة.
    [few] وُضعت { $count } رسائل لأولياء الأمور: الشهادات جاهزة.
   *[other] وُضعت { $count } رسالة لأولياء الأمور: الشهادات جاهزة.
}
cli-opt-out-set = لن تصل ولي الأمر رسائل أخرى عبر { $channel }.
cli-opt-out-cleared = ستصل ولي الأمر الرسائل عبر { $channel } من جديد.
