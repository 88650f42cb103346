## Layout
site-name = شيتو
site-tagline = جسر واحد إلى الأسواق والمهارات وابتكار الخدمات العامة
skip-to-content = انتقل إلى المحتوى
nav-home = الرئيسية
nav-regions = المناطق
nav-api = واجهة البرمجة
language-label = اللغة
footer-licence = شيتو برنامج حر ومفتوح المصدر (Apache-2.0)، ومنفعة عامة رقمية.
footer-data = بيانات المناطق: bangladesh-geocode ‏(MIT) و iso-codes ‏(LGPL-2.1+).
footer-country = يخدم { $country }

## Home
home-title = مرحبًا بكم في شيتو
home-intro = شيتو (وتعني «الجسر») منصة عامة واحدة لثلاث خدمات. يمكنك استخدامها بنفسك، أو بمساعدة وكيل في المركز الرقمي القريب منك.
module-commerce-title = التجارة الإلكترونية الريفية
module-commerce-text = تبيع المشاريع المنزلية والصغيرة التي تقودها النساء والمزارعون وتجار الجملة في أنحاء البلاد. يدرج الوكلاء في المراكز الرقمية المنتجات ويقدمون الطلبات نيابةً عن الناس، وتتصل المتاجر الشريكة وشركات الشحن عبر واجهات مفتوحة وموقّعة.
module-skills-title = المهارات والوظائف
module-skills-text = يلتقي الباحثون عن عمل ومقدمو التدريب وأصحاب العمل: دورات وتدريب مهني ووظائف تُطابَق مع المهارات، مع بيانات سوق العمل لصانعي السياسات.
module-exchange-title = تبادل الابتكار
module-exchange-text = تتبادل الحكومات والشركات والخبراء والأكاديميون ابتكارات الخدمات العامة، وينشرون احتياجاتهم، ويجدون الشركاء المناسبين، ويلتقون في ورش التوفيق.
module-status = قريبًا
home-regions-link = تصفح مناطق { $country }

## Regions
regions-title = مناطق { $country }
regions-inside = { $count ->
    [zero] لا توجد مناطق داخلها
    [one] منطقة واحدة داخلها
    [two] منطقتان داخلها
    [few] { $n } مناطق داخلها
   *[other] { $n } منطقة داخلها
}
regions-none = لا توجد مناطق أصغر مدرجة هنا.
regions-breadcrumb = أنت هنا
regions-code = رمز ISO 3166-2
region-level-division = قسم إداري
region-level-district = مديرية
region-level-upazila = أوبازيلا
region-level-union = اتحاد
region-level-governorate = محافظة

## API documentation
api-docs-title = واجهة برمجة شيتو
api-docs-intro = واجهة JSON تحت ‎/api/v1‎. تأتي الأخطاء دائمًا بالشكل {"{"}"error": {"{"}"code", "message"{"}"}{"}"}؛ الرمز ثابت والرسالة باللغة التي تطلبها (Accept-Language).
api-docs-spec = وثيقة OpenAPI 3.1
api-docs-explorer = جرّب الواجهة في المستكشف التفاعلي (يحمّل برنامجًا أكبر)
api-docs-method = الطريقة
api-docs-path = المسار
api-docs-summary = الوظيفة

## Errors (the code doubles as the key)
error-title = حدث خطأ ما
error-home = العودة إلى الصفحة الرئيسية
error-not_found = لم نجد هذه الصفحة.
error-region_not_found = لا توجد منطقة بهذا المعرّف.
error-method_not_allowed = هذا العنوان لا يقبل هذا النوع من الطلبات.
error-payload_too_large = ما أرسلته كبير جدًا.
error-malformed_json = محتوى الطلب ليس JSON صالحًا.
error-unsupported_media_type = أرسل محتوى الطلب بصيغة JSON ‏(Content-Type: application/json).
error-validation_failed = بعض الحقول غير صالحة.
error-invalid_query = في العنوان معاملات لا يمكننا قراءتها.
error-invalid_path = العنوان غير صالح.
error-invalid_cursor = مؤشر الصفحة غير صالح؛ ابدأ من الصفحة الأولى.
error-unsupported_language = هذه اللغة غير متاحة. اختر বাংলা أو English أو العربية.
error-internal_error = حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى.
error-service_unavailable = الخدمة ليست جاهزة بعد. يرجى المحاولة بعد قليل.
error-timeout = استغرق الطلب وقتًا طويلًا. يرجى المحاولة مرة أخرى.
error-bad_request = الطلب غير صالح.

## Field problems
field-required = مطلوب
field-empty = لا يجوز أن يكون فارغًا
field-too_long = يجب ألا يزيد على { $max } حرفًا
field-control_character = يحتوي على حرف غير مسموح به
field-invalid_type = نوعه غير صحيح
field-unknown_field = ليس حقلًا في هذا الطلب
field-out_of_range = يجب أن يكون بين { $min } و { $max }
field-invalid_phone = ليس رقم هاتف محمول في هذا البلد (مثلًا { $example })
field-invalid_region = ليس معرّف منطقة

