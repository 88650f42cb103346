nav-exchange = تبادل الابتكارات
nav-exchange-secretariat = أمانة التبادل
home-exchange-title = ابتكارات في الخدمة العامة
home-exchange-text = تتبادل الحكومات والشركات والخبراء والأكاديميون حلولًا نجحت في بلدانهم، ويجدون حلولًا تناسب احتياجاتهم.
home-exchange-link = افتح منصة التبادل
org-kind-government = جهة حكومية
org-kind-private = شركة خاصة
org-kind-academic = مؤسسة أكاديمية
org-kind-development-partner = شريك تنموي
org-kind-civil-society = منظمة مجتمع مدني

exchange-title = تبادل ابتكارات الخدمة العامة
exchange-lead = شبكة تعاون بين بلدان الجنوب: يشارك الأعضاء حلولًا للخدمة العامة نجحت في بلدانهم، ويعرضون المشكلات التي يريدون حلها، ويتواصلون فيما بينهم.
exchange-members-count = { $count ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $n } أعضاء
    [many] { $n } عضوًا
   *[other] { $n } عضو
}
exchange-solutions-title = الحلول
exchange-needs-title = الاحتياجات
exchange-latest-solutions = أحدث الحلول
exchange-open-needs = احتياجات مفتوحة
exchange-none-yet = لا شيء هنا بعد.
exchange-members-title = دليل الأعضاء
exchange-country = البلد
exchange-kind = نوع العضو
exchange-focus = مجال التركيز
exchange-show = اعرض
exchange-members-found = { $count ->
    [zero] لم يُعثر على أعضاء
    [one] عُثر على عضو واحد
    [two] عُثر على عضوين
    [few] عُثر على { $n } أعضاء
    [many] عُثر على { $n } عضوًا
   *[other] عُثر على { $n } عضو
}
exchange-all-countries = كل البلدان
exchange-all-kinds = كل الأنواع
exchange-all-focus = كل المجالات
exchange-all-maturity = أي مرحلة
exchange-runs-in = يعمل في
exchange-sdg = غاية أو هدف من أهداف التنمية المستدامة
exchange-sdg-hint = مثلًا ١٦٫٦، أو ١٦ لكل غايات الهدف ١٦.
exchange-maturity = المرحلة
exchange-solutions-found = { $count ->
    [zero] لم يُعثر على حلول
    [one] عُثر على حل واحد
    [two] عُثر على حلّين
    [few] عُثر على { $n } حلول
    [many] عُثر على { $n } حلًا
   *[other] عُثر على { $n } حل
}
exchange-status-note = أنت تقرأ أحدث نسخة، وحالتها: { $status }. يرى القراء النسخة المنشورة.
exchange-status-submitted = بانتظار المراجعة
exchange-status-in_review = قيد المراجعة
exchange-status-published = منشورة
exchange-status-returned = أُعيدت للتعديل
exchange-field-title = العنوان
exchange-field-problem = المشكلة
exchange-field-approach = طريقة الحل
exchange-field-results = النتائج
exchange-field-evidence = الأدلة
exchange-field-implemented = يعمل حاليًا
exchange-field-countries = أين يعمل
exchange-field-level = مستوى الحكومة
exchange-field-cost = تكلفة التبني
exchange-field-months-to-adopt = عدد أشهر التبني
exchange-field-maturity = المرحلة
exchange-field-sdgs = غايات التنمية المستدامة
exchange-field-focus = مجالات التركيز
exchange-field-contact = جهة الاتصال
exchange-field-context = السياق
exchange-field-constraints = القيود
exchange-yes = نعم
exchange-no = لا
exchange-level-national = وطني
exchange-level-regional = إقليمي أو على مستوى المحافظة
exchange-level-local = محلي
exchange-cost-low = منخفضة
exchange-cost-medium = متوسطة
exchange-cost-high = مرتفعة
exchange-maturity-idea = فكرة
exchange-maturity-pilot = تجربة أولية
exchange-maturity-scaled = مطبّق على نطاق واسع
exchange-maturity-replicated = نُقل إلى أماكن أخرى
exchange-history = النسخ
exchange-version-published = النسخة { $version }، نُشرت في { $date }
exchange-version-draft = النسخة { $version }، غير منشورة
exchange-compare-from = قارن النسخة
exchange-compare-to = بالنسخة
exchange-compare = اعرض ما تغيّر
exchange-reviews = المراجعة
exchange-changes-title = ما الذي تغيّر
exchange-changes-between = من النسخة { $from } إلى النسخة { $to }
exchange-changes-none = لم يتغير شيء بين هاتين النسختين.
exchange-changes-legend = الكلمات المشطوبة حُذفت، والكلمات المسطّر تحتها أُضيفت.
exchange-suggested = حلول قد تناسب
exchange-suggested-none = لا يوجد بعد حل منشور يناسب هذا الاحتياج. ستبحث الأمانة عن حل.
exchange-why = لماذا قد يناسب:
exchange-secretariat-title = أمانة التبادل
exchange-pending-members = أعضاء بانتظار التحقق
exchange-none-waiting = لا شيء بالانتظار.
exchange-verify = تحقّق
exchange-review-queue = حلول للمراجعة
exchange-review-criteria = انشر الحل عندما تكون مشكلته وطريقته ونتائجه واضحة، ولنتائجه أدلة، ويذكر أين يعمل، ويسمّي جهة اتصال. وإلا فأعده مع بيان ما ينقصه.
exchange-version = النسخة { $version }
exchange-start-review = ابدأ المراجعة
exchange-review-comment = تعليق (مطلوب عند الإعادة)
exchange-publish = انشر
exchange-return = أعِده للتعديل
exchange-kind-government = جهة حكومية
exchange-kind-private = شركة خاصة
exchange-kind-academic = مؤسسة أكاديمية
exchange-kind-development_partner = شريك تنموي
exchange-kind-civil_society = منظمة مجتمع مدني
exchange-kind-expert = خبير فرد
exchange-focus-future_public_service = مستقبل الخدمة العامة
exchange-focus-civil_service = الخدمة المدنية
exchange-focus-finance = المالية العامة
exchange-focus-work = مستقبل العمل
exchange-focus-data_innovation = الابتكار في البيانات
exchange-focus-commerce = التجارة
exchange-lang-bn = البنغالية
exchange-lang-en = الإنجليزية
exchange-lang-ar = العربية
exchange-lang-fr = الفرنسية
exchange-lang-es = الإسبانية
exchange-lang-pt = البرتغالية
exchange-lang-tr = التركية
exchange-lang-so = الصومالية
exchange-list = { $first } و{ $last }
exchange-list-comma = {"، "}
exchange-reason-sdg = { $count ->
    [one] كلاهما يعمل على غاية التنمية المستدامة { $values }.
   *[other] كلاهما يعمل على غايات التنمية المستدامة { $values }.
}
exchange-reason-goal = { $count ->
    [one] كلاهما يسعى إلى هدف التنمية المستدامة { $values }.
   *[other] كلاهما يسعى إلى أهداف التنمية المستدامة { $values }.
}
exchange-reason-focus = كلاهما في مجال { $values }.
exchange-reason-words = يتحدث وصفه عن { $values } كما يتحدث احتياجك.
exchange-reason-language = يعمل فريقه بـ{ $values } كما تستطيع أنت.
exchange-reason-proven = سبق أن طُبّق على نطاق واسع أو نُقل إلى أماكن أخرى.
exchange-reason-proven-in = يعمل بالفعل في { $values }.
error-member_not_found = لا يوجد عضو بهذا المعرّف.
error-member_not_verified = لم تتحقق الأمانة من هذا العضو بعد.
error-member_exists = أنت عضو في الشبكة بالفعل.
error-solution_not_found = لا يوجد حل بهذا المعرّف.
error-version_not_found = لا توجد نسخة بهذا الرقم.
error-need_not_found = لا يوجد احتياج بهذا المعرّف.
error-invalid_review_move = لا يمكن أن تنتقل المراجعة على هذا النحو الآن.
field-unknown_code = يجب أن يكون أحد الخيارات المتاحة
field-unknown_country = يجب أن يكون رمز بلد مثل BD أو KE
field-unknown_sdg_target = يجب أن يكون غاية من غايات التنمية المستدامة مثل ١٦٫٦
field-not_a_url = يجب أن يكون عنوان ويب يبدأ بـ https://
error-match_not_found = لا توجد مطابقة بهذا المعرّف.
error-invalid_match_move = لا يمكن أن تنتقل المطابقة على هذا النحو الآن.
error-match_exists = هذا الاحتياج وهذا الحل متطابقان بالفعل.
field-own_solution = هو حل العضو نفسه صاحب الاحتياج
field-not_a_date = يجب أن يكون تاريخًا مكتوبًا بالشكل YYYY-MM-DD
exchange-match-title = مطابقة احتياج مع حل
exchange-match-need = الاحتياج
exchange-match-solution = الحل
exchange-match-state = المرحلة الحالية
exchange-move-note = ملاحظة للسجل (اختيارية)
exchange-match-log = سجل المتابعة
exchange-note = ملاحظة
exchange-note-date = يوم حدوثها (اختياري)
exchange-add-note = أضف إلى السجل
exchange-log-note = ملاحظة
exchange-see-match = تابع هذه المطابقة
exchange-express-interest = نحن مهتمون
exchange-mstate-suggested = مقترحة
exchange-mstate-interest_expressed = أُبدي الاهتمام
exchange-mstate-agreed = متفق عليها
exchange-mstate-adapting = قيد التكييف
exchange-mstate-replicated = نُقلت بنجاح
exchange-mstate-closed = مغلقة
exchange-move-interest_expressed = أبدِ الاهتمام
exchange-move-agreed = وافق على المشاركة
exchange-move-adapting = بدأ التكييف
exchange-move-replicated = تم النقل
exchange-move-closed = أغلق المطابقة
exchange-dashboard-title = الشراكات في الشبكة
exchange-dashboard-intro = احتياجات طوبقت مع حلول، والشراكات التي تلتها: متفق عليها أو قيد التكييف أو منقولة.
exchange-dashboard-by-country = الشراكات حسب البلد الذي يتبنى الحل
exchange-dashboard-by-focus = الشراكات حسب مجال التركيز
exchange-dashboard-chart-desc = عمود لكل بلد: عدد الشراكات التي اتفق عليها أعضاؤه أو يكيّفونها أو نقلوها. الأرقام نفسها في الجدول أدناه.
exchange-partnerships = الشراكات
exchange-dashboard-link = لوحة الشراكات
exchange-workshops-title = ورش التوفيق
exchange-workshops-lead = يلتقي الأعضاء في الورشة وجهًا لوجه: سجّل، وحدّد أوقات فراغك، واطلب لقاء من تريد، واحصل على جدولك.
exchange-workshops-link = الورش
exchange-participants-count = { $count ->
    [zero] لا مشاركين
    [one] مشارك واحد
    [two] مشاركان
    [few] { $n } مشاركين
    [many] { $n } مشاركًا
   *[other] { $n } مشارك
}
exchange-time-zone = الأوقات بتوقيت { $zone }
exchange-deadline = آخر موعد للتسجيل { $date }
exchange-cap = { $cap ->
    [one] لقاء واحد للشخص
    [two] حتى لقاءين للشخص
    [few] حتى { $cap } لقاءات للشخص
    [many] حتى { $cap } لقاءً للشخص
   *[other] حتى { $cap } لقاء للشخص
}
exchange-my-agenda = جدولي
exchange-agenda-ics = أضف إلى تقويمي (.ics)
exchange-scheduler = جدول اللقاءات
exchange-run-scheduler = جدوِل اللقاءات المقبولة
exchange-scheduler-hint = اللقاءات الموجودة في جداول الناس تبقى في مكانها؛ تُضاف الجديدة فقط.
exchange-run-result = { $placed ->
    [zero] لا لقاءات في الجدول
    [one] لقاء واحد في الجدول
    [two] لقاءان في الجدول
    [few] { $n } لقاءات في الجدول
    [many] { $n } لقاءً في الجدول
   *[other] { $n } لقاء في الجدول
} (بقي { $kept } في مكانه). لم يُجدول: { $nocommon } لعدم وجود وقت فراغ مشترك، و{ $full } لامتلاء الطاولات، و{ $cap } لتجاوز الحد.
exchange-sign-in-to-register = سجّل الدخول لتسجّل في الورشة
exchange-register-for = أحضر باسم
exchange-register-myself = نفسي
exchange-register = سجّل
exchange-slots = الفترات الزمنية
exchange-free-in = أنا متاح في هذه الفترات
exchange-tables = { $tables ->
    [one] طاولة واحدة
    [two] طاولتان
    [few] { $tables } طاولات
    [many] { $tables } طاولةً
   *[other] { $tables } طاولة
}
exchange-save-slots = احفظ أوقات فراغي
exchange-requests = طلبات اللقاء
exchange-no-requests = لا طلبات لقاء بعد.
exchange-accept = اقبل
exchange-decline = اعتذر
exchange-ask-to-meet = اطلب لقاء شخص
exchange-meet-whom = مَن
exchange-meet-why = لماذا تريد اللقاء (اختياري)
exchange-send-request = أرسل الطلب
exchange-agenda-empty = لا لقاءات في جدولك بعد. تظهر عندما يجدول المنظم الطلبات المقبولة.
exchange-when = متى
exchange-where = أين
exchange-with = مع
exchange-table = الطاولة { $table }
exchange-ics-meeting = لقاء مع { $name }
exchange-sms-agenda = تغيّر جدولك في { $title }. اطّلع عليه: { $path }
exchange-request-pending = بانتظار الرد
exchange-request-accepted = مقبول
exchange-request-declined = معتذَر عنه
error-workshop_not_found = لا توجد ورشة بهذا المعرّف.
error-registration_closed = أُغلق التسجيل في هذه الورشة.
error-not_registered = لست مسجلًا في هذه الورشة.
error-meeting_cap_reached = طلبت العدد الأقصى من اللقاءات الذي تسمح به هذه الورشة.
error-meeting_requested = طُلب لقاء بينكما من قبل.
error-meeting_not_found = لا يوجد طلب لقاء بهذا المعرّف.
error-meeting_answered = رُدّ على هذا الطلب من قبل.
field-unknown_time_zone = يجب أن تكون منطقة زمنية مثل Asia/Amman
field-not_a_time = يجب أن يكون وقتًا مكتوبًا بالشكل YYYY-MM-DDTHH:MM
field-overlaps = يجب أن تبدأ بعد انتهاء الفترة التي قبلها
field-unknown_slot = ليست فترة من فترات هذه الورشة
field-yourself = لا يمكن أن يكون أنت
field-not_a_participant = غير مسجل في هذه الورشة
error-meeting_not_held = هذا اللقاء ليس في الجدول.
field-not_a_person = ليس شخصًا مسجلًا في المنصة
exchange-join-title = انضم إلى الشبكة
exchange-join-lead = سجّل مؤسستك (وتصبح مالكها) أو نفسك خبيرًا. تتحقق الأمانة من كل عضو قبل إدراجه.
exchange-join-done = شكرًا لك. ستتحقق الأمانة من العضو وتدرجه في الدليل.
exchange-join-name = اسم المؤسسة، أو اسمك بصفتك خبيرًا
exchange-join-languages = اللغات التي تعملون بها
exchange-join-about = ماذا تعملون
exchange-join-website = الموقع الإلكتروني
exchange-join-send = اطلب الانضمام
exchange-choose = اختر
exchange-need-new = اعرض احتياجًا
exchange-need-lead = اكتب المشكلة التي تريد حلها، وأين، وفي ظل أي قيود. تُقترح فورًا حلول قد تناسب، ولكل منها أسبابه.
exchange-need-no-member = يمكنك عرض احتياج باسم عضو في الشبكة تنتمي إليه، بعد أن تتحقق منه الأمانة.
exchange-need-for = باسم
exchange-need-send = اعرض الاحتياج
exchange-sdgs-hint = غايات التنمية المستدامة، مفصولة بفواصل، مثل ١٫٣، ١٦٫٦
exchange-search-title = ابحث في الحلول والاحتياجات
exchange-search-words = كلمات (بالبنغالية أو الإنجليزية أو العربية)
exchange-search-button = ابحث
exchange-search-results = النتائج
exchange-search-none = لم يُعثر على شيء. جرّب كلمات أقل، أو أزل أحد المرشحات.
exchange-search-found = { $count ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $n } نتائج
    [many] { $n } نتيجةً
   *[other] { $n } نتيجة
}
exchange-search-kind = حلول أم احتياجات
exchange-kind-of-solution = حل
exchange-kind-of-need = احتياج
exchange-sdg-goal = هدف التنمية المستدامة
exchange-goal = الهدف { $goal }
exchange-search-link = ابحث
error-not_software = ليس لهذا الحل ملف publiccode.yml: فهو غير موصوف بوصفه برمجية.
field-not_text = يجب أن يكون نصًا
field-not_a_list = يجب أن يكون قائمة
field-not_a_map = يجب أن يكون مجموعة مفاتيح وقيم
field-not_a_boolean = يجب أن يكون true أو false
field-yaml_syntax = ليس YAML صالحًا هنا
field-short_too_long = يجب ألا يزيد على ١٥٠ حرفًا
field-length_150_to_10000 = يجب أن يكون بين ١٥٠ و١٠٬٠٠٠ حرف
nav-exchange-moderation = إشراف منصة التبادل
error-comment_not_found = لا يوجد تعليق كهذا.
error-already_flagged = أبلغت عن هذا من قبل، وسينظر فيه المشرفون.
error-suspended = مشاركتك في منصة التبادل موقوفة حتى { $until }. السبب مذكور في الرسالة النصية التي أرسلناها إليك.
error-content_hidden = هذا المحتوى مخفي إلى أن ينظر فيه المشرفون.
field-not_for_people = يخص المحتوى لا الأشخاص
exchange-moderation-what-comment = تعليق
exchange-moderation-what-solution = حل
exchange-moderation-what-need = احتياج
exchange-moderation-what-person = شخص
exchange-sms-moderation-hide = منصة تبادل شيتو: أخفى أحد المشرفين { $kind ->
    [solution] الحل الذي قدمته
    [need] الاحتياج الذي نشرته
   *[comment] تعليقك
}. السبب: { $reason }. القواعد: { $path }
exchange-sms-moderation-warn = منصة تبادل شيتو: وجّه إليك أحد المشرفين تحذيرًا بشأن { $kind ->
    [solution] الحل الذي قدمته
    [need] الاحتياج الذي نشرته
    [comment] تعليقك
   *[person] سلوكك
}. السبب: { $reason }. القواعد: { $path }
exchange-sms-moderation-suspend = منصة تبادل شيتو: أُوقفت مشاركتك حتى { $until } بسبب { $kind ->
    [solution] الحل الذي قدمته
    [need] الاحتياج الذي نشرته
    [comment] تعليقك
   *[person] سلوكك
}. السبب: { $reason }. القواعد: { $path }
exchange-comments = النقاش
exchange-comments-none = لا توجد تعليقات بعد.
exchange-hidden-notice = أخفى المشرفون هذا المحتوى: لا يراه إلا أصحابه والمشرفون.
exchange-comment-hidden = هذا التعليق مخفي إلى أن ينظر فيه المشرفون.
exchange-comment-hidden-moderator = مخفي عن القراء.
exchange-flag-comment = الإبلاغ عن هذا التعليق
exchange-flag-person = الإبلاغ عن كاتبه
exchange-comment-signin = سجّل الدخول للمشاركة في النقاش
exchange-comment-label = تعليقك
exchange-comment-hint = كن لطيفًا، والتزم بالموضوع، ولا تنشر البيانات الشخصية لأحد.
exchange-comment-send = نشر التعليق
exchange-flag-this = الإبلاغ عن هذا إلى المشرفين
exchange-back = رجوع
exchange-flag-title = إبلاغ: { $what }
exchange-flag-lead = أخبر المشرفين بما هو خطأ. لن يظهر اسمك للشخص الذي تبلغ عنه.
exchange-flag-done = شكرًا لك. سينظر المشرفون في الأمر.
exchange-flag-reason = ما المشكلة؟
exchange-flag-reason-spam = رسائل مزعجة أو إعلانات
exchange-flag-reason-abuse = إساءة أو تحرش أو كراهية
exchange-flag-reason-off_topic = لا يتعلق بابتكار الخدمات العامة
exchange-flag-reason-misleading = ادعاءات كاذبة أو مضللة
exchange-flag-reason-personal_data = بيانات شخصية لأحد الناس
exchange-flag-reason-other = شيء آخر
exchange-flag-note = بكلماتك
exchange-flag-note-hint = مطلوب إذا اخترت «شيء آخر».
exchange-flag-send = إرسال البلاغ
exchange-moderation-title = قائمة الإشراف
exchange-moderation-lead = المحتوى والأشخاص المبلَّغ عنهم، والمحتوى المخفي أولًا. يُبلَّغ الشخص بالسبب الذي تكتبه برسالة نصية.
exchange-moderation-empty = لا شيء في الانتظار.
exchange-moderation-hidden = مخفي حتى المراجعة
exchange-moderation-by = كتبه { $name }
exchange-moderation-earlier = { $count ->
    [zero] لم يُحذَّر أو يُوقف من قبل
    [one] حُذِّر أو أُوقف مرة واحدة من قبل
    [two] حُذِّر أو أُوقف مرتين من قبل
    [few] حُذِّر أو أُوقف { $count } مرات من قبل
    [many] حُذِّر أو أُوقف { $count } مرةً من قبل
   *[other] حُذِّر أو أُوقف { $count } مرة من قبل
}
exchange-moderation-action = القرار
exchange-decide-hide = إخفاؤه
exchange-decide-restore = إعادته (لا مخالفة فيه)
exchange-decide-warn = تحذير الشخص (مع إخفاء المحتوى)
exchange-decide-suspend = إيقاف الشخص (مع إخفاء المحتوى)
exchange-moderation-reason = السبب الذي يُبلَّغ به الشخص
exchange-moderation-reason-hint = مطلوب إلا عند الإعادة. اذكر القاعدة التي خولفت.
exchange-moderation-days = أيام الإيقاف
exchange-moderation-days-hint = { $max ->
    [few] للإيقاف فقط: من يوم واحد إلى { $max } أيام.
    [many] للإيقاف فقط: من يوم واحد إلى { $max } يومًا.
   *[other] للإيقاف فقط: من يوم واحد إلى { $max } يوم.
}
exchange-moderation-send = اتخاذ القرار
exchange-decided-hide = أُخفي المحتوى، وأُبلغ الشخص بالسبب.
exchange-decided-restore = أُعيد المحتوى.
exchange-decided-warn = وُجّه التحذير، وأُبلغ الشخص بالسبب.
exchange-decided-suspend = أُوقف الشخص، وأُبلغ بالسبب وبموعد انتهاء الإيقاف.
exchange-policy-title = سياسة المحتوى وقواعد السلوك
exchange-policy-lead = منصة التبادل مكان يتعلم فيه موظفو الخدمة العامة والشركات والخبراء والأكاديميون بعضهم من بعض. هذه القواعد تبقيها مفيدة وآمنة للجميع.
exchange-policy-conduct-title = كيف نتعامل
exchange-policy-conduct-respect = عامل الجميع باحترام، أيًّا كان بلدهم أو لغتهم أو جنسهم أو دينهم أو منصبهم.
exchange-policy-conduct-evidence = قل ما نجح وما لم ينجح، وادعم النتائج بالأدلة.
exchange-policy-conduct-topic = اجعل النقاش عن الخدمات العامة وابتكاراتها.
exchange-policy-conduct-privacy = لا تنشر البيانات الشخصية لأحد: أسماء المواطنين وأرقام هواتفهم وأرقام هوياتهم.
exchange-policy-conduct-selling = لا تعلن ولا تبع؛ يمكن للشركة أن تصف حلها، لا أن تضغط للبيع.
exchange-policy-conduct-credit = انسب الفضل إلى الناس والأماكن التي جاء منها الحل.
exchange-policy-content-title = ما لا يُسمح به
exchange-policy-content-text = يحذف المشرفون:
exchange-policy-flags-title = الإبلاغ
exchange-policy-flags-text = يمكن لكل من سجّل الدخول أن يبلغ عن تعليق أو حل أو احتياج أو شخص، مع ذكر السبب. { $count ->
    [few] إذا أبلغ { $count } أشخاص عن المحتوى نفسه، يُخفى حتى يراجعه أحد المشرفين.
    [many] إذا أبلغ { $count } شخصًا عن المحتوى نفسه، يُخفى حتى يراجعه أحد المشرفين.
   *[other] إذا أبلغ { $count } شخص عن المحتوى نفسه، يُخفى حتى يراجعه أحد المشرفين.
}
exchange-policy-steps-title = ما يفعله المشرفون
exchange-policy-steps-hide = يخفون المحتوى المخالف لهذه القواعد، أو يعيدونه إذا لم تكن فيه مخالفة.
exchange-policy-steps-warn = يحذّرون من كتبه.
exchange-policy-steps-suspend = يوقفون من يكرر المخالفة لعدد من الأيام: لا يستطيع خلالها التعليق أو الإبلاغ أو نشر احتياج أو تقديم حل.
exchange-policy-appeal = يُسجَّل كل قرار. ويُبلَّغ الشخص بالسبب برسالة نصية؛ وإن لم يوافق، فليكتب إلى الأمانة عبر صفحة الملاحظات.
exchange-email-agenda-subject = تغيّر جدول لقاءاتك في { $title }
exchange-email-agenda-body = حدّد المنظمون مواعيد اللقاءات في { $title }، فتغيّر جدولك. تجد لقاءاتك بأوقاتها (بتوقيت ورشة العمل) وطاولاتها في صفحة جدولك، ومنها يمكنك طباعته أو إضافته إلى تقويمك.
exchange-attachments = المرفقات
exchange-attach-size = { $kb } ك.ب
exchange-attach-file = إرفاق ملف
exchange-attach-hint = ملف PDF أو Word أو Excel أو PowerPoint أو OpenDocument أو CSV أو صورة (PNG أو JPEG أو WebP)، حتى ٥ ميغابايت. تراجعه الأمانة مع هذه النسخة.
exchange-attach-send = إرفاق
exchange-attach-remove = إزالة
error-attachment_not_found = لا يوجد مرفق كهذا.
error-revise_first = تُرفق الملفات بنسخة تنتظر المراجعة: عدّل الحل أولًا.
error-too_many_attachments = لا يمكن أن يزيد عدد مرفقات الحل على ٨. أزل أحدها أولًا.
error-attachment_published = هذا المرفق جزء من نسخة منشورة ويبقى معها.
error-attachment_too_large = الملف كبير جدًا: الحد الأقصى { $max } ميغابايت.
field-file_type = يجب أن يكون ملف PDF أو Word أو Excel أو PowerPoint أو OpenDocument أو CSV أو صورة (PNG أو JPEG أو WebP)
exchange-solution-new = شارِك حلًا
exchange-solution-edit = تعديل الحل
exchange-solution-lead = صِف حلًا ناجحًا في الخدمة العامة: المشكلة، وكيف حُلّت، وما الذي حققه الحل، وكيف عرفتم ذلك. تراجعه الأمانة قبل نشره، ويمكنك إرفاق ملفات بعد إرساله.
exchange-solution-for = مقدَّم من
exchange-solution-send = إرسال للمراجعة
exchange-solution-revise-send = إرسال النسخة الجديدة للمراجعة
exchange-countries-hint = رموز الدول مفصولة بفواصل، مثل BD, KE
exchange-solution-revise-link = تعديل
field-not_a_number = يجب أن يكون رقمًا، مثل ١٢
exchange-log-document = وثيقة
exchange-match-document = إضافة وثيقة
exchange-match-document-hint = اتفاقية، أو محضر زيارة، أو تقرير: ملف PDF أو مستند مكتبي أو CSV أو صورة، حتى ٥ ميغابايت. لا يفتحها إلا العضوان والأمانة.
exchange-match-document-note = ما هي (اختياري)
log-exchange-comment-post = علّق في منصة التبادل
log-exchange-flag = أبلغ عن محتوى أو شخص
log-exchange-match-create = طابق احتياجًا مع حل
log-exchange-match-document = أضاف وثيقة إلى مطابقة
log-exchange-match-move = نقل مطابقة إلى مرحلتها التالية
log-exchange-match-note = كتب ملاحظة متابعة على مطابقة
log-exchange-meeting-answer = ردّ على طلب لقاء
log-exchange-meeting-outcome = سجّل نتيجة لقاء
log-exchange-meeting-request = طلب لقاءً في ورشة عمل
log-exchange-member-register = سجّل عضوًا في منصة التبادل
log-exchange-member-verify = تحقق من عضو في منصة التبادل
log-exchange-need-post = نشر احتياجًا
log-exchange-solution-attach = أرفق ملفًا بحل
log-exchange-solution-detach = أزال ملفًا من حل
log-exchange-solution-review = نقل مراجعة حل إلى خطوتها التالية
log-exchange-solution-revise = عدّل حلًا
log-exchange-solution-submit = قدّم حلًا للمراجعة
log-exchange-workshop-add_participant = أضاف مشاركًا إلى ورشة عمل
log-exchange-workshop-availability = حدّد أوقات فراغه في ورشة عمل
log-exchange-workshop-create = أنشأ ورشة عمل
log-exchange-workshop-register = سجّل في ورشة عمل
log-exchange-workshop-schedule = جدول لقاءات ورشة عمل
log-exchange-moderation-hide = أخفى محتوى بصفته مشرفًا
log-exchange-moderation-restore = أعاد محتوى بصفته مشرفًا
log-exchange-moderation-warn = حذّر شخصًا بصفته مشرفًا
log-exchange-moderation-suspend = أوقف شخصًا عن منصة التبادل
