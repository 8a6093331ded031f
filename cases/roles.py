"""The staff groups of the cases app (created by migration cases/0002)."""

# Community staff who triage and handle the reports of the communities they are listed for.
CASE_STAFF = "诉求处理"
# Contacts of a property firm: they see and answer only their firm's work orders.
FIRM_CONTACTS = "物业公司联系人"
HANDLE_ALL_CASES = "cases.handle_all_cases"
