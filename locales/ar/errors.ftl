# رسائل الأخطاء: المعرّف هو error-<code> حسب رمز الخطأ الثابت.

error-field-required = الحقل { $field } مطلوب.
error-field-too-long = الحقل { $field } أطول من { $max } حرفًا.
error-invalid-choice = «{ $value }» ليست قيمة صالحة للحقل { $field }. اختر واحدة من: { $allowed }.
error-invalid-format = «{ $value }» ليست قيمة صالحة للحقل { $field }.
error-date-range-reversed = { $end } يسبق { $start }.
error-value-out-of-range = يجب أن يكون { $field } بين { $min } و{ $max }، لا { $value }.
error-mark-out-of-range = العلامة { $mark } خارج المدى من 0 إلى { $total }.
error-date-outside-year = التاريخ { $date } خارج العام الدراسي { $year }.
error-not-a-school-day = التاريخ { $date } يوم { $weekday ->
    [sun] الأحد
    [mon] الاثنين
    [tue] الثلاثاء
    [wed] الأربعاء
    [thu] الخميس
    [fri] الجمعة
    [sat] السبت
   *[other] { $weekday }
}، وليس يومًا دراسيًا.
error-school-holiday = التاريخ { $date } عطلة مدرسية ({ $holiday_ar }).
error-student-not-enrolled = الطالب { $student } غير مسجّل في الفصل { $classroom } بتاريخ { $date }.
error-payment-above-balance = الدفعة { $amount } أكبر من الرصيد المتبقي للفاتورة { $balance }.
error-invoice-voided = الفاتورة { $number } ملغاة: لا تقبل دفعة ولا إشعارًا دائنًا.
error-invoice-has-payments = على الفاتورة { $number } دفعات: أصدر إشعارًا دائنًا بدل إلغائها.
error-credit-above-balance = الإشعار الدائن { $amount } أكبر مما تبقى على الفاتورة { $balance }.
error-refund-above-paid = الاسترداد { $amount } أكبر مما دُفع على الفاتورة { $balance }.
error-credit-above-surplus = الرصيد { $amount } أكبر من رصيد الأسرة الدائن على تلك الفاتورة { $balance }.
error-no-family-credit = لا رصيد دائنًا للأسرة لتطبيقه، أو لا شيء متبقٍ للدفع.
error-amount-not-positive = يجب أن يكون { $field } أكبر من صفر.
error-terms-overlap = الفصل { $term } يتداخل مع { $other }: لا يجوز أن يشترك فصلان في يوم.
error-week-without-school-day = يجب أن يضم الأسبوع الدراسي يوماً دراسياً واحداً على الأقل.
error-bands-overlap = تتداخل فئات التقدير عند { $percent }٪.
error-bands-gap = تترك فئات التقدير المدى من { $from }٪ إلى { $to }٪ بلا فئة: يجب أن تغطي من 0 إلى 100.
error-capacity-below-class-size = في { $classroom } { $students } طالباً؛ لا يمكن أن تكون سعته { $capacity }.
error-duplicate-subject-code = توجد مادة أخرى بالرمز { $code }.
error-grade-in-use = ما زال في الصف { $grade } { $classrooms } شعبة؛ أرشفها أو انقلها أولاً.
error-total-below-marks = رُصدت درجة { $highest }؛ لا يمكن أن تكون الدرجة الكلية { $total }.
error-term-locked = درجات { $term } مقفلة؛ يجب أن يفتحها مدير النظام أولاً.
error-dates-in-use = { $records } سجل حضور سيقع خارج التواريخ الجديدة.
error-instalments-do-not-add-up = مجموع الأقساط { $total } لا يساوي مبلغ البند { $amount }.
error-not-found = لا يوجد { $entity ->
    [schools] المدرسة
    [academic_years] العام الدراسي
    [terms] الفصل الدراسي
    [holidays] العطلة
    [grade_levels] الصف
    [staff] الموظف
    [classrooms] الشعبة
    [subjects] المادة
    [teaching_assignments] التكليف
    [students] الطالب
    [guardians] ولي الأمر
    [student_guardians] صلة ولي الأمر
    [enrollments] التسجيل
    [attendance] سجل الحضور
    [assessments] التقييم
    [results] العلامة
    [grade_bands] فئة التقدير
    [fee_structures] الرسم
    [invoices] الفاتورة
    [payments] الدفعة
    [announcements] الإعلان
    [audit_entries] سجل التدقيق
   *[other] { $entity }
} بالمعرّف «{ $id }».
error-duplicate-admission-number = رقم القيد { $number } مستخدم لطالب آخر.
error-duplicate-enrollment = هذا الطالب مسجّل بالفعل في العام { $year }.
error-newer-database = كُتبت هذه البيانات بإصدار أحدث من دفتر (المخطط { $found }؛ هذا الإصدار يعرف حتى { $supported }). حدّث دفتر لفتحها.
error-database = تعذّر العمل على قاعدة البيانات المحلية: { $detail }
error-storage = تعذّر استخدام مجلد البيانات { $path }: { $detail }
error-no-school = لا توجد مدرسة في مجلد البيانات هذا بعد. أنشئ مدرسة تجريبية بالأمر «daftar demo».
error-school-exists = مجلد البيانات هذا يحوي مدرسة بالفعل. استخدم ‎--data-dir‎ آخر لمدرسة جديدة.
error-no-current-year = لا يوجد عام دراسي حالي للمدرسة.
error-unknown-classroom = لا يوجد فصل باسم «{ $name }» في العام الحالي.
error-unknown-grade = لا توجد مرحلة باسم «{ $name }».
error-unknown-field = «{ $field }» ليس حقلًا يمكن تعديله. الحقول: { $allowed }.
error-invalid-date = «{ $value }» ليس تاريخًا؛ اكتبه بالصيغة YYYY-MM-DD.
error-invalid-id = «{ $value }» ليس معرّفًا صالحًا.
error-csv-header = ينقص ترويسة الملف العمود { $column }.
error-csv-unreadable = تعذّرت قراءة السطر { $line }: { $detail }
error-import-rejected = لم يُستورد شيء: { PLURAL($count) ->
    [zero] لا صفوف غير صالحة.
    [one] صف واحد غير صالح.
    [two] صفّان غير صالحين.
    [few] { $count } صفوف غير صالحة.
    [many] { $count } صفًا غير صالح.
   *[other] { $count } صف غير صالح.
}
error-import-row = السطر { $line }: { $reason }
error-duplicate-in-file = رقم القيد { $number } مكرر في السطر { $line }.
error-bad-mapping = «{ $mapping }» ليست مطابقة صحيحة للترويسة؛ اكتبها بالصيغة file_column=daftar_column.
error-student-twice = الطالب { $student } مذكور أكثر من مرة.
error-already-exists = يوجد { $entity ->
    [schools] المدرسة
    [academic_years] العام الدراسي
    [terms] الفصل الدراسي
    [holidays] العطلة
    [grade_levels] الصف
    [staff] الموظف
    [classrooms] الشعبة
    [subjects] المادة
    [teaching_assignments] التكليف
    [students] الطالب
    [guardians] ولي الأمر
    [student_guardians] صلة ولي الأمر
    [enrollments] التسجيل
    [attendance] سجل الحضور
    [assessments] التقييم
    [results] العلامة
    [grade_bands] فئة التقدير
    [fee_structures] الرسم
    [invoices] الفاتورة
    [payments] الدفعة
    [announcements] الإعلان
    [audit_entries] سجل التدقيق
   *[other] { $entity }
} بالمعرّف { $id } بالفعل.
error-unknown-term = لا يوجد فصل دراسي «{ $name }» في العام الحالي؛ اكتب رقمه (1، 2…) أو اسمه.
error-invalid-month = «{ $value }» ليس شهرًا؛ اكتبه بالصيغة YYYY-MM.
error-invalid-threshold = “{ $value }” ليست عتبة صالحة: اكتب نسبة مئوية من ١ إلى ١٠٠.
error-bad-date-range = الفترة معكوسة: { $from } بعد { $to }.
error-bad-logo = لا يمكن طباعة شعار المدرسة: { $detail }
error-nothing-to-print = لا يوجد ما يُطبع: { $detail }
error-not-allowed = { $reason ->
    [not-your-classroom] { $action ->
        [see-students] الاطلاع على هذا الطالب
        [take-attendance] أخذ حضور هذا السجل
        [set-assessments] وضع هذا التقييم
        [enter-marks] إدخال هذه الدرجات
        [write-remarks] كتابة هذه الملاحظات
        [print-reports] الطباعة لهذا الصف
        [see-analytics] الاطلاع على هذه الأرقام
       *[other] هذا
    } متاح لصفوفك أنت فقط.
    [not-your-subject] { $action ->
        [see-students] الاطلاع على هذا الطالب
        [take-attendance] أخذ حضور هذا السجل
        [set-assessments] وضع هذا التقييم
        [enter-marks] إدخال هذه الدرجات
        [write-remarks] كتابة هذه الملاحظات
        [print-reports] الطباعة لهذا الصف
        [see-analytics] الاطلاع على هذه الأرقام
       *[other] هذا
    } متاح للمواد التي تدرّسها في ذلك الصف فقط.
    [not-your-student] { $action ->
        [see-students] الاطلاع على هذا الطالب
        [take-attendance] أخذ حضور هذا السجل
        [set-assessments] وضع هذا التقييم
        [enter-marks] إدخال هذه الدرجات
        [write-remarks] كتابة هذه الملاحظات
        [print-reports] الطباعة لهذا الصف
        [see-analytics] الاطلاع على هذه الأرقام
       *[other] هذا
    } متاح لطلاب صفوفك فقط.
   *[role] لا يتيح لك دورك الوصول إلى { $action ->
        [see-students] هؤلاء الطلاب
        [edit-students] تعديل الطلاب وأولياء الأمور
        [manage-classrooms] تسكين الطلاب في الصفوف
        [run-school] إدارة العام الدراسي
        [manage-fees] الرسوم
        [take-attendance] سجل حضور هذا الصف
        [set-assessments] وضع التقييمات
        [enter-marks] درجات هذا الصف
        [write-remarks] ملاحظات الشهادات
        [write-principal-remarks] ملاحظة المدير
        [announce] نشر الإعلانات
        [print-reports] الطباعة لهذا الصف
        [restore-backups] استعادة النسخ الاحتياطية
        [see-analytics] التحليلات
       *[other] هذا
    }.
}
error-no-staff-with-role = لا يوجد في المدرسة التجريبية { $role ->
    [admin] مدير
    [office] موظف إداري
   *[teacher] معلم
} للتجول بصفته.
error-not-demo = لا يمكن التجول بصفة شخص آخر إلا في المدرسة التجريبية.
error-unknown-language = «{ $value }» ليست لغة يتحدثها دفتر (ar، en).
error-invalid-amount = «{ $value }» ليس مبلغًا؛ اكتبه مثل 1250 أو 1,250.50.
error-invalid-mark = «{ $value }» ليست درجة؛ اكتب رقمًا أو اتركها فارغة.
error-classroom-full = يتسع { $classroom } لـ { $capacity } طالبًا؛ وهذا يجعل العدد { $students }.
error-wrong-year = { $name } ليس صفًا من صفوف العام الذي يجري التسكين فيه.
error-no-next-year = لم تفتح المدرسة العام الذي يلي { $name } بعد.
error-cancelled = أُلغي العمل؛ لم يتغير شيء.
error-unknown-kind = «{ $kind }» ليس مما يُعدّ. الأنواع: { $allowed }.
error-not-one-of = «{ $value }» ليس من: { $allowed }.
error-not-archivable = لا يمكن أرشفة { $name }.
error-record-in-use = لا يزال { $record } مستخدمًا: يعتمد عليه { $count } { $uses ->
    [classrooms] من الفصول
    [assessments] من التقييمات
    [term_remarks] من ملاحظات الشهادات
    [enrollments] من الطلاب المسجلين فيه
    [attendance] من سجلات الحضور
    [teaching_assignments] من إسنادات التدريس
   *[other] من السجلات
  }.
