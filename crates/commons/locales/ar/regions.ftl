## Regions of the country pack
nav-regions = المناطق
home-regions-link = تصفح مناطق { $country }
regions-title = مناطق { $country }
regions-inside = { $count ->
    [zero] لا توجد مناطق داخلها
    [one] منطقة واحدة داخلها
    [two] منطقتان داخلها
    [few] { $n } مناطق داخلها
    [many] { $n } منطقةً داخلها
   *[other] { $n } منطقة داخلها
}
regions-none = لا توجد مناطق أصغر مدرجة هنا.
regions-breadcrumb = أنت هنا
regions-code = رمز ISO 3166-2
region-level-division = قسم إداري
region-level-district = مديرية
region-level-upazila = أوبازيلا
region-level-union = مجلس الاتحاد
region-level-governorate = محافظة
error-region_not_found = لا توجد منطقة بهذا المعرّف.
home-regions-title = المناطق
home-regions-text = كل مناطق { $country } من الأكبر إلى الأصغر، والمراكز الرقمية التي يجد فيها الناس المساعدة في كل منها.