## Feedback
feedback-title = أخبرنا بما يمكن تحسينه
feedback-intro = هل تعطل شيء أو يمكن أن يكون أفضل؟ أخبرنا. يمكنك ترك رقم هاتفك المحمول إذا أردت ردًا.
feedback-message = رسالتك
feedback-phone = رقم الهاتف المحمول (اختياري)
feedback-send = أرسل
feedback-thanks = شكرًا لك. وصلت رسالتك إلى الفريق.
nav-feedback = ملاحظات
error-cross_site_request = أُرسل هذا النموذج من موقع آخر، لذلك رُفض.

## Text messages (SMS)
sms-password-code = شيتو: رمز تعيين كلمة المرور هو { $code }. صالح لمدة 10 دقائق. لا تشاركه مع أحد.
sms-mandate-code = شيتو: يطلب الوكيل { $agent } أن يعمل نيابةً عنك ({ $scopes }). إذا وافقت فأعطه الرمز { $code }. صالح لمدة 10 دقائق.

## Mandate scopes
scope-profile-edit = تحديث ملفك الشخصي
scope-commerce-sell = البيع نيابةً عنك
scope-commerce-buy = الطلب نيابةً عنك
scope-skills-profile = ملف مهاراتك ووظائفك

## People and access: errors
error-invalid_credentials = رقم الهاتف أو كلمة المرور غير صحيحة.
error-rate_limited = محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.
error-sign_in_required = يرجى تسجيل الدخول أولًا.
error-forbidden = غير مسموح لك بهذا.
error-mandate_required = تحتاج إلى إذن ساري المفعول (تفويض) من هذا الشخص.
error-code_invalid = الرمز غير صحيح أو منتهي الصلاحية. اطلب رمزًا جديدًا.
error-person_not_found = لا يوجد شخص بهذا المعرّف.
error-mandate_not_found = لا يوجد إذن بهذا المعرّف.
error-token_not_found = لا يوجد رمز وصول بهذا المعرّف.
error-organization_not_found = لا توجد جهة بهذا المعرّف.
error-service_point_not_found = لا توجد نقطة خدمة بهذا المعرّف.
error-phone_taken = رقم الهاتف هذا مسجّل من قبل.
error-mandate_not_pending = هذا الإذن لم يعد بانتظار التأكيد.
error-mandate_revoked = سُحب هذا الإذن من قبل.
error-cannot_remove_own_admin = لا يمكنك إزالة دور المسؤول عن نفسك.
error-csrf_failed = انتهت صلاحية هذا النموذج. ارجع وأعد تحميل الصفحة ثم حاول مرة أخرى.
field-too_short = يجب ألا يقل عن { $min } أحرف
field-unknown_value = ليس من القيم المسموح بها
field-self_mandate = لا يمكن أن يكون أنت
field-not_an_image = يجب أن يكون صورة JPEG أو PNG أو WebP
field-not_found = غير موجود
field-invalid = غير صالح

## Header
nav-signin = تسجيل الدخول
nav-account = حسابي
nav-agent = لوحة الوكيل
nav-admin = الإدارة
nav-signout = تسجيل الخروج
signed-in-as = مسجّل الدخول باسم { $name }
acting-for = أنت تعمل نيابةً عن { $name }
acting-stop = إيقاف العمل نيابةً

## Sign in and password
signin-title = تسجيل الدخول
signin-phone = رقم الهاتف المحمول
signin-password = كلمة المرور
signin-submit = دخول
signin-no-password = ليس لديك كلمة مرور أو نسيتها؟ عيّنها برمز يُرسل إلى هاتفك.
password-title = تعيين كلمة المرور
password-intro = نرسل رمزًا برسالة نصية إلى رقمك، ثم تختار كلمة مرور.
password-send-code = أرسل الرمز
password-code = الرمز من الرسالة
password-new = كلمة مرور جديدة (8 أحرف على الأقل)
password-save = حفظ كلمة المرور
password-sent = إذا كان الرقم مسجّلًا فالرمز في الطريق. صالح لمدة 10 دقائق.
password-done = تم تعيين كلمة المرور. سجّل الدخول الآن.

## My account
account-title = حسابي
account-profile = الملف الشخصي
account-name = الاسم
account-language = اللغة
account-home-region = المنطقة الأصلية
account-no-region = لم تُحدَّد
account-save = حفظ
account-saved = تم الحفظ.
account-phone = رقم الهاتف المحمول
account-roles = الأدوار
account-memberships = الجهات
account-none = لا يوجد
account-mandates = الأذونات التي منحتها
account-tokens-link = رموز الوصول للواجهة
account-audit-link = ما فعله الآخرون نيابةً عنك
role-admin = مسؤول
role-moderator = مشرف
role-agent = وكيل
role-analyst = محلل
member-owner = مالك
member-staff = موظف
mandate-status-pending = بانتظار التأكيد
mandate-status-active = ساري
mandate-status-expired = منتهي
mandate-status-revoked = مسحوب
mandate-until = حتى { $date }
mandate-revoke = سحب
mandate-agent = الوكيل
mandate-scopes = يسمح بـ
mandate-status = الحالة

