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
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["report_published"]

report_published = Signal()
