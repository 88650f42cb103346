## Feedback to the team that runs the platform
feedback-title = أخبرنا بما يمكن تحسينه
feedback-intro = هل تعطل شيء أو يمكن أن يكون أفضل؟ أخبرنا. يمكنك ترك رقم هاتفك المحمول إذا أردت ردًا.
feedback-message = رسالتك
feedback-phone = رقم الهاتف المحمول (اختياري)
feedback-send = أرسل
feedback-thanks = شكرًا لك. وصلت رسالتك إلى الفريق.
nav-feedback = ملاحظات
home-feedback-title = أخبرنا بما يمكن تحسينه
home-feedback-text = هل تعطل شيء؟ اكتب إلى الفريق الذي يدير المنصة.
home-feedback-link = راسلنا
