# طرق عرض التحليلات: أسماؤها ومرشحاتها ورسومها وجداولها وأعمدتها (النافذة، وأمر
# `daftar report`، وملفات ‎.xlsx‎ و PDF المصدّرة).
analytics-view-attendance = الحضور
analytics-view-marks = الدرجات
analytics-view-fees = الرسوم
analytics-view-enrollment = التسجيل
analytics-filter-year = العام
analytics-filter-dates = الفترة
analytics-filter-term = الفصل
analytics-filter-grade = الصف الدراسي
analytics-filter-classroom = الشعبة
analytics-filter-subject = المادة
analytics-empty = لا شيء يُعرض لهذه المرشحات.

analytics-chart-attendance-groups = نسبة الحضور
analytics-chart-attendance-weeks = الحضور حسب الأسبوع
analytics-chart-attendance-weekdays = الغياب والتأخر حسب يوم الأسبوع
analytics-chart-marks-groups = المعدل مقارنة بالصف
analytics-chart-marks-subjects = توزيع الدرجات حسب المادة
analytics-chart-marks-histogram = الدرجات في فئات من عشرة
analytics-chart-fees-months = المفوتر والمحصّل شهريًا
analytics-chart-fees-aging = المستحق حسب أيام التأخر
analytics-chart-fees-groups = المحصّل والمستحق
analytics-chart-enrollment-groups = الطلاب مقارنة بالسعة
analytics-chart-enrollment-months = القبول والانسحاب
analytics-chart-enrollment-nationalities = الجنسيات
analytics-chart-glance-weeks = الحضور في آخر ٤ أسابيع
analytics-chart-glance-fees = رسوم هذا الفصل

analytics-table-attendance-groups = الحضور
analytics-table-attendance-weeks = حسب الأسبوع
analytics-table-attendance-weekdays = حسب يوم الأسبوع
analytics-table-attendance-chronic = الغياب المزمن
analytics-table-attendance-late = كثيرو التأخر
analytics-table-marks-groups = مقارنة بالصف
analytics-table-marks-subjects = المواد
analytics-table-marks-at-risk = طلاب معرّضون للخطر
analytics-table-marks-top = المتفوقون
analytics-table-marks-assessments = التقييمات
analytics-table-fees-months = حسب الشهر
analytics-table-fees-aging = أعمار الديون
analytics-table-fees-groups = التحصيل
analytics-table-fees-overdue = متأخرة ٦٠ يومًا فأكثر
analytics-table-enrollment-groups = التسجيل
analytics-table-enrollment-nationalities = الجنسيات
analytics-table-enrollment-months = القبول والانسحاب

analytics-col-level = المجموعة
analytics-col-grade = الصف الدراسي
analytics-col-classroom = الشعبة
analytics-col-student = الطالب
analytics-col-admission = رقم القيد
analytics-col-present = حاضر
analytics-col-absent = غائب
analytics-col-late = متأخر
analytics-col-excused = بعذر
analytics-col-rate = نسبة الحضور ٪
analytics-col-week = أسبوع
analytics-col-weekday = اليوم
analytics-col-days = الأيام المسجلة
analytics-col-missed = أيام الغياب
analytics-col-missed-share = نسبة الغياب ٪
analytics-col-average = المعدل ٪
analytics-col-previous = الفصل السابق ٪
analytics-col-failing = مواد دون النجاح
analytics-col-subject = المادة
analytics-col-grade-average = معدل الصف ٪
analytics-col-difference = الفرق
analytics-col-students = الطلاب
analytics-col-count = الدرجات
analytics-col-marks = الدرجات
analytics-col-mean = المتوسط
analytics-col-min = الأدنى
analytics-col-q1 = الربيع الأدنى
analytics-col-median = الوسيط
analytics-col-q3 = الربيع الأعلى
analytics-col-max = الأعلى
analytics-col-assessment = التقييم
analytics-col-date = التاريخ
analytics-col-month = الشهر
analytics-col-billed = المفوتر
analytics-col-collected = المحصّل
analytics-col-outstanding = المستحق
analytics-col-overdue = المتأخر
analytics-col-amount = المبلغ
analytics-col-collected-share = نسبة التحصيل ٪
analytics-col-bucket = أيام التأخر
analytics-col-invoices = الفواتير
analytics-col-invoice = الفاتورة
analytics-col-due = الاستحقاق
analytics-col-days-overdue = أيام التأخر
analytics-col-male = بنون
analytics-col-female = بنات
analytics-col-capacity = السعة
analytics-col-capacity-use = نسبة الإشغال ٪
analytics-col-nationality = الجنسية
analytics-col-admitted = مقبولون
analytics-col-withdrawn = منسحبون

analytics-weekday = { $day ->
    [0] الأحد
    [1] الاثنين
    [2] الثلاثاء
    [3] الأربعاء
    [4] الخميس
    [5] الجمعة
   *[6] السبت
}
analytics-bucket = { $bucket ->
    [0] لم يحن موعدها
    [1] ١–٣٠ يومًا
    [2] ٣١–٦٠ يومًا
    [3] ٦١–٩٠ يومًا
   *[4] أكثر من ٩٠ يومًا
}
