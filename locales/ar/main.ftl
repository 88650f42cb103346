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
