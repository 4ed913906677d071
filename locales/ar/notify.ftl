# ما يصل أولياء الأمور برسالة نصية أو بريد (crates/notify). نص عادي بلا وسوم.
notify-absence-subject = غياب { $student } اليوم
notify-absence = { $school }: سُجّل غياب { $student } ({ $classroom }) يوم { $date }. إن لم يكن ذلك صحيحًا فاتصلوا بالمدرسة.
notify-late-subject = تأخر { $student } اليوم
notify-late = { $school }: تأخر { $student } ({ $classroom }) في الحضور يوم { $date }.
notify-fee-due-subject = رسوم مستحقة في { $date }
notify-fee-due = { $school }: الفاتورة { $invoice } للطالب { $student } بمبلغ { $amount } مستحقة في { $date }.
notify-fee-overdue-subject = رسوم متأخرة: الفاتورة { $invoice }
notify-fee-overdue = { $school }: الفاتورة { $invoice } للطالب { $student } بمبلغ { $amount } كانت مستحقة في { $date }، { PLURAL($days) ->
    [zero] اليوم
    [one] منذ يوم واحد
    [two] منذ يومين
    [few] منذ { $days } أيام
    [many] منذ { $days } يومًا
   *[other] منذ { $days } يوم
}. نرجو سدادها أو الاتصال بالإدارة.
notify-report-cards-subject = شهادات { $term } جاهزة
notify-report-cards = { $school }: شهادة { $student } عن { $term } جاهزة.
notify-announcement-subject = { $title }
notify-announcement = { $school }: { $title }. { $body }
notify-digest-subject = { $school }: أخبار اليوم
notify-digest = { $school }: { PLURAL($count) ->
    [zero] لا رسائل
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $count } رسائل
    [many] { $count } رسالة
   *[other] { $count } رسالة
} لكم يوم { $date }.
notify-unsubscribe = إيقاف هذه الرسائل
notify-digest-more = { PLURAL($count) ->
    [one] ورسالة أخرى
    [two] ورسالتان أخريان
    [few] و{ $count } رسائل أخرى
   *[other] و{ $count } رسالة أخرى
}
# الصفحة التي يفتحها رابط إيقاف الرسائل في البريد.
notify-unsubscribe-ask = هل توقفون رسائل البريد التي ترسلها { $school }؟
notify-unsubscribe-button = أوقفوها
notify-unsubscribe-done = لن تصلكم رسائل بريد أخرى من { $school }. يمكن للإدارة إعادة تشغيلها.
