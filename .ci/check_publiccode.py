"""Checks publiccode.yml against the rules of the publiccode.yml standard 0.4 that apply to shetu
(required keys, allowed values, description lengths). Exits non-zero naming each problem."""
import datetime
import sys

import yaml

CATEGORIES = {
    "accounting", "agile-project-management", "applicant-tracking", "application-development",
    "appointment-scheduling", "backup", "billing-and-invoicing", "blog", "budgeting",
    "business-intelligence", "business-process-management", "cad", "call-center-management",
    "cloud-management", "collaboration", "communications", "compliance-management",
    "contact-management", "content-management", "crowdsourcing", "customer-relationship-management",
    "customer-service-and-support", "data-analytics", "data-collection", "data-visualization",
    "digital-asset-management", "document-management", "donor-management", "e-commerce",
    "e-signature", "email-management", "email-marketing", "employee-management",
    "enterprise-project-management", "enterprise-social-networking", "erp", "event-management",
    "facility-management", "feedback-and-reviews-management", "financial-reporting",
    "fleet-management", "fund-accounting", "gis", "grant-management", "graphic-design",
    "help-desk", "hr", "ide", "identity-management", "instant-messaging", "inventory-management",
    "it-asset-management", "it-development", "it-management", "it-security", "it-service-management",
    "knowledge-management", "learning-management-system", "marketing", "mind-mapping",
    "mobile-marketing", "mobile-payment", "network-management", "office", "online-booking",
    "online-community", "payment-management", "payroll", "predictive-analysis", "procurement",
    "productivity-suite", "project-collaboration", "project-management", "property-management",
    "real-estate-management", "recruitment", "remote-support", "resource-management",
    "sales-management", "seo", "service-desk", "social-media-management", "survey",
    "talent-management", "task-management", "taxes-management", "test-management",
    "time-management", "time-tracking", "translation", "video-conferencing", "video-editing",
    "visitor-management", "voip", "warehouse-management", "web-collaboration", "web-conferencing",
    "website-builder", "whistleblowing", "workflow-management",
}
STATUS = {"concept", "development", "beta", "stable", "obsolete"}
TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
         "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
MAINTENANCE = {"internal", "contract", "community", "none"}

doc = yaml.safe_load(open(sys.argv[1] if len(sys.argv) > 1 else "publiccode.yml", encoding="utf-8"))
problems = []
def need(cond, msg):
    if not cond:
        problems.append(msg)

for key in ["publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus",
            "softwareType", "description", "legal", "maintenance", "localisation"]:
    need(key in doc, f"missing {key}")
need(str(doc.get("publiccodeYmlVersion")) in {"0.2", "0.3", "0.4"}, "publiccodeYmlVersion")
need(str(doc.get("url", "")).startswith("https://"), "url must be https")
try:
    datetime.date.fromisoformat(str(doc.get("releaseDate")))
except ValueError:
    problems.append("releaseDate must be YYYY-MM-DD")
need(set(doc.get("categories", [])) <= CATEGORIES, f"unknown categories {set(doc.get('categories', [])) - CATEGORIES}")
need(doc.get("developmentStatus") in STATUS, "developmentStatus")
need(doc.get("softwareType") in TYPES, "softwareType")
for lang, d in doc.get("description", {}).items():
    need(len(d.get("shortDescription", "")) <= 150, f"description.{lang}.shortDescription over 150 characters")
    need(150 <= len(d.get("longDescription", "")) <= 10000, f"description.{lang}.longDescription must be 150-10000 characters")
    need(bool(d.get("features")), f"description.{lang}.features missing")
need({"en", "bn"} <= set(doc.get("description", {})), "descriptions in en and bn are required")
need(bool(doc.get("legal", {}).get("license")), "legal.license")
m = doc.get("maintenance", {})
need(m.get("type") in MAINTENANCE, "maintenance.type")
need(m.get("type") not in {"internal", "community"} or bool(m.get("contacts")), "maintenance.contacts")
need("localisationReady" in doc.get("localisation", {}) and doc["localisation"].get("availableLanguages"), "localisation")

if problems:
    print("publiccode.yml: " + "; ".join(problems))
    sys.exit(1)
print("publiccode.yml: valid")
