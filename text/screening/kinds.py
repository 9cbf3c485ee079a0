"""The names the screens answer in: crisis kinds, identifier kinds and the public kind."""

CRISIS_KINDS = ("suicide", "self_harm", "overdose", "medical_emergency", "abuse")
IDENTIFIER_KINDS = (
    "phone",
    "email",
    "street_address",
    "date_of_birth",
    "record_number",
    "name_with_condition",
)
# Not a kind of identifier: a moderator-listed number or phrase that must never be flagged
# (a local helpline, a clinic's public switchboard).
PUBLIC_KIND = "public"
