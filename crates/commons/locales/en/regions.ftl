## Regions of the country pack
nav-regions = Regions
home-regions-link = Browse the regions of { $country }
regions-title = Regions of { $country }
regions-inside = { $count ->
    [one] { $n } region inside
   *[other] { $n } regions inside
}
regions-none = No smaller regions are listed here.
regions-breadcrumb = You are here
regions-code = ISO 3166-2 code
region-level-division = Division
region-level-district = District
region-level-upazila = Upazila
region-level-union = Union
region-level-governorate = Governorate
error-region_not_found = There is no such region.
home-regions-title = Places
home-regions-text = Every region of { $country }, from the largest to the smallest, and the digital centres where people can get help in each.
