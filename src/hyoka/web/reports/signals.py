"""What storage announces to the rest of the workspace, so that it never calls up into what
depends on it (the pages, their caches).

``report_published`` is sent once for each publication (``storage.transition(…, "publish", …)``),
when its rows are written, inside the publication's transaction (as Django's ``post_save``: a
receiver that needs the publication committed, or that must not run if it is rolled back, defers its
work with ``transaction.on_commit``; one that writes at once does so in its own ``atomic`` block),
with ``sender=Report`` and:

* ``report_id`` — the report published;
* ``revision_id`` — the revision that became its published revision;
* ``bulk`` — True when the publication is one of many made at once (a bulk import), whose
  follow-up work (rendering the public pages) the publisher does itself afterwards, in parallel.

Receivers are connected in ``ReportsConfig.ready`` (the stored public pages:
``public_pages.on_report_published``, which renders them once the publication commits). The signal
is sent with ``send_robust``: a receiver's failure is logged and neither fails nor undoes the
publication.

``report_withdrawn`` is sent once for each withdrawal of a publication (公表取消,
``storage.transition(…, "withdraw", …)``), inside its transaction, once the report has no published
revision any more, with ``sender=Report``, ``report_id`` and ``revision_id`` (the revision that was
published). It is sent with ``send``: a receiver's failure undoes the withdrawal, so that nothing
the public read stays behind (``public_pages.on_report_withdrawn`` deletes the stored pages and
the rendered files of that revision).
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["report_published", "report_withdrawn"]

report_published = Signal()
report_withdrawn = Signal()
