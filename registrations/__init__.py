"""The applicant domain: registrations, their status history, and where they are stored.

Domain code only: no Flask, no MkDocs. It uses :mod:`catalog` and is used by the form service,
the staff commands and nothing on the public site.

========================  ======================================================================
:mod:`.ids`               registration numbers (``KP-XXXX-XXXX-XXXX``)
:mod:`.personal`          NIK and phone as values that mask themselves in ``repr`` and logs
:mod:`.status`            the status enum, its Indonesian labels and the allowed transitions
:mod:`.models`            ``Registration``, ``Applicant``, ``Consent``, ``StatusEvent``
:mod:`.records`           the stored form of those (field names, format versions 1 and 2)
:mod:`.rules`             who may register, and the duplicate / overlap / waiting-list rules
:mod:`.store`             the one store interface (a ``Protocol``) and ``open_store``
:mod:`.jsonl`             the JSON Lines file store (default)
:mod:`.postgres`          the PostgreSQL store (several app servers)
:mod:`.settings`          where the store is, read once for the form and the staff commands
========================  ======================================================================
"""