error-not-an-image = الملف ليس صورة PNG أو JPEG يستطيع دفتر قراءتها ({ $detail }).
error-not-taught-in-grade = لا تُدرَّس { $subject } في { $grade }؛ أضف الصف إلى المادة أولًا.
error-staff-inactive = لم يعد { $name } يعمل في المدرسة.
error-unknown-year = لا يوجد عام دراسي «{ $name }».
error-no-fee-plan = لا توجد خطة رسوم للعام { $name } بعد: أنشئ خطة (الرسوم ← الخطط) قبل إصدار الفواتير.
error-unknown-subject = لا توجد مادة «{ $name }»؛ اذكر رمزها.
error-unknown-staff = لا يوجد موظف «{ $name }»؛ اذكر بريده أو اسمه أو معرّفه.
error-previewed = كانت هذه معاينة؛ لم يُكتب شيء.
error-nothing-to-undo = لا يوجد استيراد للتراجع عنه على هذا الجهاز.
error-unknown-record-kind = لا يحفظ دفتر سجلات باسم «{ $name }».
error-local-school-needs-admin = بدأت هذه المدرسة على هذا الجهاز: صِلها بحساب مدير، فأول مزامنة ترسل المدرسة كلها.
error-cloud-school-not-empty = مدرسة السحابة { $school } تحوي مدرسة بالفعل. المدرسة التي بدأت على هذا الجهاز لا تُرسل إلا إلى مدرسة سحابية فارغة؛ اطلب واحدة من مشغّل الخدمة.
