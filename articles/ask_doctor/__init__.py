"""Ask the doctor: a patient asks how an item applies to them; verified clinicians answer.

One module per concern: `permissions` (who may do what), `queue` (the status changes and the
verbs), `faq` (from answer to the item's FAQ, with consent), `integration` (account export and
deletion, the item-page block), `tasks` (emails), and the web layer (`views`, `forms`, `urls`,
`admin`). The models live in `articles/models/ask_doctor.py`. Dependencies point one way:
views → faq → queue → permissions → models; tasks listen to the signals queue and faq send.
"""
