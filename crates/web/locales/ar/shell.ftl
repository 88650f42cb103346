## The shell: layout, home, API docs, errors any route can give
site-name = شيتو
site-tagline = جسر واحد إلى الأسواق والمهارات وابتكار الخدمات العامة
skip-to-content = انتقل إلى المحتوى
nav-home = الرئيسية
nav-api = واجهة البرمجة
language-label = اللغة
footer-licence = شيتو برنامج حر ومفتوح المصدر (Apache-2.0)، ومنفعة عامة رقمية.
footer-country = يخدم { $country }
home-title = مرحبًا بكم في شيتو
home-intro = شيتو (وتعني «الجسر») منصة عامة واحدة لثلاث خدمات. يمكنك استخدامها بنفسك، أو بمساعدة وكيل في المركز الرقمي القريب منك.
api-docs-title = واجهة برمجة شيتو
api-docs-intro = واجهة JSON تحت ‎/api/v1‎. تأتي الأخطاء دائمًا بالشكل {"{"}"error": {"{"}"code", "message"{"}"}{"}"}؛ الرمز ثابت والرسالة باللغة التي تطلبها (Accept-Language).
api-docs-spec = وثيقة OpenAPI 3.1
api-docs-explorer = جرّب الواجهة في المستكشف التفاعلي (يحمّل برنامجًا أكبر)
api-docs-method = الطريقة
api-docs-path = المسار
api-docs-summary = الوظيفة
error-title = حدث خطأ ما
error-home = العودة إلى الصفحة الرئيسية
error-not_found = لم نجد هذه الصفحة.
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
field-required = مطلوب
field-empty = لا يجوز أن يكون فارغًا
field-too_long = { $max ->
    [one] يجب ألا يزيد على حرف واحد
    [two] يجب ألا يزيد على حرفين
    [few] يجب ألا يزيد على { $max } أحرف
    [many] يجب ألا يزيد على { $max } حرفًا
   *[other] يجب ألا يزيد على { $max } حرف
}
field-control_character = يحتوي على حرف غير مسموح به
field-invalid_type = نوعه غير صحيح
field-unknown_field = ليس حقلًا في هذا الطلب
field-out_of_range = يجب أن يكون بين { $min } و { $max }
field-invalid_phone = ليس رقم هاتف محمول في هذا البلد (مثلًا { $example })
field-invalid_region = ليس معرّف منطقة
error-cross_site_request = أُرسل هذا النموذج من موقع آخر، لذلك رُفض.
error-rate_limited = محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.
error-sign_in_required = يرجى تسجيل الدخول أولًا.
error-forbidden = غير مسموح لك بهذا.
error-mandate_required = تحتاج إلى إذن ساري المفعول (تفويض) من هذا الشخص.
error-csrf_failed = انتهت صلاحية هذا النموذج. ارجع وأعد تحميل الصفحة ثم حاول مرة أخرى.
field-too_short = { $min ->
    [one] يجب ألا يقل عن حرف واحد
    [two] يجب ألا يقل عن حرفين
    [few] يجب ألا يقل عن { $min } أحرف
    [many] يجب ألا يقل عن { $min } حرفًا
   *[other] يجب ألا يقل عن { $min } حرف
}
field-unknown_value = ليس من القيم المسموح بها
field-not_found = غير موجود
field-invalid = غير صالح
nav-signout = تسجيل الخروج
signed-in-as = مسجّل الدخول باسم { $name }
acting-for = أنت تعمل نيابةً عن { $name }
acting-stop = إيقاف العمل نيابةً
error-audit_log_empty = لم يُسجَّل شيء في سجل التدقيق بعد.
error-audit_event_not_found = لا يوجد حدث كهذا يخصك في سجل التدقيق.
error-audit_not_yet_integrated = لم يدخل هذا الحدث في رأس شجرة موقَّع بعد. حاول مرة أخرى بعد ثوانٍ.
error-on_behalf_of_not_allowed = لا يمكن القيام بهذا نيابةً عن شخص آخر: أرسل الطلب دون On-Behalf-Of.
form-errors-title = هناك مشكلة
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
privacy-link = الخصوصية
terms-link = شروط الاستخدام
privacy-operator-unset = (لم تحدده الجهة المشغلة بعد)
privacy-title = بياناتك وخصوصيتك
privacy-intro = تدير هذه الخدمةَ { $operator }. ولا تحتفظ إلا بما تحتاجه لخدمتك.
privacy-what-title = ما نحتفظ به
privacy-what = اسمك ورقم هاتفك المحمول ولغتك ومنطقتك؛ والأذونات التي تمنحها للوكلاء وما فعلوه نيابةً عنك؛ وعمليات تسجيل دخولك؛ وما تفعله في الخدمات التي تستخدمها (كمتجرك أو ملفك المهني).
privacy-why-title = لماذا، وإلى متى
privacy-why = لخدمتك، ولتتمكن من التحقق مما فُعل باسمك. تُحفظ سجلات الأعمال في سجل موقَّع لا يستطيع أحد تغييره خفية؛ وتُجعل بياناتك الشخصية فيه غير قابلة للقراءة عندما تطلب حذفها.
privacy-rights-title = حقوقك
privacy-rights = يمكنك أن ترى كل ما نحتفظ به عنك وأن تنزّله من صفحة حسابك، وأن تصححه، وأن تطلب حذفه. ولا يستطيع الوكيل القيام بذلك عنك إلا بإذنك.
privacy-law-title = القانون
privacy-law = بياناتك محمية بموجب { $law }.
privacy-contact = للاستفسار عن بياناتك: { $contact }
terms-title = شروط الاستخدام
terms-intro = تدير هذه الخدمةَ { $operator } بوصفها خدمة عامة.
terms-use-title = استخدام الخدمة
terms-use = استخدم رقم هاتفك أنت وقدّم معلومات صحيحة عن نفسك. لا تستخدم الخدمة للاحتيال أو المضايقة أو إيذاء أحد.
terms-agents-title = الوكلاء الذين يعملون نيابةً عنك
terms-agents = لا يعمل وكيل المركز الرقمي نيابةً عنك إلا بإذن منحته، وفي حدود ما ينص عليه وحتى انتهائه. ويمكنك سحبه في أي وقت.
terms-law-title = القانون المطبق
terms-law = تخضع هذه الشروط وبياناتك لـ{ $law }.

## سبب التطابق (shetu_match::reasons)، والقوائم
match-skills = المهارات المطلوبة المتوفرة: { $matched } من { $asked }
match-missing = غير متوفر: { $names }
match-missing-more = غير متوفر: { $names }، وغيرها ({ $more })
match-occupation = المهنة: { $name }
match-region = المنطقة نفسها: { $name }
match-tags = قواسم مشتركة أخرى: { $names }
list-and = { $head } و{ $last }
list-separator = {"، "}
clause-separator = {"؛ "}
