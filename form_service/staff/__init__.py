"""Staff tools over the registration queue: stats, export, verify, show and purge.

The click commands live in :mod:`form_service.staff_cli`; the logic here takes a queue and,
where it needs run metadata, a :class:`catalog.catalog.Catalog`. Everything streams the queue
file line by line so memory stays flat for 100,000 registrations.
"""