## API tokens
tokens-title = رموز الوصول للواجهة
tokens-intro = يتيح الرمز لبرنامج استخدام الواجهة باسمك. يُعرض الرمز الجديد مرة واحدة فقط.
tokens-name = اسم الرمز الجديد
tokens-create = إنشاء رمز
tokens-new = رمزك الجديد. انسخه الآن؛ لن يُعرض مرة أخرى:
tokens-revoke = إلغاء
tokens-none = لا توجد رموز بعد.
tokens-created = أُنشئ
tokens-last-used = آخر استخدام
tokens-revoked = أُلغي

## Audit
audit-title = ما فعله الآخرون نيابةً عنك
audit-intro = كل إجراء قام به غيرك نيابةً عنك أو بشأنك، الأحدث أولًا.
audit-when = متى
audit-who = من
audit-what = ماذا
audit-none = لم يقم أحد بأي شيء نيابةً عنك بعد.
action-person-create = سجّلك
action-person-update_profile = غيّر ملفك الشخصي
action-person-set_password = عيّن كلمة مرورك
action-mandate-request = طلب إذنك
action-mandate-confirm = سجّل إذنك
action-mandate-revoke = سحب إذنًا
action-agent-act_for = بدأ العمل نيابةً عنك
action-agent-stop_acting = توقف عن العمل نيابةً عنك
action-role-grant = منحك دورًا
action-role-withdraw = سحب منك دورًا
action-membership-set = أضافك إلى جهة
action-service_point-assign_agent = جعلك وكيلًا في نقطة خدمة
someone-system = شيتو (النظام)

## Agent console
agent-title = لوحة الوكيل
agent-point = نقطة خدمتك: { $name }
agent-clients = عملائي
agent-none = لا يوجد عملاء بعد.
agent-act = اعمل نيابةً عن هذا العميل
agent-request-title = اطلب إذن شخص
agent-request-intro = أدخل رقم هاتف الشخص. إذا كان جديدًا فأدخل اسمه أيضًا لتسجيله. سيصله رمز برسالة نصية.
agent-person-name = الاسم (لشخص جديد)
agent-person-phone = رقم الهاتف المحمول
agent-scopes-label = ما يمكنك فعله نيابةً عنه
agent-days = لكم يومًا
agent-request-submit = أرسل الرمز
agent-requested = أُرسل رمز إلى هاتف الشخص. أدخله أدناه عندما يخبرك به.
agent-confirm-title = أدخل الرمز
agent-code = الرمز الذي وصل إلى الشخص
agent-confirm-submit = تأكيد
agent-paper-title = أو سجّل نموذجًا ورقيًا موقّعًا
agent-witness = اسم الشاهد
agent-photo = صورة النموذج الموقّع
agent-paper-submit = تسجيل النموذج الورقي
agent-acting-title = تعمل نيابةً عن { $name }
agent-client-profile = حدّث لغة العميل ومنطقته الأصلية
agent-client-saved = حُفظ ملف العميل.

## Admin
admin-title = الإدارة
admin-people = الأشخاص
admin-search = ابحث بالاسم أو رقم الهاتف
admin-search-submit = بحث
admin-register = تسجيل شخص
admin-roles = الأدوار
admin-grant = منح
admin-withdraw = سحب
admin-role = الدور
admin-person-phone = رقم هاتف الشخص
admin-orgs = الجهات
admin-org-name = الاسم
admin-org-kind = النوع
admin-create-org = إنشاء جهة
admin-add-member = إضافة عضو
admin-member-role = الدور في الجهة
admin-points = نقاط الخدمة
admin-point-name = اسم نقطة الخدمة
admin-point-region = المنطقة (معرّف، مثل jo.governorate.jo-am)
admin-create-point = افتتاح نقطة خدمة
admin-assign-agent = تعيين وكيل
admin-audit = سجل التدقيق
admin-audit-filter = معرّف الشخص أو الإجراء (مثل mandate.)
admin-sms = صندوق الرسائل التجريبي (للعرض فقط)
admin-sms-to = إلى
admin-sms-text = النص
admin-sms-none = لا توجد رسائل.
admin-done = تم.
orgkind-shop = متجر
orgkind-wholesaler = تاجر جملة
orgkind-partner_marketplace = سوق إلكتروني شريك
orgkind-courier = شركة شحن
orgkind-training_provider = مقدم تدريب
orgkind-employer = صاحب عمل
orgkind-recruiting_agency = وكالة توظيف
orgkind-industry_association = اتحاد صناعي
orgkind-government_department = جهة حكومية
orgkind-network_member = عضو في الشبكة
