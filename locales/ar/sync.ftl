# أخطاء خادم المدرسة السحابي، حسب الرمز الذي يجيب به (رموز daftar-protocol).
# قد تحمل أخطاء التغييرات المفردة $reason، وهو شرح الخادم بالإنجليزية.

error-update-required = هذا الإصدار من دفتر أقدم مما يقبله خادم المدرسة. حدّث دفتر لمتابعة المزامنة؛ تغييراتك محفوظة حتى ذلك الحين.
error-bad-request = لم يفهم الخادم الطلب.
error-bad-json = تعذّر على الخادم قراءة ما أُرسل.
error-too-large = أُرسل الكثير دفعة واحدة؛ سيُرسل على أجزاء أصغر.
error-unknown-resource = لا يعرف الخادم هذا الطلب؛ ربما يعمل بإصدار مختلف من دفتر.
error-method-not-allowed = لا يقبل الخادم هذا الطلب هنا.
error-unauthenticated = سجّل الدخول مجددًا لمتابعة المزامنة.
error-token-expired = انتهت صلاحية الدخول؛ جارٍ تجديدها.
error-session-revoked = سجّل مدير المدرسة خروج هذا الجهاز. سجّل الدخول مجددًا لمتابعة المزامنة.
error-bad-credentials = المدرسة أو اسم المستخدم أو كلمة المرور غير صحيحة.
error-account-locked = كلمات مرور خاطئة كثيرة: هذا الحساب مقفل لبعض الوقت. حاول لاحقًا أو اطلب المساعدة من المدير.
error-rate-limited = محاولات كثيرة. انتظر دقيقة ثم حاول مجددًا.
error-forbidden = دورك لا يسمح بهذا التغيير.
error-bad-cursor = موضع المزامنة غير صالح؛ ستُنزَّل بيانات المدرسة من جديد.
error-unavailable = خادم المدرسة مشغول أو قاعدة بياناته متوقفة. ستُعاد المحاولة.
error-internal = تعطّل خادم المدرسة. ستُعاد المحاولة؛ وإن تكرر ذلك فأخبر المدير.
error-unknown-table = لا يعرف الخادم هذا النوع من السجلات؛ حدّث دفتر.
error-unknown-column = لا يعرف الخادم أحد حقول هذا السجل؛ حدّث دفتر.
error-invalid-value = إحدى قيم هذا التغيير غير صالحة: { $reason }
error-incomplete-row = ينقص هذا السجل الجديد حقل مطلوب: { $reason }
error-unknown-row = لم يعد هذا السجل موجودًا على الخادم.
error-bad-base-version = يشير هذا التغيير إلى إصدار لم يكن لدى الخادم قط؛ ستُعاد مراجعته.
error-bad-hlc = ختم الوقت في هذا التغيير تالف.
error-invalid-record = رفض الخادم هذا السجل: { $reason }
error-missing-reference = يشير هذا التغيير إلى سجل ليس لدى الخادم: { $reason }
error-duplicate = سجل آخر يحمل هذه القيمة: { $reason }
error-out-of-scope = هذا التغيير خارج فصولك أو موادك.
error-sync-offline = لا يمكن الوصول إلى سحابة المدرسة ({ $detail }). تغييراتك محفوظة وستُرسل عند الإمكان.
error-sync-sign-in = يجب أن يسجّل هذا الجهاز الدخول من جديد: daftar connect ({ $detail }).
error-sync-not-connected = هذا الجهاز غير متصل بسحابة مدرسة: daftar connect --server URL --school S --user U
error-keyring-unavailable = حافظة المفاتيح في النظام غير متاحة، ودفتر لا يحفظ الجلسات في غيرها: { $detail }
error-unsynced-changes = { $count } من التغييرات التي أُجريت هنا لم تصل إلى السحابة بعد. زامن أولًا، أو سجّل الخروج مع ‎--export FILE لحفظها في ملف.
error-other-account = هذا الجهاز متصل باسم { $name }: المدرسة الأخرى تحتاج مجلد بيانات خاصًا بها (‎--data-dir)، ولا يسجّل شخص آخر الدخول هنا إلا بعد وصول كل التغييرات التي أُجريت هنا إلى السحابة.
error-unknown-conflict = لا يوجد تعارض { $id } على هذا الجهاز: daftar conflicts list
error-password-change-required = اختر كلمة مرور خاصة بك أولًا: كلمة المرور التي دخلت بها عيّنها مدير النظام.
error-weak-password = تحتاج كلمة المرور إلى ١٠ أحرف على الأقل، ويجب أن تختلف الجديدة عن القديمة.
# إشعارات سطح المكتب بعد كل مزامنة (منطقة إشعارات النظام).
alert-announcement = إعلان جديد: { $title }
alert-more-announcements = { PLURAL($count) ->
    [one] وإعلان جديد آخر
    [two] وإعلانان جديدان آخران
    [few] و{ $count } إعلانات جديدة أخرى
   *[other] و{ $count } إعلانًا جديدًا آخر
}
alert-conflicts = { PLURAL($count) ->
    [one] تعارض أحد تعديلاتك مع جهاز آخر
    [two] تعارض تعديلان من تعديلاتك مع أجهزة أخرى
    [few] تعارضت { $count } من تعديلاتك مع أجهزة أخرى
   *[other] تعارض { $count } من تعديلاتك مع أجهزة أخرى
}
alert-refused = { PLURAL($count) ->
    [one] رفضت السحابة أحد تعديلاتك
    [two] رفضت السحابة تعديلين من تعديلاتك
    [few] رفضت السحابة { $count } من تعديلاتك
   *[other] رفضت السحابة { $count } من تعديلاتك
}
alert-see-sync = افتح «المزامنة» في دفتر لتراها وتحسمها.
