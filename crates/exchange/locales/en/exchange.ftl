nav-exchange = Innovation exchange
nav-exchange-secretariat = Exchange secretariat
home-exchange-title = Public-service innovations
home-exchange-text = Governments, firms, experts and academics share solutions that worked at home and find ones that fit their needs.
home-exchange-link = Open the exchange
org-kind-government = Government
org-kind-private = Private company
org-kind-academic = Academic institution
org-kind-development-partner = Development partner
org-kind-civil-society = Civil society organisation

exchange-title = Public-service innovation exchange
exchange-lead = A South-South network: members share public-service solutions that worked at home, post the problems they need solved, and are matched with each other.
exchange-members-count = { $count ->
    [one] { $n } member
   *[other] { $n } members
}
exchange-solutions-title = Solutions
exchange-needs-title = Needs
exchange-latest-solutions = Latest solutions
exchange-open-needs = Open needs
exchange-none-yet = Nothing here yet.
exchange-members-title = Member directory
exchange-country = Country
exchange-kind = Kind of member
exchange-focus = Focus area
exchange-show = Show
exchange-members-found = { $count ->
    [one] { $n } member found
   *[other] { $n } members found
}
exchange-all-countries = All countries
exchange-all-kinds = All kinds
exchange-all-focus = All focus areas
exchange-all-maturity = Any maturity
exchange-runs-in = Runs in
exchange-sdg = SDG target or goal
exchange-sdg-hint = For example 16.6, or 16 for every target of goal 16.
exchange-maturity = Maturity
exchange-solutions-found = { $count ->
    [one] { $n } solution found
   *[other] { $n } solutions found
}
exchange-status-note = You are reading the latest version, which is { $status }. Readers see the published version.
exchange-status-submitted = waiting for review
exchange-status-in_review = in review
exchange-status-published = published
exchange-status-returned = returned for changes
exchange-field-title = Title
exchange-field-problem = The problem
exchange-field-approach = The approach
exchange-field-results = Results
exchange-field-evidence = Evidence
exchange-field-implemented = Running today
exchange-field-countries = Where it runs
exchange-field-level = Level of government
exchange-field-cost = Cost to adopt
exchange-field-months-to-adopt = Months to adopt
exchange-field-maturity = Maturity
exchange-field-sdgs = SDG targets
exchange-field-focus = Focus areas
exchange-field-contact = Contact
exchange-field-context = Context
exchange-field-constraints = Constraints
exchange-yes = Yes
exchange-no = No
exchange-level-national = National
exchange-level-regional = Regional or provincial
exchange-level-local = Local
exchange-cost-low = Low
exchange-cost-medium = Medium
exchange-cost-high = High
exchange-maturity-idea = Idea
exchange-maturity-pilot = Pilot
exchange-maturity-scaled = Scaled up
exchange-maturity-replicated = Replicated elsewhere
exchange-history = Versions
exchange-version-published = Version { $version }, published { $date }
exchange-version-draft = Version { $version }, not published
exchange-compare-from = Compare version
exchange-compare-to = with version
exchange-compare = See what changed
exchange-reviews = Review
exchange-changes-title = What changed
exchange-changes-between = from version { $from } to version { $to }
exchange-changes-none = Nothing changed between these versions.
exchange-changes-legend = Struck-through words were removed; underlined words were added.
exchange-suggested = Solutions that may fit
exchange-suggested-none = No published solution fits this need yet. The secretariat will look for one.
exchange-why = Why it may fit:
exchange-secretariat-title = Exchange secretariat
exchange-pending-members = Members waiting for verification
exchange-none-waiting = Nothing is waiting.
exchange-verify = Verify
exchange-review-queue = Solutions to review
exchange-review-criteria = Publish a solution when its problem, approach and results are clear, its results have evidence, it says where it runs, and it names a contact. Otherwise return it and say what is missing.
exchange-version = version { $version }
exchange-start-review = Start the review
exchange-review-comment = Comment (needed when you return it)
exchange-publish = Publish
exchange-return = Return for changes
exchange-kind-government = Government
exchange-kind-private = Private company
exchange-kind-academic = Academic institution
exchange-kind-development_partner = Development partner
exchange-kind-civil_society = Civil society organisation
exchange-kind-expert = Individual expert
exchange-focus-future_public_service = Future of public service
exchange-focus-civil_service = Civil service
exchange-focus-finance = Public finance
exchange-focus-work = Future of work
exchange-focus-data_innovation = Data innovation
exchange-focus-commerce = Commerce
exchange-lang-bn = Bangla
exchange-lang-en = English
exchange-lang-ar = Arabic
exchange-lang-fr = French
exchange-lang-es = Spanish
exchange-lang-pt = Portuguese
exchange-lang-tr = Turkish
exchange-lang-so = Somali
exchange-list = { $first } and { $last }
exchange-list-comma = {", "}
exchange-reason-sdg = { $count ->
    [one] Both work on SDG target { $values }.
   *[other] Both work on SDG targets { $values }.
}
exchange-reason-goal = { $count ->
    [one] Both work towards SDG goal { $values }.
   *[other] Both work towards SDG goals { $values }.
}
exchange-reason-focus = Both are about { $values }.
exchange-reason-words = Its description speaks of { $values }, as your need does.
exchange-reason-language = Its team works in { $values }, as you can.
exchange-reason-proven = It has already been scaled up or replicated.
exchange-reason-proven-in = It already runs in { $values }.
error-member_not_found = There is no such member.
error-member_not_verified = The secretariat has not verified this member yet.
error-member_exists = You are a member of the network already.
error-solution_not_found = There is no such solution.
error-version_not_found = There is no such version.
error-need_not_found = There is no such need.
error-invalid_review_move = The review cannot move that way now.
field-unknown_code = is not one of the choices
field-unknown_country = must be a country code such as BD or KE
field-unknown_sdg_target = must be an SDG target such as 16.6
field-not_a_url = must be a web address starting with https://
